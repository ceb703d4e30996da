/**
 * Survivability and the SPOF report (docs/analysis.md, "check"): for every service, is it up, does it
 * survive every single failure element (device, link, site, risk group) other than its own
 * site, and which elements break it; for every element, the services its failure breaks.
 *
 * No graph search per (service × element). Three parts, each near-linear:
 *
 * 1. **Single nodes** (devices, and sites with one node): only a service's own attach
 *    points and instances, and the articulation points on the block-cut-tree paths from one
 *    of its attach points p0 to one instance of each application it needs, can break it.
 *    For a candidate cut vertex v, the piece of G − v that holds a node x is read off the
 *    rooted block-cut tree in O(log degree): the child subtree of v that holds x, or v's
 *    parent. Cost per service: its terminals times (their number + the path lengths).
 * 2. **Single links**: likewise with the bridges on the bridge tree (2-edge-connected
 *    components joined by bridges): a bridge splits its tree into the subtree below it and
 *    the rest.
 * 3. **Multi-element failures** (sites with several nodes, risk groups): one component pass
 *    per failure, made local, and skipped when it cannot matter:
 *    - *Skipped* unless the failure holds p0, an instance on a walked path or a cut vertex
 *      on it, a bridge on it, or two elements of one block on it (a block of more than one
 *      edge is 2-connected: one element inside cannot cut it) for some service.
 *    - *Local*: searches start at the surviving neighbours of the failure and take turns;
 *      a search that reaches a node whose path to its component's root in a fixed
 *      breadth-first spanning forest avoids the failure has reached the main piece and
 *      stops. When at most one group of searches per component is still growing, the
 *      exhausted ones are the pieces cut off and the rest is the main piece, left
 *      unexplored. Past a budget (half the graph) the pass becomes a full component pass,
 *      so the worst case is one linear pass per failure.
 *    - Only services attached in the failure or in a piece cut off, or needing an
 *      application whose instances all left the main piece, are evaluated.
 *
 * With `failed`, everything runs on G − F: "up at baseline" then means "up under F", and
 * the breakers are the elements that break a service on top of F (the what-if's
 * "degraded"). `exposedServices` tells which services a further failure can affect at all
 * (their footprint in the block-cut tree), so a what-if re-analyses only those.
 */
import { exposedServices, recordFootprints, type MaskLike } from './exposedServices.js';
import { masksOf } from '../graph/FailureMask.js';
import type { Groups } from '../graph/groupBy.js';
import { MultiElementAnalysis, type Effect } from './multiElementAnalysis.js';
import { multiElementRelevance } from './multiElementRelevance.js';
import { DEVICE_NODE, type Projection } from './projection.js';
import { serviceUp, type ServiceModel } from './services.js';
import { singleFailureChecks } from './singleFailureChecks.js';
import { survivabilityStructures } from './survivabilityStructures.js';
import type { ElementKind, FailureElement, ServiceSurvivability, Spof, Survivability, SurvivabilityOptions } from './SurvivabilityResult.js';

export { exposedServices, type MaskLike };
// The result and option types live in a file of their own (the passes read them too); users import them from here.
export type { ElementKind, FailureElement, ServiceSurvivability, Spof, Survivability, SurvivabilityOptions, SurvivabilityStats } from './SurvivabilityResult.js';

/**
 * Survivability of every service and the SPOF list (see the module comment for the method).
 *
 * @param p the projection.
 * @param m the services over `p`.
 * @param options `failed`: elements already failed (the analysis runs on G − F).
 */
