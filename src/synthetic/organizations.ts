/**
 * The organizations of a synthetic Land: the association that operates the joint data
 * centers, the regional IT providers it merges, carriers, districts (Kreise), their
 * municipalities and the district-free cities. Also decides geography (where each tenant
 * lies) and who serves whom, because every later phase builds on both.
 */
import type { Random } from '../util/Random.js';
import { bearing, offset, scatter, spreadPoints } from './geo.js';
import { type IdRegistry, PlaceNamer, slugify } from './names.js';
import type { Shape } from './presets.js';
import type { LatLon, OrganizationDoc } from './types.js';

/** A district (Kreis) as a region of the network: one fibre ring per district. */
export interface District {
  org: OrganizationDoc;
  name: string;
  slug: string;
  centre: LatLon;
  radiusKm: number;
}

/** An organization whose staff use applications at its own office sites. */
export interface Tenant {
  org: OrganizationDoc;
  kind: 'municipality' | 'city' | 'district';
  name: string;
  location: LatLon;
  population: number;
  /** Relative size, used to share out sites and usages. */
  weight: number;
  /** The district whose ring the tenant's network hangs off (a city's neighbour district). */
  district: District;
  group: Group;
}

/**
 * Customers that one provider serves with the same application instances: a district with
 * its municipalities, or a district-free city on its own (as real Fachverfahren are run
 * per "Mandant").
 */
export interface Group {
  id: string;
  name: string;
  provider: Provider;
  tenants: Tenant[];
  location: LatLon;
  weight: number;
}

/** A regional IT provider (e.g. a former Gebietsrechenzentrum). */
export interface Provider {
  org: OrganizationDoc;
  short: string;
  groups: Group[];
  centre: LatLon;
}

/** Result of the organization phase. */
export interface Organizations {
  docs: OrganizationDoc[];
  association: OrganizationDoc;
  providers: Provider[];
  carriers: OrganizationDoc[];
  districts: District[];
  tenants: Tenant[];
  groups: Group[];
}

/** Land code of the synthetic AGS: real Länder are 01–16, so 17 can never clash. */
const LAND = '17';

const winds = ['Ost', 'Nordost', 'Nord', 'Nordwest', 'West', 'Südwest', 'Süd', 'Südost'];

