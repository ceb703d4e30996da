/**
 * Plane geometry on a small patch of the earth. An equirectangular projection is exact
 * enough for a Land a few hundred kilometres wide, and cheap.
 */
import type { Random } from '../util/Random.js';
import type { LatLon } from './types.js';

const KM_PER_DEG_LAT = 111.2;
const DEG = Math.PI / 180;

function kmPerDegLon(lat: number): number {
  return KM_PER_DEG_LAT * Math.cos(lat * DEG);
}

/** Rounds a coordinate to 5 decimals (about a metre): shorter files, same map. */
export function round5(x: number): number {
  return Math.round(x * 1e5) / 1e5;
}

/** Rounds to one decimal. */
export function round1(x: number): number {
  return Math.round(x * 10) / 10;
}

/** The point `eastKm` east and `northKm` north of `p`. */
export function offset(p: LatLon, eastKm: number, northKm: number): LatLon {
  return { lat: round5(p.lat + northKm / KM_PER_DEG_LAT), lon: round5(p.lon + eastKm / kmPerDegLon(p.lat)) };
}

/** Straight-line distance in km. */
export function distanceKm(a: LatLon, b: LatLon): number {
  const dy = (a.lat - b.lat) * KM_PER_DEG_LAT;
  const dx = (a.lon - b.lon) * kmPerDegLon((a.lat + b.lat) / 2);
  return Math.sqrt(dx * dx + dy * dy);
}

/** Angle of `p` seen from `centre`, in radians, for ordering points around a ring. */
export function bearing(centre: LatLon, p: LatLon): number {
  return Math.atan2(p.lat - centre.lat, (p.lon - centre.lon) * Math.cos(centre.lat * DEG));
}

/** A point uniformly distributed in the disc of `radiusKm` around `p`. */
export function scatter(rng: Random, p: LatLon, radiusKm: number): LatLon {
  const r = radiusKm * Math.sqrt(rng.next());
  const t = rng.next() * 2 * Math.PI;
  return offset(p, r * Math.cos(t), r * Math.sin(t));
}

/**
 * Fibre length of a link between two points: cables follow roads, so a little longer
 * than the crow flies, and never zero (even inside one building).
 */
export function cableKm(a: LatLon, b: LatLon): number {
  return Math.max(0.1, round1(distanceKm(a, b) * 1.3));
}

/** `n` points spread evenly over an ellipse (Vogel's sunflower spiral), with some jitter. */
export function spreadPoints(rng: Random, centre: LatLon, eastKm: number, northKm: number, n: number): LatLon[] {
  const golden = Math.PI * (3 - Math.sqrt(5));
  const out: LatLon[] = [];
  for (let i = 0; i < n; i++) {
    const r = n === 1 ? 0 : Math.sqrt((i + 0.5) / n) * 0.85;
    const t = i * golden + rng.range(-0.15, 0.15);
    out.push(offset(centre, r * eastKm * Math.cos(t), r * northKm * Math.sin(t)));
  }
  return out;
}
