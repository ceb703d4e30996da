/**
 * Survivability verdicts from one timeline step to the next, recomputing only the services a
 * step's change sets can affect (docs/analysis.md, "timeline check").
 *
 * Why reuse is exact: whether a service is up under any failure depends only on its
 * *footprint*, the blocks of the block-cut tree between its good attach points and the
 * instances they use (every simple path between two of its terminals runs inside it; see
 * `footprintHits`). Let T be the elements a step touches (created, deleted or changed
 * devices, links, sites with all their nodes, risk groups with all their members). If the
 * footprint before holds no element of T and the footprint after holds none either, and the
 * service's usage, site and needed applications are untouched, then every path of the
 * footprint before exists unchanged after and vice versa: the two footprints are the same
 * subgraph, with the same sites and risk-group memberships, so the verdict and its breakers
 * are the same. A service down before and after has no breakers either way. Everything else
 * is analysed again, together, by `analyzeSurvivability` restricted to those services.
 */
import { datacenterSites, redundancyVerdict } from '../engine/redundancy.js';
import { changedServices } from '../engine/changedServices.js';
import { footprintHits } from '../engine/exposedServices.js';
import { buildProjection, type Projection } from '../engine/projection.js';
import { IncrementalServices } from '../engine/IncrementalServices.js';
import { serviceUp, type ServiceModel } from '../engine/services.js';
import { analyzeSurvivability, type FailureElement } from '../engine/survivability.js';
import { survivabilityStructures, type SurvivabilityStructures } from '../engine/survivabilityStructures.js';
import type { Estate } from '../timeline/Estate.js';
import { projectionOptions } from './Snapshot.js';
import type { TimelineDelta } from './TimelineDelta.js';

/** One service's verdict at one step. */
export interface StepVerdict {
  readonly survives: boolean;
  readonly redundant: boolean;
  /** In the step's element order (devices, links, sites, risk groups, each by index). */
  readonly breakers: readonly FailureElement[];
}

/** The verdicts of one step. */
export interface VerdictStep {
  readonly projection: Projection;
  readonly services: ServiceModel;
  /** Data-center sites of the step (by site index). */
  readonly datacenter: Uint8Array;
  /** Per service index. */
  readonly verdicts: readonly StepVerdict[];
  /** Per service index: 1 if analysed at this step, 0 if taken over from the step before. */
  readonly analysed: Uint8Array;
  /**
   * Per service index, its verdict at the step before (undefined for a new service), its
   * breakers in the element order of the date that analysed it (see {@link inOrderBefore}).
   */
  readonly before: readonly (StepVerdict | undefined)[];
  /** Service `s`'s verdict at the step before with its breakers in the element order of that step. */
  readonly inOrderBefore: (s: number) => StepVerdict | undefined;
  /** Services of the step before that are gone. */
  readonly removed: number;
}

interface Kept {
  readonly p: Projection;
  readonly m: ServiceModel;
  readonly st: SurvivabilityStructures;
  readonly up: Uint8Array;
  readonly datacenter: Uint8Array;
  readonly verdicts: readonly StepVerdict[];
  /**
   * Per service, the projection whose element indices its verdict's breakers use. A verdict
   * taken over into a new projection keeps its old indices (re-indexing every one would cost
   * more than the analysis saved); it is re-indexed only when compared with a fresh one.
   */
  readonly homes: readonly Projection[];
}

const kindOrder: Record<FailureElement['kind'], number> = { device: 0, link: 1, site: 2, 'risk-group': 3 };

/** Tracks the verdicts along a walk; `next` after each step's change sets are applied. */
export class IncrementalVerdicts {
  private kept: Kept | undefined;
  private readonly services = new IncrementalServices();

  /**
   * The verdicts of the estate after a step. `delta` (what the step touched, closed on the
   * estate) allows reuse; without it every service is analysed.
   */
  next(estate: Estate, delta: TimelineDelta | undefined): VerdictStep {
    const prev = this.kept;
    const kept = delta && !delta.unbounded ? prev : undefined;
    const graphSame = kept !== undefined && delta!.graphUnchanged;
    const p = graphSame ? kept.p : buildProjection(estate, projectionOptions);
    // The services of the step, and which service of the step before each one continues.
    const { model: m, previous, removed } = this.services.next(p, estate, kept && { usages: delta!.usages, applications: delta!.applications });
    const st = graphSame ? kept.st : survivabilityStructures(p, emptyMask(p));
    const up = new Uint8Array(m.count);
    for (let s = 0; s < m.count; s++) up[s] = serviceUp(m, s, st.comp0) ? 1 : 0;
    const datacenter = graphSame ? kept.datacenter : datacenterSites(p, estate.ofKind('site'));

    const analyse = new Uint8Array(m.count);
    const before: (StepVerdict | undefined)[] = new Array<StepVerdict | undefined>(m.count);
    if (prev) {
      const hitBefore = new Uint8Array(prev.m.count);
      if (kept && !delta!.graphUnchanged) {
        const touchedBefore = touchedMask(kept.p, delta!);
        const touchedAfter = touchedMask(p, delta!);
        // The finer rule (changedServices), unless the change joins or splits the graph: then every
        // service whose footprint, before or after, holds a touched element.
        const changed = changedServices({ p: kept.p, m: kept.m, st: kept.st, touched: touchedBefore }, { p, m, st, touched: touchedAfter, up }, previous, (s) => prev.verdicts[s]!.breakers);
        if (changed) analyse.set(changed);
        else {
          for (const s of footprintHits(kept.p, kept.m, kept.st, touchedBefore, (s) => kept.up[s] === 1)) hitBefore[s] = 1;
          for (const s of footprintHits(p, m, st, touchedAfter, (s) => up[s] === 1)) analyse[s] = 1;
        }
      }
      const touched = kept && servicesTouched(p, m, delta!);
      for (let s = 0; s < m.count; s++) {
        const was = previous[s]!;
        if (was < 0) {
          analyse[s] = 1;
          continue;
        }
        before[s] = prev.verdicts[was]!;
        if (!touched || hitBefore[was] || touched[s]) analyse[s] = 1;
      }
    } else analyse.fill(1);

    const fresh = indicesOf(analyse);
    const surv = fresh.length ? analyzeSurvivability(p, m, { services: fresh, structures: st }) : undefined;
    const verdicts: StepVerdict[] = new Array<StepVerdict>(m.count);
    const homes: Projection[] = new Array<Projection>(m.count);
    for (let s = 0; s < m.count; s++) {
      if (!analyse[s]) {
        verdicts[s] = before[s]!;
        homes[s] = prev!.homes[previous[s]!]!;
        continue;
      }
      const v = surv!.services[s]!;
      verdicts[s] = { survives: v.survives, redundant: redundancyVerdict(v, datacenter).redundant, breakers: v.breakers };
      homes[s] = p;
    }
    this.kept = { p, m, st, up, datacenter, verdicts, homes };
    // Re-indexed only when asked (a few services lose breakers at a date): the order of an
    // element list taken over through other projections is that of the date that found it.
    const inOrderBefore = (s: number): StepVerdict | undefined => {
      const b = before[s];
      return b && prev && prev.homes[previous[s]!] !== prev.p ? reindex(prev.p, b) : b;
    };
    return { projection: p, services: m, datacenter, verdicts, analysed: analyse, before, inOrderBefore, removed };
  }
}