function windOf(angle: number): string {
  const i = Math.round(angle / (Math.PI / 4));
  return winds[((i % 8) + 8) % 8]!;
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/** Builds the organizations; ids are claimed in `ids`. */
export function buildOrganizations(rng: Random, shape: Shape, ids: IdRegistry): Organizations {
  const namer = new PlaceNamer(rng.fork('names'));
  const centre: LatLon = { lat: shape.area.lat, lon: shape.area.lon };
  const { radiusEastKm: ex, radiusNorthKm: ny } = shape.area;

  const association: OrganizationDoc = {
    id: ids.claim('zv-kit'),
    name: 'Zweckverband Kommunale IT Westmark',
    type: 'association',
    notes: 'Synthetic: operates the joint data centers of the merged providers.',
  };
  const carriers: OrganizationDoc[] = [
    { id: ids.claim('carrier-landesglasfaser'), name: 'Landesglasfaser GmbH', type: 'carrier' },
    { id: ids.claim('carrier-regionet'), name: 'RegioNet AG', type: 'carrier' },
    { id: ids.claim('carrier-stadtwerke-netz'), name: 'Stadtwerke Netz GmbH', type: 'carrier' },
  ];

  // Districts spread evenly over the Land; each owns an equal share of its area.
  const regions = Math.min(5, shape.districts);
  const districtRadius = 0.8 * Math.sqrt((ex * ny) / shape.districts);
  const districts: District[] = spreadPoints(rng, centre, ex, ny, shape.districts).map((c) => {
    const name = namer.next();
    const id = ids.unique(`kreis-${slugify(name)}`);
    return { org: { id, name: `Kreis ${name}`, type: 'district', member_of: [association.id] }, name: `Kreis ${name}`, slug: id, centre: c, radiusKm: districtRadius };
  });

  // Municipalities of districts: every district gets one, the rest fall where they fall.
  const inDistricts = shape.municipalities - shape.cities;
  const perDistrict = districts.map(() => 1);
  for (let i = districts.length; i < inDistricts; i++) perDistrict[rng.int(0, districts.length - 1)]! += 1;

  const tenants: Tenant[] = [];
  const groups: Group[] = [];
  // Providers are chosen once all groups exist (they serve sectors); until then, a hole.
  const unassigned = undefined as unknown as Provider;
  // Kreis codes per Regierungsbezirk as in real AGS: district-free cities from 11, Kreise from 51.
  const kreisCodes = new Map<string, number>();
  const nextKreis = (rb: number, base: 11 | 51): string => {
    const key = `${rb}/${base}`;
    const k = kreisCodes.get(key) ?? base;
    kreisCodes.set(key, k + 1);
    return pad(k % 100, 2);
  };

  districts.forEach((d, i) => {
    const rb = 1 + Math.floor((i * regions) / districts.length);
    const kreis = nextKreis(rb, 51);
    d.org.ags = `${LAND}${rb}${kreis}`; // a Kreis has the 5-digit key its municipalities' AGS start with
    const group: Group = { id: d.org.id, name: d.name, provider: unassigned, tenants: [], location: d.centre, weight: 0 };
    groups.push(group);
    const count = perDistrict[i]!;
    const step = count * 4 < 1000 ? 4 : 1;
    const members: Tenant[] = [];
    for (let j = 0; j < count; j++) {
      const name = namer.next();
      const population = Math.round(Math.min(120_000, Math.max(1_500, rng.logNormal(12_000, 0.8))));
      members.push({
        org: {
          id: ids.unique(slugify(name)),
          name,
          type: 'municipality',
          ags: `${LAND}${rb}${kreis}${pad(((j + 1) * step) % 1000, 3)}`,
          member_of: [d.org.id],
        },
        kind: 'municipality',
        name,
        location: scatter(rng, d.centre, d.radiusKm * 0.9),
        population,
        weight: population ** 0.75,
        district: d,
        group,
      });
    }
    // The Kreishaus stands in the district's largest town (the Kreisstadt).
    const seat = members.reduce((a, b) => (b.population > a.population ? b : a));
    const administration: Tenant = {
      org: d.org,
      kind: 'district',
      name: d.name,
      location: offset(seat.location, rng.range(-1, 1), rng.range(-1, 1)),
      population: 0,
      // A Kreis administration has about as many sites as a mid-sized town.
      weight: 15_000 ** 0.75,
      district: d,
      group,
    };
    tenants.push(administration, ...members);
    group.tenants.push(administration, ...members);
  });

  // District-free cities sit between districts and form their own application group.
  for (let c = 0; c < shape.cities; c++) {
    const d = districts[c % districts.length]!;
    const rb = 1 + Math.floor(((c % districts.length) * regions) / districts.length);
    const name = namer.next();
    const population = Math.round(Math.min(1_100_000, Math.max(80_000, rng.logNormal(180_000, 0.5))));
    const t = rng.next() * 2 * Math.PI;
    const id = ids.unique(`stadt-${slugify(name)}`);
    const group: Group = { id, name: `Stadt ${name}`, provider: unassigned, tenants: [], location: d.centre, weight: 0 };
    const tenant: Tenant = {
      org: { id, name: `Stadt ${name}`, type: 'municipality', ags: `${LAND}${rb}${nextKreis(rb, 11)}000`, member_of: [association.id] },
      kind: 'city',
      name: `Stadt ${name}`,
      location: offset(d.centre, 0.75 * d.radiusKm * Math.cos(t), 0.75 * d.radiusKm * Math.sin(t)),
      population,
      weight: population ** 0.75,
      district: d,
      group,
    };
    group.location = tenant.location;
    group.tenants.push(tenant);
    groups.push(group);
    tenants.push(tenant);
  }
  for (const g of groups) g.weight = g.tenants.reduce((s, t) => s + t.weight, 0);

  // Providers serve contiguous sectors of the Land, as the old Gebietsrechenzentren did.
  const sorted = [...groups].sort((a, b) => bearing(centre, a.location) - bearing(centre, b.location));
  const providerCount = Math.min(shape.providers, groups.length);
  const providers: Provider[] = [];
  for (let p = 0; p < providerCount; p++) {
    const mine = sorted.slice(Math.floor((p * sorted.length) / providerCount), Math.floor(((p + 1) * sorted.length) / providerCount));
    const lat = mine.reduce((s, g) => s + g.location.lat, 0) / mine.length;
    const lon = mine.reduce((s, g) => s + g.location.lon, 0) / mine.length;
    const where: LatLon = { lat, lon };
    const wind = providerCount === 1 ? 'Mitte' : windOf(bearing(centre, where));
    const base = `krz-${slugify(wind)}`;
    const id = ids.unique(base);
    const suffix = id.slice(base.length).replace('-', ' ');
    const short = `KRZ ${wind}${suffix}`;
    const provider: Provider = {
      org: { id, name: `Kommunales Rechenzentrum ${wind}${suffix}`, type: 'provider', member_of: [association.id] },
      short,
      groups: mine,
      centre: where,
    };
    for (const g of mine) g.provider = provider;
    providers.push(provider);
  }
  for (const t of tenants) t.org.customer_of = [t.group.provider.org.id];

  const docs: OrganizationDoc[] = [association, ...providers.map((p) => p.org), ...carriers, ...tenants.map((t) => t.org)];
  return { docs, association, providers, carriers, districts, tenants, groups };
}
