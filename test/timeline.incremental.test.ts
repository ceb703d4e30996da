/**
 * The incremental timeline check (docs/analysis.md, "timeline check") against the same check
 * computed from scratch at every date: equal answers on the OWL-IT example (baseline and
 * every plan), on generated estates with many change sets, and on random estates with random
 * edits of every kind the check must bound (links, devices, roles, retirement, risk-group
 * membership on either side, site types, instances, dependencies, usages).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { generateEstate } from '../src/synthetic/generateEstate.js';
import { toEstateDocument } from '../src/interop/toEstateDocument.js';
import { mergeTimelineParts, timelineCheckReport } from '../src/service/timelineCheckReport.js';
import { timelineCheckSideBySide } from '../src/service/timelineCheckSideBySide.js';
import { IncrementalVerdicts } from '../src/service/IncrementalVerdicts.js';
import { IncrementalServices } from '../src/engine/IncrementalServices.js';
import { buildProjection, type Projection } from '../src/engine/projection.js';
import { buildServices, type ServiceModel } from '../src/engine/services.js';
import { projectionOptions } from '../src/service/Snapshot.js';
import { TimelineDelta } from '../src/service/TimelineDelta.js';
import { walkChangeSets, type WalkChangeSet } from '../src/service/walkTimeline.js';
import { inView, timelineOrder, type ChangeSet } from '../src/timeline/changeSet.js';
import type { StoredObject } from '../src/timeline/Estate.js';
import { parseInstant } from '../src/timeline/time.js';
import { Random } from '../src/util/Random.js';
import { changeSetsOf, owlChangeSets } from './helpers/estates.js';
import { chained, objectsOf, recipes, type Recipe } from './helpers/randomEstates.js';
import { randomTimeline } from './helpers/randomTimeline.js';

function walk(changeSets: readonly ChangeSet[], plan?: string): WalkChangeSet[] {
  return timelineOrder(changeSets.filter((cs) => inView(cs, plan))).map((cs) => ({ ...cs, revision: 1 }));
}

/** Compares both reports; returns the dates and how many verdicts after the first date were taken over. */
function compare(changeSets: readonly ChangeSet[], plan?: string): { steps: number; reused: number; later: number } {
  const included = walk(changeSets, plan);
  const fresh = timelineCheckReport(included, plan ?? null, undefined, { incremental: false });
  const incremental = timelineCheckReport(included, plan ?? null);
  assert.deepEqual(incremental, fresh);
  // Runs of dates checked apart (side by side in threads) and joined: the same answer.
  for (const n of [2, 3]) assert.deepEqual(mergeTimelineParts(Array.from({ length: n }, (_, i) => timelineCheckReport(included, plan ?? null, undefined, { part: [i, n] }))), incremental);
  // The same walk through the tracker, counting what it did not analyse again.
  const tracker = new IncrementalVerdicts();
  let delta = new TimelineDelta();
  let reused = 0;
  let later = 0;
  let first = true;
  for (const step of walkChangeSets(included, (cs, estate) => delta.note(cs, estate))) {
    const { analysed } = tracker.next(step.estate, delta.close(step.estate));
    delta = new TimelineDelta();
    if (!first) for (const a of analysed) (later++, (reused += 1 - a));
    first = false;
  }
  compareServices(included);
  return { steps: fresh.steps.length, reused, later };
}

/**
 * The service model kept along the walk equals the one built from the estate at every date,
 * and each service continues the one of the date before with the same usage and site.
 */
function compareServices(included: readonly WalkChangeSet[]): void {
  const kept = new IncrementalServices();
  let delta = new TimelineDelta();
  let before: { p: Projection; m: ServiceModel } | undefined;
  for (const step of walkChangeSets(included, (cs, estate) => delta.note(cs, estate))) {
    delta.close(step.estate);
    // An unchanged graph keeps its projection (as the timeline check does): the same object.
    const p = before && delta.graphUnchanged && !delta.unbounded ? before.p : buildProjection(step.estate, projectionOptions);
    const changes = delta.unbounded ? undefined : { usages: delta.usages, applications: delta.applications };
    const r = kept.next(p, step.estate, before ? changes : undefined);
    const m = buildServices(p, step.estate);
    assert.deepEqual({ ...r.model, appIndex: [...r.model.appIndex] }, { ...m, appIndex: [...m.appIndex] });
    const key = (x: { p: Projection; m: ServiceModel }, s: number): string => `${x.m.usage[s]}@${x.p.siteIds[x.m.site[s]!]}`;
    const was = new Map<string, number>();
    if (before) for (let s = 0; s < before.m.count; s++) was.set(key(before, s), s);
    const now = { p, m };
    const previous = Array.from({ length: m.count }, (_, s) => was.get(key(now, s)) ?? -1);
    assert.deepEqual(Array.from(r.previous), previous);
    const keys = new Set(Array.from({ length: m.count }, (_, s) => key(now, s)));
    assert.equal(r.removed, [...was.keys()].filter((k) => !keys.has(k)).length);
    before = now;
    delta = new TimelineDelta();
  }
}