/** Nothing failed, sized for `p`. */
function emptyMask(p: Projection): { nodes: Uint8Array; edges: Uint8Array } {
  return { nodes: new Uint8Array(p.nodeCount), edges: new Uint8Array(p.edgeCount) };
}

function indicesOf(flags: Uint8Array): Int32Array {
  const out: number[] = [];
  flags.forEach((f, i) => f && out.push(i));
  return Int32Array.from(out);
}

/** Per service, 1 if the step changed its usage, its site, or an application it needs. */
function servicesTouched(p: Projection, m: ServiceModel, delta: TimelineDelta): Uint8Array {
  const app = new Uint8Array(m.appIds.length);
  for (const id of delta.applications) {
    const a = m.appIndex.get(id);
    if (a !== undefined) app[a] = 1;
  }
  const site = new Uint8Array(p.siteIds.length);
  for (const id of delta.serviceSites) {
    const t = p.siteIndex.get(id);
    if (t !== undefined) site[t] = 1;
  }
  const apps = delta.applications.size > 0;
  const usages = delta.usages.size > 0;
  const out = new Uint8Array(m.count);
  for (let s = 0; s < m.count; s++) {
    const t = m.site[s]!;
    if (t < 0 || site[t] || (usages && delta.usages.has(m.usage[s]!))) out[s] = 1;
    else if (apps) for (let j = m.needs.offsets[s]!; j < m.needs.offsets[s + 1]! && !out[s]; j++) if (app[m.needs.members[j]!]) out[s] = 1;
  }
  return out;
}

/** The nodes and edges of `p` that the step touched. */
function touchedMask(p: Projection, delta: TimelineDelta): { nodes: Uint8Array; edges: Uint8Array } {
  const { nodes, edges } = emptyMask(p);
  for (const id of delta.nodes) {
    const v = p.nodeIndex.get(id);
    if (v !== undefined) nodes[v] = 1;
  }
  for (const id of delta.links) {
    const e = p.edgeIndex.get(id);
    if (e !== undefined) edges[e] = 1;
  }
  for (const id of delta.sites) {
    const t = p.siteIndex.get(id);
    if (t !== undefined) for (let k = p.siteNodes.offsets[t]!; k < p.siteNodes.offsets[t + 1]!; k++) nodes[p.siteNodes.members[k]!] = 1;
  }
  for (const id of delta.riskGroups) {
    const g = p.riskGroupIndex.get(id);
    if (g === undefined) continue;
    for (let k = p.riskGroupNodes.offsets[g]!; k < p.riskGroupNodes.offsets[g + 1]!; k++) nodes[p.riskGroupNodes.members[k]!] = 1;
    for (let k = p.riskGroupEdges.offsets[g]!; k < p.riskGroupEdges.offsets[g + 1]!; k++) edges[p.riskGroupEdges.members[k]!] = 1;
  }
  return { nodes, edges };
}

/**
 * A verdict taken over into the projection `p` (where it held, by the argument above): its
 * breakers' indices there, in its element order (what a fresh analysis there would list).
 */
function reindex(p: Projection, v: StepVerdict): StepVerdict {
  if (v.breakers.length === 0) return v;
  const breakers: FailureElement[] = [];
  for (const e of v.breakers) {
    const map = e.kind === 'device' ? p.nodeIndex : e.kind === 'link' ? p.edgeIndex : e.kind === 'site' ? p.siteIndex : p.riskGroupIndex;
    const index = map.get(e.id);
    if (index === undefined) throw new Error(`internal: breaker ${e.id} of a verdict taken over is not in the graph it held for`);
    breakers.push({ id: e.id, kind: e.kind, index });
  }
  breakers.sort((x, y) => kindOrder[x.kind] - kindOrder[y.kind] || x.index - y.index);
  return { ...v, breakers };
}
