/**
 * Declared redundancy (docs/analysis.md "Declared redundancy"): links that share a
 * `redundancy_group` are declared redundant to each other — e.g. the circuits of a NetBox
 * circuit group. The declaration holds ("proven") when no single failure element takes
 * down every link of the group; else it is refuted, with the elements they all share.
 *
 * A link goes down with itself, its risk groups, an end device and that device's risk
 * groups. Sites are left out: redundant lines of one site necessarily share it (its loss
 * is the georedundancy question). So the elements that take down every link are exactly
 * the intersection of these sets over the group: one pass over the group's links.
 */
import type { StoredObject } from '../timeline/Estate.js';
// The shapes this file produces are part of the API's contract: declared in src/contracts.
import type { DeclaredRedundancy, SharedElement } from '../contracts/analyses.js';
export type { DeclaredRedundancy, SharedElement };

/** What takes one link down (besides sites). */
function downWith(link: StoredObject, byId: (id: string) => StoredObject | undefined): Map<string, SharedElement['kind']> {
  const out = new Map<string, SharedElement['kind']>([[link.id, 'link']]);
  const groups = (o: StoredObject | undefined): void => {
    for (const g of (o?.risk_groups as string[] | undefined) ?? []) out.set(g, 'risk-group');
  };
  groups(link);
  for (const end of [link.a, link.b] as string[]) {
    const o = byId(end);
    if (o?.kind !== 'device') continue;
    out.set(end, 'device');
    groups(o);
  }
  return out;
}

/** The verdict on every redundancy group of an estate, sorted by group. */
export function declaredRedundancy(objects: Iterable<StoredObject>, byId: (id: string) => StoredObject | undefined): DeclaredRedundancy[] {
  const groups = new Map<string, StoredObject[]>();
  for (const o of objects) {
    if (o.kind !== 'link' || typeof o.redundancy_group !== 'string') continue;
    (groups.get(o.redundancy_group) ?? groups.set(o.redundancy_group, []).get(o.redundancy_group)!).push(o);
  }
  return [...groups]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([group, links]) => {
      let shared = downWith(links[0]!, byId);
      for (const l of links.slice(1)) {
        const mine = downWith(l, byId);
        shared = new Map([...shared].filter(([id]) => mine.has(id)));
      }
      const list = [...shared].map(([id, kind]) => ({ id, kind })).sort((x, y) => (x.id < y.id ? -1 : 1));
      return { group, links: links.map((l) => l.id).sort(), verdict: list.length === 0 ? 'proven' : 'refuted', shared: list };
    });
}
