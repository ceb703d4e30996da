/**
 * Sizes of the synthetic estates. The counts are targets: the generator fills the flexible
 * parts (data-center hosts, their extra links, ducts, application instances per district,
 * usages per tenant) so that each kind lands on its target.
 */

/** Named sizes. `state` is shaped like a large German Land (North Rhine-Westphalia has 396 municipalities). */
export type Preset = 'small' | 'region' | 'state';

/** Everything the generator needs to know about the size and place of an estate. */
export interface Shape {
  /** Districts (Kreise). */
  districts: number;
  /** Municipalities, including the district-free cities. */
  municipalities: number;
  /** District-free cities (kreisfreie Städte): large, each its own application group. */
  cities: number;
  /** Regional IT providers; each serves a sector of the Land from its own data center. */
  providers: number;
  /** Data centers of the association (the first is the primary). */
  associationDatacenters: number;
  /** Nodes on each district's fibre ring. */
  ringNodesPerDistrict: number;
  sites: number;
  devices: number;
  links: number;
  riskGroups: number;
  applications: number;
  usages: number;
  /** Change sets, including the plan's proposed ones. */
  changeSets: number;
  /** Where the estate lies: centre and half-extent (km east–west, north–south). */
  area: { lat: number; lon: number; radiusEastKm: number; radiusNorthKm: number };
}

const presets: Readonly<Record<Preset, Shape>> = {
  small: {
    districts: 1,
    municipalities: 6,
    cities: 1,
    providers: 2,
    associationDatacenters: 1,
    ringNodesPerDistrict: 4,
    sites: 40,
    devices: 180,
    links: 300,
    riskGroups: 14,
    applications: 22,
    usages: 60,
    changeSets: 10,
    area: { lat: 51.93, lon: 8.88, radiusEastKm: 22, radiusNorthKm: 18 },
  },
  region: {
    districts: 2,
    municipalities: 20,
    cities: 1,
    providers: 2,
    associationDatacenters: 1,
    ringNodesPerDistrict: 6,
    sites: 1000,
    devices: 3000,
    links: 5000,
    riskGroups: 250,
    applications: 50,
    usages: 2500,
    // A twentieth of 50 would leave no timeline worth testing.
    changeSets: 14,
    area: { lat: 51.85, lon: 8.8, radiusEastKm: 45, radiusNorthKm: 35 },
  },
  state: {
    districts: 31,
    municipalities: 400,
    cities: 22,
    providers: 4,
    associationDatacenters: 2,
    ringNodesPerDistrict: 6,
    sites: 20_000,
    devices: 60_000,
    links: 100_000,
    riskGroups: 5_000,
    applications: 1_000,
    usages: 50_000,
    changeSets: 50,
    area: { lat: 51.45, lon: 7.75, radiusEastKm: 115, radiusNorthKm: 100 },
  },
};

/**
 * The shape of a preset with every count multiplied by `scale`. Structural numbers
 * (providers, data centers, ring size) stay: a bigger estate has more of everything, not
 * a different architecture. The area stays: a scaled Land is denser, not wider, so its
 * coordinates remain inside Germany.
 */
export function shapeOf(preset: Preset, scale = 1): Shape {
  const p = presets[preset];
  if (!(scale > 0) || !Number.isFinite(scale)) throw new RangeError(`scale must be a positive number, got ${scale}`);
  if (scale === 1) return { ...p, area: { ...p.area } };
  const n = (x: number, min: number): number => Math.max(min, Math.round(x * scale));
  const districts = n(p.districts, 1);
  const municipalities = n(p.municipalities, districts + 1);
  const cities = Math.min(Math.round(p.cities * scale), municipalities - districts);
  return {
    ...p,
    districts,
    municipalities,
    cities,
    sites: n(p.sites, 8 + 2 * (municipalities + districts) + districts * p.ringNodesPerDistrict),
    devices: n(p.devices, 1),
    links: n(p.links, 1),
    riskGroups: n(p.riskGroups, 1),
    applications: n(p.applications, 1),
    usages: n(p.usages, 1),
    changeSets: n(p.changeSets, 6),
    area: { ...p.area },
  };
}
