/**
 * The timeline check as a pure function of the view's change sets: survivability at every
 * instant where the view changes, and what changed in the verdicts. The CLI runs it
 * in-process; the API in a worker thread, handing it the change sets it read.
 */
import { textOf } from './serverTexts.js';
import type { Problem } from '../model/errors.js';
import { isDatacenterElement } from '../engine/redundancy.js';
import { addedBreakers, elementOut, serviceRef, type ServiceRef } from './analyses.js';
import { IncrementalVerdicts } from './IncrementalVerdicts.js';
import { TimelineDelta } from './TimelineDelta.js';
import { walkChangeSets, type TimelineStep, type WalkChangeSet } from './walkTimeline.js';
// The results are the API's contract: declared in src/contracts.
import type { TimelineCheckReport, TimelineCheckStep } from '../contracts/index.js';
export type { TimelineCheckReport, TimelineCheckStep };

/** Options of {@link timelineCheckReport}. */
export interface TimelineCheckOptions {
  /**
   * Analyse at each date only the services its change sets can affect and take the other
   * verdicts over from the date before (the default); false analyses every date from
   * scratch — the reference the tests compare it with.
   */
  readonly incremental?: boolean;
  /**
   * `[i, n]`: only the i-th of n consecutive runs of dates (see {@link timelinePartSteps}),
   * so that threads can check the runs side by side ({@link mergeTimelineParts} joins them).
   * The walk replays the dates before the run without analysing them, analyses the date
   * just before it whole and goes on incrementally from there: the same answer as one walk,
   * because the incremental check equals the check from scratch at every date.
   */
  readonly part?: readonly [number, number] | undefined;
}

/** Dates of the i-th of n runs of a walk with `steps` dates: `[from, to)`, about equal counts. */
export function timelinePartSteps(steps: number, [i, n]: readonly [number, number]): [number, number] {
  return [Math.round((i * steps) / n), Math.round(((i + 1) * steps) / n)];
}

/** The number of dates (distinct instants) of a view's change sets in timeline order. */
export function timelineDates(included: readonly WalkChangeSet[]): number {
  let dates = 0;
  for (let i = 0; i < included.length; i++) if (i === 0 || included[i]!.effectiveKey !== included[i - 1]!.effectiveKey) dates++;
  return dates;
}

/** The check of the whole walk from the checks of its runs, in run order. */
export function mergeTimelineParts(parts: readonly TimelineCheckReport[]): TimelineCheckReport {
  return { plan: parts[0]!.plan, steps: parts.flatMap((r) => r.steps), problems: parts.flatMap((r) => r.problems) };
}

/**
 * Checks every step of the walk over `included` (the view's change sets in timeline order).
 * `onStep` sees each step's estate before the next change set mutates it.
 */
export function timelineCheckReport(
  included: readonly WalkChangeSet[],
  plan: string | null,
  onStep?: (step: TimelineStep) => void,
  options: TimelineCheckOptions = {},
): TimelineCheckReport {
  const incremental = options.incremental !== false;
  const steps: TimelineCheckStep[] = [];
  const problems: Problem[] = [];
  const tracker = new IncrementalVerdicts();
  const [from, to] = options.part ? timelinePartSteps(timelineDates(included), options.part) : [0, Number.POSITIVE_INFINITY];
  // The first date analysed is analysed whole: what its change sets touch (often the whole estate) is not noted.
  let delta: TimelineDelta | undefined;
  let index = -1;
  if (from >= to) return { plan, steps, problems };
  for (const step of walkChangeSets(included, (cs, estate) => delta?.note(cs, estate))) {
    index++;
    // Dates before the run are only replayed; the one just before it is the reference of its first date.
    if (index < from - 1) continue;
    if (index === from - 1) {
      tracker.next(step.estate, undefined);
      delta = new TimelineDelta();
      continue;
    }
    onStep?.(step);
    for (const p of step.problems) problems.push(p);
    const { projection, services: m, datacenter: dc, verdicts, analysed, before: previous, inOrderBefore, removed } = tracker.next(step.estate, incremental ? delta?.close(step.estate) : undefined);
    delta = new TimelineDelta();
    const snap = { projection, services: m };
    const lost: TimelineCheckStep['lost'] = [];
    const regained: ServiceRef[] = [];
    const lostRedundancy: TimelineCheckStep['lostRedundancy'] = [];
    const regainedRedundancy: ServiceRef[] = [];
    const weakened: TimelineCheckStep['weakened'] = [];
    const strengthened: TimelineCheckStep['strengthened'] = [];
    let added = 0;
    let surviving = 0;
    let redundantCount = 0;
    verdicts.forEach((v, s) => {
      if (v.survives) surviving++;
      if (v.redundant) redundantCount++;
      const before = previous[s];
      if (!before) return void added++;
      // A verdict taken over from the date before is that verdict: nothing changed.
      if (!analysed[s]) return;
      if (before.survives && !v.survives) lost.push({ ...serviceRef(snap, s), breakers: v.breakers.map(elementOut) });
      else if (!before.survives && v.survives) regained.push(serviceRef(snap, s));
      if (before.redundant && !v.redundant) lostRedundancy.push({ ...serviceRef(snap, s), breakers: v.breakers.filter((e) => !isDatacenterElement(e, dc)).map(elementOut) });
      else if (!before.redundant && v.redundant) regainedRedundancy.push(serviceRef(snap, s));
      // Compared as lists first (the same ids in another order find nothing added or cleared below).
      if (sameIds(before.breakers, v.breakers)) return;
      const newBreakers = addedBreakers(before.breakers, v.breakers);
      if (newBreakers.length) weakened.push({ ...serviceRef(snap, s), newBreakers });
      // In the element order of the date before.
      const clearedBreakers = addedBreakers(v.breakers, before.breakers);
      if (clearedBreakers.length > 1) clearedBreakers.splice(0, clearedBreakers.length, ...addedBreakers(v.breakers, inOrderBefore(s)!.breakers));
      if (clearedBreakers.length) strengthened.push({ ...serviceRef(snap, s), clearedBreakers });
    });
    steps.push({
      at: step.at,
      changesets: step.changesets.map((h) => ({ id: h.id, title: h.title, text: textOf(h.title), status: h.status, plan: h.plan ?? null })),
      services: m.count,
      surviving,
      failing: m.count - surviving,
      lost,
      regained,
      redundant: redundantCount,
      lostRedundancy,
      regainedRedundancy,
      weakened,
      strengthened,
      added,
      removed,
    });
    // The dates after the run are another's.
    if (index === to - 1) break;
  }
  return { plan, steps, problems };
}

/** Do two breaker lists name the same elements in the same order? */
function sameIds(a: readonly { id: string }[], b: readonly { id: string }[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i]!.id !== b[i]!.id) return false;
  return true;
}
