/**
 * The timeline check as a pure function of the view's change sets: survivability at every
 * instant where the view changes, and what changed in the verdicts. The CLI runs it
 * in-process; the API in a worker thread, handing it the change sets it read.
 */
import { textOf, type ServerText } from './serverTexts.js';
import type { Problem } from '../model/errors.js';
import { analyzeSurvivability, type FailureElement } from '../engine/survivability.js';
import { datacenterSites, isDatacenterElement, redundancyVerdicts } from '../engine/redundancy.js';
import type { TimeKey } from '../timeline/time.js';
import { addedBreakers, elementOut, serviceRef, type ElementRefOut, type ServiceRef } from './analyses.js';
import { project } from './Snapshot.js';
import { walkChangeSets, type TimelineStep, type WalkChangeSet } from './walkTimeline.js';

/** One date of the timeline check. */
export interface TimelineCheckStep {
  readonly at: TimeKey;
  readonly changesets: { id: string; title: string; text: ServerText | null; status: string; plan: string | null }[];
  readonly services: number;
  readonly surviving: number;
  readonly failing: number;
  readonly lost: (ServiceRef & { breakers: ElementRefOut[] })[];
  readonly regained: ServiceRef[];
  /** Services redundant (no breaker other than a data-center site) at this date. */
  readonly redundant: number;
  /** Services that stop being redundant, with what now breaks them (data-center sites left out). */
  readonly lostRedundancy: (ServiceRef & { breakers: ElementRefOut[] })[];
  /** Services that become redundant. */
  readonly regainedRedundancy: ServiceRef[];
  /** Services that some element now breaks that did not before (whether or not they survived). */
  readonly weakened: (ServiceRef & { newBreakers: ElementRefOut[] })[];
  /** Services that elements no longer break. */
  readonly strengthened: (ServiceRef & { clearedBreakers: ElementRefOut[] })[];
  readonly added: number;
  readonly removed: number;
}

/** The result of `timeline check`. */
export interface TimelineCheckReport {
  readonly plan: string | null;
  readonly steps: TimelineCheckStep[];
  /** Problems of an invalid plan overlay, if any. */
  readonly problems: Problem[];
}

/**
 * Checks every step of the walk over `included` (the view's change sets in timeline order).
 * `onStep` sees each step's estate before the next change set mutates it.
 */
export function timelineCheckReport(included: readonly WalkChangeSet[], plan: string | null, onStep?: (step: TimelineStep) => void): TimelineCheckReport {
  const steps: TimelineCheckStep[] = [];
  const problems: Problem[] = [];
  type Verdict = { survives: boolean; redundant: boolean; breakers: readonly FailureElement[] };
  let previous = new Map<string, Verdict>();
  for (const step of walkChangeSets(included)) {
    onStep?.(step);
    for (const p of step.problems) problems.push(p);
    const snap = project(step.estate);
    const { projection, services: m } = snap;
    const surv = analyzeSurvivability(projection, m);
    const dc = datacenterSites(projection, step.estate);
    const verdicts = redundancyVerdicts(surv, dc);
    const current = new Map<string, Verdict>();
    const lost: TimelineCheckStep['lost'] = [];
    const regained: ServiceRef[] = [];
    const lostRedundancy: TimelineCheckStep['lostRedundancy'] = [];
    const regainedRedundancy: ServiceRef[] = [];
    const weakened: TimelineCheckStep['weakened'] = [];
    const strengthened: TimelineCheckStep['strengthened'] = [];
    let added = 0;
    surv.services.forEach((v, s) => {
      const key = `${m.usage[s]}@${projection.siteIds[m.site[s]!] ?? ''}`;
      const redundant = verdicts[s]!.redundant;
      current.set(key, { survives: v.survives, redundant, breakers: v.breakers });
      const before = previous.get(key);
      if (!before) return void added++;
      if (before.survives && !v.survives) lost.push({ ...serviceRef(snap, s), breakers: v.breakers.map(elementOut) });
      else if (!before.survives && v.survives) regained.push(serviceRef(snap, s));
      if (before.redundant && !redundant) lostRedundancy.push({ ...serviceRef(snap, s), breakers: v.breakers.filter((e) => !isDatacenterElement(e, dc)).map(elementOut) });
      else if (!before.redundant && redundant) regainedRedundancy.push(serviceRef(snap, s));
      const newBreakers = addedBreakers(before.breakers, v.breakers);
      if (newBreakers.length) weakened.push({ ...serviceRef(snap, s), newBreakers });
      const clearedBreakers = addedBreakers(v.breakers, before.breakers);
      if (clearedBreakers.length) strengthened.push({ ...serviceRef(snap, s), clearedBreakers });
    });
    let removed = 0;
    for (const key of previous.keys()) if (!current.has(key)) removed++;
    const surviving = surv.services.filter((v) => v.survives).length;
    steps.push({
      at: step.at,
      changesets: step.changesets.map((h) => ({ id: h.id, title: h.title, text: textOf(h.title), status: h.status, plan: h.plan ?? null })),
      services: m.count,
      surviving,
      failing: m.count - surviving,
      lost,
      regained,
      redundant: verdicts.filter((v) => v.redundant).length,
      lostRedundancy,
      regainedRedundancy,
      weakened,
      strengthened,
      added,
      removed,
    });
    previous = current;
  }
  return { plan, steps, problems };
}