export function analyzeSurvivability(p: Projection, m: ServiceModel, options?: SurvivabilityOptions): Survivability {
  const F = masksOf(p, options);
  const n = p.nodeCount;

  // ---- Structures of G − F ----------------------------------------------------------
  const st = options?.structures ?? survivabilityStructures(p, F);
  const { comp0, compCount } = st;

  // ---- Baseline --------------------------------------------------------------------------
  const S = m.count;
  const analysed = new Uint8Array(S);
  if (options?.services) for (const s of Array.from(options.services)) analysed[s] = 1;
  else analysed.fill(1);
  const upBase = new Uint8Array(S);
  for (let s = 0; s < S; s++) upBase[s] = serviceUp(m, s, comp0) ? 1 : 0;

  // ---- Parts 1 and 2: single nodes and single links, per service ---------------------------
  const { nodeBreaks, edgeBreaks, relevantBlock, relevantNode, nodeChecks, linkChecks } = singleFailureChecks(p, m, st, upBase, analysed);

  // ---- Part 3: multi-element failures --------------------------------------------------
  //
  // To break service s, a failure X must cut its first good attach point p0 off from
  // every instance of some application, so in particular from the instance i the path
  // walk above went to. Every p0–i path runs through the blocks on their block-cut tree
  // path, entering and leaving each at a cut vertex (or p0, i). So X holds p0, i or a cut
  // vertex on that path (all marked in relevantNode), or it cuts entry from exit inside
  // one block of the path (marked in relevantBlock): the one edge of a bridge block, or,
  // as a block of more is 2-connected, at least two of its nodes and edges. A failure that
  const relevant = multiElementRelevance(p, st, relevantBlock, relevantNode);
  const multi = new MultiElementAnalysis({ p, m, F, comp0, compCount, upBase, analysed, relevant, tuning: options?.tuning, structures: st });

  // ---- Assembly -----------------------------------------------------------------------------
  // Objects only for elements that break something and services that something breaks:
  // most of the 10^5 elements of a large estate break nothing.
  const spofs: Spof[] = [];
  const breakers: (FailureElement[] | undefined)[] = new Array<FailureElement[] | undefined>(S);
  const add = (kind: ElementKind, index: number, id: string, breaks: readonly number[]): void => {
    if (breaks.length === 0) return;
    const element: FailureElement = { id, kind, index };
    spofs.push({ element, breaks });
    for (const s of breaks) (breakers[s] ??= []).push(element);
  };
  const NONE: readonly number[] = [];
  const slice = (g: Groups, i: number, skipSite = -1): readonly number[] => {
    const from = g.offsets[i]!;
    const to = g.offsets[i + 1]!;
    if (from === to) return NONE;
    const out: number[] = [];
    for (let k = from; k < to; k++) {
      const s = g.members[k]!;
      if (m.site[s] !== skipSite) out.push(s);
    }
    return out;
  };
  for (let v = 0; v < n; v++) if (p.nodeKind[v] === DEVICE_NODE) add('device', v, p.nodeIds[v]!, slice(nodeBreaks, v));
  for (let e = 0; e < p.edgeCount; e++) add('link', e, p.edgeIds[e]!, slice(edgeBreaks, e));
  const fromEffect = (effect: Effect, skipSite: number): readonly number[] =>
    effect.kind === 'node' ? slice(nodeBreaks, effect.index, skipSite) : effect.kind === 'edge' ? slice(edgeBreaks, effect.index, skipSite) : effect.kind === 'pass' ? effect.breaks : NONE;
  for (let t = 0; t < p.siteIds.length; t++) add('site', t, p.siteIds[t]!, fromEffect(multi.site(t), t));
  for (let g = 0; g < p.riskGroupIds.length; g++) add('risk-group', g, p.riskGroupIds[g]!, fromEffect(multi.riskGroup(g), -1));

  const services: ServiceSurvivability[] = new Array<ServiceSurvivability>(S);
  const noBreakers: readonly FailureElement[] = Object.freeze([]);
  // The services left out share two verdicts (a few of 10^5 may be analysed: a date of the timeline check).
  const notAnalysed = [false, true].map((up) => Object.freeze({ upAtBaseline: up, analysed: false, survives: false, breakers: noBreakers }));
  for (let s = 0; s < S; s++) {
    if (!analysed[s]) {
      services[s] = notAnalysed[upBase[s]!]!;
      continue;
    }
    const list = breakers[s] ?? noBreakers;
    services[s] = { upAtBaseline: upBase[s] === 1, analysed: true, survives: upBase[s] === 1 && list.length === 0, breakers: list };
  }
  const result: Survivability = {
    services,
    spofs,
    stats: {
      nodeChecks,
      linkChecks,
      multiPasses: multi.stats.passes,
      multiSkipped: multi.stats.skipped,
      fullPasses: multi.stats.fullPasses,
      expanded: multi.stats.expanded,
      multiChecks: multi.stats.checks,
    },
  };
  recordFootprints(result, p, m, F, st, upBase, analysed);
  return result;
}
