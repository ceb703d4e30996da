/**
 * The map's geometry in typed arrays: sites projected once, each link between two sites a
 * segment, so that tens of thousands of links draw as a handful of canvas paths.
 */
import type { Device, Link, Site } from '../types.js';

/** The projected estate of the map. */
export interface MapModel {
  readonly sites: Site[];
  /** Site positions in world units (x east, y south), two per site. */
  readonly sitePos: Float64Array;
  readonly siteIndex: Map<string, number>;
  /** Links drawn (between two different placed sites). */
  readonly links: Link[];
  /** Segment ends per drawn link: x1, y1, x2, y2. */
  readonly seg: Float64Array;
  /** The site of every node (device or site id). */
  readonly siteOf: Map<string, string>;
  /** Members (links, devices) of every risk group. */
  readonly members: Map<string, string[]>;
  readonly bounds: { minX: number; minY: number; maxX: number; maxY: number };
  readonly projection: Projection;
}

/**
 * Web Mercator scaled by the cosine of the estate's mean latitude: there one unit is a degree
 * of latitude (the scale bar's {@link KM_PER_UNIT}), and the sites lie exactly where a base
 * map's tiles (also Web Mercator) put them.
 */
export interface Projection {
  /** cos(mean latitude). */
  readonly k: number;
}

/** Map units of a longitude and latitude (x east, y south). */
export function project(pr: Projection, lon: number, lat: number): [number, number] {
  const phi = (Math.max(-85, Math.min(85, lat)) * Math.PI) / 180;
  return [lon * pr.k, (-Math.log(Math.tan(Math.PI / 4 + phi / 2)) * pr.k * 180) / Math.PI];
}

/** Longitude and latitude of map units (the inverse of {@link project}). */
export function unproject(pr: Projection, x: number, y: number): [number, number] {
  const merc = (-y * Math.PI) / (180 * pr.k);
  return [x / pr.k, ((2 * Math.atan(Math.exp(merc)) - Math.PI / 2) * 180) / Math.PI];
}

/** Projects sites (see {@link Projection}) and links. */
export function buildModel(allSites: Site[], devices: Device[], allLinks: Link[]): MapModel {
  const sites = allSites.filter((s) => s.location && Number.isFinite(s.location.lat) && Number.isFinite(s.location.lon));
  const lat0 = sites.length ? sites.reduce((n, s) => n + s.location!.lat, 0) / sites.length : 0;
  const projection: Projection = { k: Math.cos((Math.max(-85, Math.min(85, lat0)) * Math.PI) / 180) };
  const sitePos = new Float64Array(sites.length * 2);
  const siteIndex = new Map<string, number>();
  const bounds = { minX: Infinity, minY: Infinity, maxX: -Infinity, maxY: -Infinity };
  sites.forEach((s, i) => {
    const [x, y] = project(projection, s.location!.lon, s.location!.lat);
    sitePos[2 * i] = x;
    sitePos[2 * i + 1] = y;
    siteIndex.set(s.id, i);
    bounds.minX = Math.min(bounds.minX, x);
    bounds.maxX = Math.max(bounds.maxX, x);
    bounds.minY = Math.min(bounds.minY, y);
    bounds.maxY = Math.max(bounds.maxY, y);
  });
  const siteOf = new Map<string, string>();
  for (const s of allSites) siteOf.set(s.id, s.id);
  const members = new Map<string, string[]>();
  const join = (rg: string[] | undefined, id: string) => {
    for (const g of rg ?? []) {
      let l = members.get(g);
      if (!l) members.set(g, (l = []));
      l.push(id);
    }
  };
  for (const d of devices) {
    siteOf.set(d.id, d.site);
    join(d.risk_groups, d.id);
  }
  const links: Link[] = [];
  const coords: number[] = [];
  for (const l of allLinks) {
    join(l.risk_groups, l.id);
    const a = siteIndex.get(siteOf.get(l.a) ?? '');
    const b = siteIndex.get(siteOf.get(l.b) ?? '');
    if (a === undefined || b === undefined || a === b) continue;
    links.push(l);
    coords.push(sitePos[2 * a]!, sitePos[2 * a + 1]!, sitePos[2 * b]!, sitePos[2 * b + 1]!);
  }
  return { sites, sitePos, siteIndex, links, seg: Float64Array.from(coords), siteOf, members, bounds, projection };
}

/** The drawn links touched by a set of failed elements (links, devices, sites, risk groups). */
export function cutLinks(model: MapModel, failed: ReadonlySet<string>): Set<number> {
  const direct = new Set<string>();
  for (const id of failed) {
    direct.add(id);
    for (const m of model.members.get(id) ?? []) direct.add(m);
  }
  const out = new Set<number>();
  model.links.forEach((l, i) => {
    if (direct.has(l.id) || direct.has(l.a) || direct.has(l.b) || direct.has(model.siteOf.get(l.a) ?? '') || direct.has(model.siteOf.get(l.b) ?? '')) out.add(i);
  });
  return out;
}

/** Distance of point p to segment i, in world units. */
export function segmentDistance(seg: Float64Array, i: number, px: number, py: number): number {
  const x1 = seg[4 * i]!;
  const y1 = seg[4 * i + 1]!;
  const dx = seg[4 * i + 2]! - x1;
  const dy = seg[4 * i + 3]! - y1;
  const len = dx * dx + dy * dy;
  const t = len === 0 ? 0 : Math.max(0, Math.min(1, ((px - x1) * dx + (py - y1) * dy) / len));
  return Math.hypot(px - (x1 + t * dx), py - (y1 + t * dy));
}

/** The sites hit by failed elements: failed sites, and the sites of failed devices (also as risk-group members). */
export function failedSitesOf(model: MapModel, failed: ReadonlySet<string>): Set<string> {
  const out = new Set<string>();
  for (const id of failed) {
    for (const m of [id, ...(model.members.get(id) ?? [])]) {
      const site = model.siteOf.get(m);
      if (site !== undefined) out.add(site);
    }
  }
  return out;
}

/**
 * The sites cut off by a failure: where the users of a service that is down work, unless the
 * site itself failed (that one is marked as failed).
 */
export function cutOffSitesOf(down: readonly { site: string }[], failedSites: ReadonlySet<string>): Set<string> {
  return new Set(down.map((s) => s.site).filter((s) => !failedSites.has(s)));
}

/** Kilometres per unit of the map's projection at the estate's mean latitude (a degree of latitude there). */
export const KM_PER_UNIT = 111.2;

/** A scale bar: a round length (1, 2 or 5 × 10ⁿ km) and its width in pixels. */
export interface ScaleBar {
  readonly km: number;
  readonly px: number;
}

/** The scale bar for a zoom (pixels per projection unit): the roundest length at most `maxPx` wide. */
export function scaleBar(pxPerUnit: number, maxPx = 120): ScaleBar {
  const pxPerKm = pxPerUnit / KM_PER_UNIT;
  const most = maxPx / pxPerKm;
  const pow = 10 ** Math.floor(Math.log10(most));
  const km = [5, 2, 1].map((m) => m * pow).find((x) => x <= most) ?? pow;
  return { km, px: km * pxPerKm };
}
