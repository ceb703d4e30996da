/**
 * Colours of the map's links by carrier (docs/ui.md, "Map"): each carrier its own colour, so
 * two lines of the same type on different carriers (OWL-IT's line A on its own fibre, line B
 * on Telekom's) are told apart without asking for paths.
 */
import type { Link } from '../types.js';

/**
 * Carrier colours, most used carrier first. None is the blue or violet of the paths, the red
 * of a failure or the orange of a highlight; each has 3:1 against the map's background.
 */
export const CARRIER_PALETTE = ['#1b7f5f', '#b5176b', '#8a6d00', '#5b4bb0', '#2f7fa8', '#7a4a1d', '#4d7a12', '#a3456a'];
/** Links without a carrier: the operator's own. */
export const OWN_LINE = '#555555';
/** Carriers beyond the palette. */
export const OTHER_CARRIER = '#9a9a9a';

/** The carrier of a link, or null. */
export function carrierOf(link: Link): string | null {
  return typeof link.carrier === 'string' && link.carrier ? link.carrier : null;
}

/** The carriers of the drawn links with their colours, by number of links (most first, then by id). */
export interface CarrierColours {
  readonly colours: ReadonlyMap<string, string>;
  /** Carriers in the legend, in palette order. */
  readonly carriers: readonly string[];
  /** Some carriers share {@link OTHER_CARRIER}. */
  readonly others: boolean;
  /** Some links have no carrier. */
  readonly own: boolean;
}

/** Assigns the palette to the carriers of `links`. */
export function carrierColours(links: readonly Link[]): CarrierColours {
  const count = new Map<string, number>();
  let own = false;
  for (const l of links) {
    const c = carrierOf(l);
    if (c === null) own = true;
    else count.set(c, (count.get(c) ?? 0) + 1);
  }
  const sorted = [...count.keys()].sort((a, b) => count.get(b)! - count.get(a)! || (a < b ? -1 : a > b ? 1 : 0));
  const carriers = sorted.slice(0, CARRIER_PALETTE.length);
  const colours = new Map(sorted.map((c, i) => [c, CARRIER_PALETTE[i] ?? OTHER_CARRIER]));
  return { colours, carriers, others: sorted.length > carriers.length, own };
}

/** The colour of a link by carrier. */
export function carrierColour(cc: CarrierColours, link: Link): string {
  const c = carrierOf(link);
  return c === null ? OWN_LINE : (cc.colours.get(c) ?? OTHER_CARRIER);
}
