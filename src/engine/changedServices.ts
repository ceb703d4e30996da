/**
 * The services whose verdict a change of the graph may alter (docs/analysis.md, "timeline
 * check"), by the rule of changedFailures.ts: beside the services whose usage, site or
 * applications changed (the caller's part), those with an attach point or an instance
 * touched, before or after, and those that a non-neutral failure breaks before or after.
 * Every other service is up before iff after, and each failure breaks it before iff after.
 */
import { AffectedServices } from './AffectedServices.js';
import { changedFailures, pieceAttachments, type Marks, type UntouchedGraph } from './changedFailures.js';
import { FailurePieces } from './FailurePieces.js';
import type { Projection } from './projection.js';
import { ServiceReverseIndex } from './ServiceReverseIndex.js';
import { serviceUp, type ServiceModel } from './services.js';
import { survivabilityStructures, type SurvivabilityStructures } from './survivabilityStructures.js';

/** One side of a change: the graph, its services, and what the change touched in it. */
export interface ChangeSide {
  readonly p: Projection;
  readonly m: ServiceModel;
  readonly st: SurvivabilityStructures;
  readonly touched: Marks;
}

/**
 * Per service of `after`, 1 if its verdict may differ from that of the service it continues
 * (`previous`, from IncrementalServices); undefined when the change joins or splits
 * components of the untouched graph, where the rule says nothing.
 *
 * @param up per service of `after`, 1 if up with nothing failed.
 * @param breakersBefore the ids of the elements that broke a service of `before`.
 */
export function changedServices(
  beforeSide: ChangeSide,
  afterSide: ChangeSide & { readonly up: Uint8Array },
  previous: Int32Array,
  breakersBefore: (s: number) => readonly { readonly id: string }[],
): Uint8Array | undefined {
  // An element touched on one side is touched on the other (a risk group's members before and after).
  const before = { ...beforeSide, touched: union(beforeSide.touched, afterSide, beforeSide.p) };
  const after = { ...afterSide, touched: union(afterSide.touched, beforeSide, afterSide.p) };
  const h = untouchedGraph(before, after);
  const attachments: Int32Array[] = [];
  for (const side of [before, after]) {
    for (const A of pieceAttachments(side.p, side.touched)) {
      if (side.p === h.p) {
        attachments.push(A);
        continue;
      }
      const mapped = Int32Array.from(A, (x) => h.p.nodeIndex.get(side.p.nodeIds[x]!) ?? -1);
      if (mapped.includes(-1)) return undefined;
      attachments.push(mapped);
    }
  }
  const changed = changedFailures(h, attachments);
  // Every non-neutral element is in H, so it exists after too (else the rule does not hold).
  if (changed.baseline || changed.elements.some((e) => resolve(after.p, e) === undefined)) return undefined;

  const out = new Uint8Array(after.m.count);
  const beforeFlags = terminalsTouched(before);
  const ids = new Set(changed.elements.map((e) => e.id));
  if (ids.size > 0) for (let s = 0; s < before.m.count; s++) if (!beforeFlags[s] && breakersBefore(s).some((e) => ids.has(e.id))) beforeFlags[s] = 1;
  const afterFlags = terminalsTouched(after);
  for (let s = 0; s < after.m.count; s++) if (afterFlags[s] || (previous[s]! >= 0 && beforeFlags[previous[s]!])) out[s] = 1;
  if (changed.elements.length > 0) for (const s of brokenAfter(after, changed.elements)) out[s] = 1;
  return out;
}

/** `marks` of `p` with the elements `other` marks added (those that are in `p`). */
function union(marks: Marks, other: ChangeSide, p: Projection): Marks {
  const nodes = marks.nodes.slice();
  const edges = marks.edges.slice();
  other.touched.nodes.forEach((t, v) => {
    const x = t ? p.nodeIndex.get(other.p.nodeIds[v]!) : undefined;
    if (x !== undefined) nodes[x] = 1;
  });
  other.touched.edges.forEach((t, e) => {
    const x = t ? p.edgeIndex.get(other.p.edgeIds[e]!) : undefined;
    if (x !== undefined) edges[x] = 1;
  });
  return { nodes, edges };
}

