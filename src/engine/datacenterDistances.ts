/**
 * How far apart the data centers holding an application's instances are
 * (docs/analysis.md, "check": `applications`): the great-circle distance between their
 * `location`s, flagged against the thresholds for georedundant data centers (defaults: the
 * BSI's at least 100 km, 200 km recommended).
 */
import { datacenterSites } from './redundancy.js';
import { objectsOf, type ObjectSource, type Projection } from './projection.js';
import type { ServiceModel } from './services.js';

import { BSI_GEO_THRESHOLDS, type GeoThresholds } from '../model/geoThresholds.js';

export { BSI_GEO_THRESHOLDS, type GeoThresholds };

/**
 * - `none`: no instance in a data-center site; `single`: all in one data center;
 * - `unknown`: two or more data centers, but a location is missing;
 * - `below-minimum` / `below-recommended` / `ok`: the largest distance against the thresholds.
 */
export type GeoFlag = 'none' | 'single' | 'unknown' | 'below-minimum' | 'below-recommended' | 'ok';

/** The data centers of one application. */
export interface ApplicationDatacenters {
  readonly application: string;
  /** Data-center site ids holding at least one of its instances, in site order. */
  readonly sites: string[];
  /**
   * The largest great-circle distance between two of them in km (one decimal), or null with
   * fewer than two or a missing location. The largest, because one pair far enough apart is
   * what survives the loss of a region.
   */
  readonly distanceKm: number | null;
  readonly flag: GeoFlag;
}

/** Mean Earth radius (IUGG) in km. */
const EARTH_RADIUS_KM = 6371.0088;

/** Great-circle distance in km between two points given in degrees (haversine formula). */
export function greatCircleKm(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Per application of `m` (in application order), its data centers, distance and flag. */
export function datacenterDistances(p: Projection, m: ServiceModel, source: ObjectSource, thresholds: GeoThresholds = BSI_GEO_THRESHOLDS): ApplicationDatacenters[] {
  const dc = datacenterSites(p, source);
  const location = new Map<string, { lat: number; lon: number }>();
  for (const o of objectsOf(source)) if (o.kind === 'site' && o.location) location.set(o.id, o.location);
  const g = m.appInstances;
  return m.appIds.map((application, a) => {
    const found = new Set<number>();
    for (let k = g.offsets[a]!; k < g.offsets[a + 1]!; k++) {
      const s = p.nodeSite[g.members[k]!]!;
      if (dc[s]) found.add(s);
    }
    const sites = [...found].sort((x, y) => x - y).map((s) => p.siteIds[s]!);
    if (sites.length === 0) return { application, sites, distanceKm: null, flag: 'none' };
    if (sites.length === 1) return { application, sites, distanceKm: null, flag: 'single' };
    const points = sites.map((id) => location.get(id));
    if (points.some((x) => x === undefined)) return { application, sites, distanceKm: null, flag: 'unknown' };
    let max = 0;
    for (let i = 0; i < points.length; i++) for (let j = i + 1; j < points.length; j++) max = Math.max(max, greatCircleKm(points[i]!, points[j]!));
    const distanceKm = Math.round(max * 10) / 10;
    const flag: GeoFlag = max < thresholds.minimumKm ? 'below-minimum' : max < thresholds.recommendedKm ? 'below-recommended' : 'ok';
    return { application, sites, distanceKm, flag };
  });
}
