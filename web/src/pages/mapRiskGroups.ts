/**
 * Where a risk group is on the map (docs/ui.md, "Map"): a duct, building or power feed where
 * all its members meet (the duct at the Lemgo data center: at that site, with the ends of the
 * links that run through it); a trench, bridge or other group along its links, with the sites
 * of its devices.
 */
import type { Obj } from '../types.js';
import type { MapModel } from './mapModel.js';

/** Kinds of risk group that sit at one place rather than run along a route. */
const LOCAL_TYPES = new Set(['duct', 'building', 'power']);

/** A risk group as drawn. */
export interface RiskGroupShape {
  readonly id: string;
  readonly name: string;
  readonly type: string;
  /** Drawn links that are members. */
  readonly links: readonly number[];
  /** Sites of member devices and member sites (indices into the model's sites). */
  readonly sites: readonly number[];
  /** The site where it is, for a local group whose members all meet there; else null (drawn along its links). */
  readonly anchor: number | null;
}

/** The shapes of the risk groups that have a member on the map. */
export function riskGroupShapes(model: MapModel, groups: readonly Obj[]): RiskGroupShape[] {
  const linkIndex = new Map(model.links.map((l, i) => [l.id, i]));
  const out: RiskGroupShape[] = [];
  for (const g of groups) {
    const links: number[] = [];
    const sites = new Set<number>();
    for (const m of model.members.get(g.id) ?? []) {
      const li = linkIndex.get(m);
      if (li !== undefined) links.push(li);
      else {
        const si = model.siteIndex.get(model.siteOf.get(m) ?? '');
        if (si !== undefined) sites.add(si);
      }
    }
    if (links.length === 0 && sites.size === 0) continue;
    const type = typeof g.type === 'string' ? g.type : 'other';
    out.push({ id: g.id, name: g.name ?? g.id, type, links, sites: [...sites], anchor: LOCAL_TYPES.has(type) ? meetingSite(model, links, sites) : null });
  }
  return out;
}

/** The one site every member link ends at and every member device is at, if there is one. */
function meetingSite(model: MapModel, links: readonly number[], sites: ReadonlySet<number>): number | null {
  let common: Set<number> | null = sites.size ? new Set(sites) : null;
  if (common && common.size > 1) return null;
  for (const i of links) {
    const l = model.links[i]!;
    const ends = new Set([model.siteIndex.get(model.siteOf.get(l.a) ?? ''), model.siteIndex.get(model.siteOf.get(l.b) ?? '')].filter((x): x is number => x !== undefined));
    common = common ? new Set([...common].filter((s) => ends.has(s))) : ends;
    if (common.size === 0) return null;
  }
  return common && common.size === 1 ? [...common][0]! : null;
}