/** H as a projection: the side without touched elements if there is one, else `after` with them failed. */
function untouchedGraph(before: ChangeSide, after: ChangeSide): UntouchedGraph {
  const none = (side: ChangeSide): Marks => ({ nodes: new Uint8Array(side.p.nodeCount), edges: new Uint8Array(side.p.edgeCount) });
  if (!any(before.touched)) return { p: before.p, F: none(before), st: before.st };
  if (!any(after.touched)) return { p: after.p, F: none(after), st: after.st };
  return { p: after.p, F: after.touched, st: survivabilityStructures(after.p, after.touched) };
}

function any(marks: Marks): boolean {
  return marks.nodes.includes(1) || marks.edges.includes(1);
}

/** Per service of a side, 1 if one of its attach points or of its applications' instances is touched. */
function terminalsTouched(side: ChangeSide): Uint8Array {
  const { m, touched } = side;
  const { attach, needs, appInstances } = m;
  const appTouched = new Uint8Array(m.appIds.length);
  for (let a = 0; a < m.appIds.length; a++) for (let i = appInstances.offsets[a]!; i < appInstances.offsets[a + 1]!; i++) if (touched.nodes[appInstances.members[i]!]) appTouched[a] = 1;
  const out = new Uint8Array(m.count);
  for (let s = 0; s < m.count; s++) {
    for (let k = attach.offsets[s]!; k < attach.offsets[s + 1]! && !out[s]; k++) if (touched.nodes[attach.members[k]!]) out[s] = 1;
    for (let j = needs.offsets[s]!; j < needs.offsets[s + 1]! && !out[s]; j++) if (appTouched[needs.members[j]!]) out[s] = 1;
  }
  return out;
}

/** The services up in `after` that the failure of one of `elements` breaks there (own sites included). */
function brokenAfter(after: ChangeSide & { readonly up: Uint8Array }, elements: readonly { readonly kind: string; readonly id: string }[]): number[] {
  const { p, m, st, up } = after;
  const F = { nodes: new Uint8Array(p.nodeCount), edges: new Uint8Array(p.edgeCount) };
  const pieces = FailurePieces.of(p, F, st.comp0, st.compCount, st, undefined);
  const affected = new AffectedServices(m, new ServiceReverseIndex(m, p.nodeCount), st.comp0, st.compCount + p.nodeCount + 1);
  const out: number[] = [];
  for (const e of elements) {
    const i = resolve(p, e)!;
    let key: number | undefined;
    if (e.kind === 'device') pieces.failure.collect(Int32Array.of(i), undefined);
    else if (e.kind === 'link') pieces.failure.collect(new Int32Array(0), Int32Array.of(i));
    else if (e.kind === 'site') (pieces.collectSite(i), (key = pieces.siteKey(i)));
    else (pieces.collectRiskGroup(i), (key = pieces.riskGroupKey(i)));
    pieces.apply(key);
    affected.collect(pieces.failure, pieces.explored, pieces.exploredCount, pieces.label);
    for (let i = 0; i < affected.count; i++) {
      const s = affected.services[i]!;
      if (up[s] && !serviceUp(m, s, pieces.label)) out.push(s);
    }
    pieces.restore();
  }
  return out;
}

/** The index of a failure element in `p` (node, edge, site or risk group by its kind). */
function resolve(p: Projection, e: { readonly kind: string; readonly id: string }): number | undefined {
  const index = e.kind === 'device' ? p.nodeIndex : e.kind === 'link' ? p.edgeIndex : e.kind === 'site' ? p.siteIndex : p.riskGroupIndex;
  return index.get(e.id);
}
