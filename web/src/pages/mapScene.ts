/**
 * What the map shows, prepared once per change of the data (not per frame): links grouped by
 * colour, sites by type, rings, risk groups and the labels' priorities.
 */
import { carrierColour, type CarrierColours } from './mapColours.js';
import type { MapModel } from './mapModel.js';
import type { RiskGroupShape } from './mapRiskGroups.js';

/** Colours of the paths drawn (one path: the first). */
export const pathColours = ['#0050b3', '#8a2be2'];

/** What a frame shows. */
export interface MapScene {
  readonly model: MapModel;
  /** Drawn link indices by stroke colour. */
  readonly linkGroups: ReadonlyMap<string, readonly number[]>;
  readonly highlighted: ReadonlySet<number>;
  readonly cut: ReadonlySet<number>;
  /** Link indices of each path shown. */
  readonly paths: readonly (readonly number[])[];
  /** Site indices by fill colour. */
  readonly siteFills: ReadonlyMap<string, readonly number[]>;
  /** Ring colour by site id (selected, failed, cut off). */
  readonly rings: ReadonlyMap<string, string>;
  /** Risk groups drawn where they are, with their colour. */
  readonly riskGroups: readonly { readonly shape: RiskGroupShape; readonly colour: string; readonly strong: boolean }[];
  /** Label priority per site (higher first); see {@link labelPriority}. */
  readonly sitePriority: Float64Array;
  /** Site indices by falling priority. */
  readonly labelOrder: Uint32Array;
  /** Ids whose labels go first (selected, failed, highlighted risk groups, path ends). */
  readonly important: ReadonlySet<string>;
}

/** Height of a label's box (11 px text). */
export const LABEL_H = 13;

/**
 * A label's priority: data centers and whatever is selected or failed first, then larger
 * sites (more devices and links).
 */
export function labelPriority(tier: 'important' | 'datacenter' | 'risk-group' | 'site', size: number): number {
  const base = { important: 4, datacenter: 3, 'risk-group': 2, site: 1 }[tier];
  return base * 1e6 + Math.min(size, 999_999);
}

/** How links are coloured. */
export type Colouring = 'carrier' | 'type' | 'verdict';

/** More risk groups than this: only the highlighted, selected or failed ones are drawn. */
export const MAX_RISK_GROUPS_DRAWN = 300;

/** The ring of a cut-off site (docs/ui.md, "Map"). */
export const CUT_OFF = '#d35400';

/** What the scene is made of. */
export interface SceneInput {
  readonly model: MapModel;
  readonly colouring: Colouring;
  /** Colour of a link type, of a site type, of a risk group type. */
  readonly colourOf: (set: 'linkType' | 'siteType' | 'riskGroupType', value: string) => string;
  readonly carriers: CarrierColours;
  /** Drawn links that are (or carry) a single point of failure; null until checked. */
  readonly spofLinks: ReadonlySet<number> | null;
  readonly cut: ReadonlySet<number>;
  readonly failed: ReadonlySet<string>;
  readonly failedSites: ReadonlySet<string>;
  readonly cutOffSites: ReadonlySet<string>;
  /** The risk group hovered in the list, and its drawn links. */
  readonly highlight: string | null;
  readonly highlighted: ReadonlySet<number>;
  /** Index of the path (0, 1) by link id; the paths' end nodes. */
  readonly pathLinks: ReadonlyMap<string, number>;
  readonly pathEnds: readonly string[];
  readonly selected: ReadonlySet<string>;
  readonly shapes: readonly RiskGroupShape[];
}

/** Builds the scene. */
export function buildScene(s: SceneInput): MapScene {
  const { model } = s;
  const linkGroups = new Map<string, number[]>();
  model.links.forEach((link, i) => {
    const colour = s.colouring === 'type' ? s.colourOf('linkType', link.type) : s.colouring === 'carrier' ? carrierColour(s.carriers, link) : s.spofLinks?.has(i) ? '#c00000' : '#6b8f71';
    let l = linkGroups.get(colour);
    if (!l) linkGroups.set(colour, (l = []));
    l.push(i);
  });
  const paths: number[][] = [];
  if (s.pathLinks.size) {
    model.links.forEach((l, i) => {
      const p = s.pathLinks.get(l.id);
      if (p !== undefined) (paths[p] ??= []).push(i);
    });
  }
  const siteFills = new Map<string, number[]>();
  model.sites.forEach((site, i) => {
    const colour = s.colourOf('siteType', site.type);
    let l = siteFills.get(colour);
    if (!l) siteFills.set(colour, (l = []));
    l.push(i);
  });
  // Sites ringed: red where something failed (the site, or a device there), orange where cut off, black where selected.
  const rings = new Map<string, string>();
  for (const id of s.selected) rings.set(model.siteOf.get(id) ?? id, '#000');
  for (const id of s.cutOffSites) rings.set(id, CUT_OFF);
  for (const id of s.failedSites) rings.set(id, '#c00000');

  const important = new Set<string>([...s.selected, ...s.failed, ...s.failedSites, ...s.cutOffSites, ...(s.highlight ? [s.highlight] : [])]);
  for (const n of s.pathEnds) important.add(model.siteOf.get(n) ?? n);
  for (const id of [...important]) {
    const site = model.siteOf.get(id);
    if (site) important.add(site);
  }
  const strong = (g: RiskGroupShape) => important.has(g.id);
  const riskGroups = s.shapes.filter((g) => s.shapes.length <= MAX_RISK_GROUPS_DRAWN || strong(g)).map((shape) => ({ shape, colour: s.colourOf('riskGroupType', shape.type), strong: strong(shape) }));

  // Larger sites first: devices there and links drawn from there.
  const size = new Float64Array(model.sites.length);
  for (const [node, site] of model.siteOf) {
    const i = model.siteIndex.get(site);
    if (i !== undefined && node !== site) size[i]!++;
  }
  for (const l of model.links) {
    for (const end of [l.a, l.b]) {
      const i = model.siteIndex.get(model.siteOf.get(end) ?? '');
      if (i !== undefined) size[i]!++;
    }
  }
  const sitePriority = new Float64Array(model.sites.length);
  model.sites.forEach((site, i) => {
    sitePriority[i] = labelPriority(important.has(site.id) ? 'important' : site.type === 'datacenter' ? 'datacenter' : 'site', size[i]!);
  });
  const labelOrder = Uint32Array.from(model.sites.keys()).sort((a, b) => sitePriority[b]! - sitePriority[a]! || a - b);
  return { model, linkGroups, highlighted: s.highlighted, cut: s.cut, paths, siteFills, rings, riskGroups, sitePriority, labelOrder, important };
}