describe('incremental timeline check equals the check from scratch', () => {
  test('OWL-IT: baseline and every plan', () => {
    const changeSets = owlChangeSets();
    const plans = [...new Set(changeSets.flatMap((cs) => (cs.plan ? [cs.plan] : [])))];
    assert.ok(plans.length >= 2);
    const base = compare(changeSets);
    assert.ok(base.steps > 3);
    // Most verdicts are taken over (the test would pass vacuously if none were).
    assert.ok(base.reused > base.later / 2, `${base.reused} of ${base.later}`);
    for (const plan of plans) compare(changeSets, plan);
  });

  test('generated estates with many change sets (small and region presets)', () => {
    for (const [preset, seed] of [
      ['small', 1],
      ['small', 2],
      ['small', 3],
      ['region', 5],
    ] as const) {
      const doc = generateEstate({ seed, preset });
      const read = toEstateDocument(JSON.parse(JSON.stringify(doc)), 'generated.json');
      assert.deepEqual(read.problems, []);
      const changeSets = changeSetsOf({ ...read.doc, initial: doc.initial });
      const plans = [...new Set(changeSets.flatMap((cs) => (cs.plan ? [cs.plan] : [])))];
      const base = compare(changeSets);
      assert.ok(base.steps >= 8 && base.reused > 0, `${preset} ${seed}: ${base.steps} dates, ${base.reused} of ${base.later} verdicts taken over`);
      for (const plan of plans) compare(changeSets, plan);
    }
  });

  test('side by side in worker threads: the same answer as one walk', async () => {
    const doc = generateEstate({ seed: 2, preset: 'small' });
    const read = toEstateDocument(JSON.parse(JSON.stringify(doc)), 'generated.json');
    const included = walk(changeSetsOf({ ...read.doc, initial: doc.initial }));
    const whole = timelineCheckReport(included, null);
    assert.ok(whole.steps.length >= 8);
    assert.deepEqual(await timelineCheckSideBySide(included, null, { threads: 3, minChanges: 0 }), whole);
    // Below the size that pays for a thread: checked here, the same.
    assert.deepEqual(await timelineCheckSideBySide(included, null, { threads: 3 }), whole);
  });

  test('a risk group that gains two links of a ring through its member list: the ring breaks', () => {
    const objects = [
      { kind: 'organization', id: 'o', name: 'o', type: 'municipality' },
      { kind: 'risk-group', id: 'g', name: 'g', type: 'duct' },
      ...['a', 'b', 'c', 'd'].flatMap((x) => [
        { kind: 'site', id: `s${x}`, name: x, type: 'office', organization: 'o' },
        { kind: 'device', id: x, name: x, site: `s${x}`, role: 'router' },
      ]),
      ...['ab', 'bc', 'cd', 'da'].map((l) => ({ kind: 'link', id: l, name: l, a: l[0], b: l[1], type: 'fibre' })),
      { kind: 'application', id: 'app', name: 'app', instances: ['c'] },
      { kind: 'usage', id: 'u', tenant: 'o', application: 'app', sites: ['sa'] },
    ] as StoredObject[];
    const changeSets: ChangeSet[] = [
      { id: 'initial', title: 'initial', effective: '2020-01-01', effectiveKey: parseInstant('2020-01-01'), status: 'done', seq: 0, changes: objects.map((o) => ({ op: 'create', id: o.id, fields: o })) },
      { id: 'duct', title: 'duct', effective: '2020-01-02', effectiveKey: parseInstant('2020-01-02'), status: 'done', seq: 1, changes: [{ op: 'update', id: 'g', fields: { members: ['ab', 'cd'] } }] },
    ];
    compare(changeSets);
    const r = timelineCheckReport(walk(changeSets), null);
    assert.deepEqual(
      r.steps[1]!.weakened.map((w) => w.newBreakers.map((b) => b.id)),
      [['g']],
    );
  });

  test('random estates with random edits', () => randomRuns(recipes(6, 4, 12), (objects) => objects, 11));

  test('random connected estates with edits inside the graph (chords, devices joined twice, devices gone, new sites)', () => randomRuns(recipes(6, 4, 6), chained, 12));
});

/**
 * 300 random estates (`estate` of a recipe's objects), ten dates of random edits each,
 * compared; both kinds of date must be exercised: verdicts taken over and analysed again.
 */
function randomRuns(arbitrary: fc.Arbitrary<Recipe>, estate: (objects: StoredObject[]) => StoredObject[], seed: number): void {
  let steps = 0;
  let reused = 0;
  let later = 0;
  fc.assert(
    fc.property(arbitrary, fc.integer({ min: 1, max: 1e9 }), (recipe, edits) => {
      const r = compare(randomTimeline(estate(objectsOf(recipe) as StoredObject[]), new Random(edits, 'edits'), 10));
      (steps += r.steps), (reused += r.reused), (later += r.later);
    }),
    { numRuns: 300, seed },
  );
  assert.ok(steps > 1500, `${steps} dates compared`);
  assert.ok(reused > later / 10 && reused < later, `${reused} of ${later} verdicts taken over`);
}

