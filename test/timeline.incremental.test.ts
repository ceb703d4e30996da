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
import { timelineCheckReport } from '../src/service/timelineCheckReport.js';
import { IncrementalVerdicts } from '../src/service/IncrementalVerdicts.js';
import { IncrementalServices } from '../src/engine/IncrementalServices.js';
import { buildProjection, type Projection } from '../src/engine/projection.js';
import { buildServices, type ServiceModel } from '../src/engine/services.js';
import { projectionOptions } from '../src/service/Snapshot.js';
import { TimelineDelta } from '../src/service/TimelineDelta.js';
import { walkChangeSets, type WalkChangeSet } from '../src/service/walkTimeline.js';
import { applyChangeSet } from '../src/timeline/applyChangeSet.js';
import { inView, timelineOrder, type Change, type ChangeSet } from '../src/timeline/changeSet.js';
import { Estate, type StoredObject } from '../src/timeline/Estate.js';
import { parseInstant } from '../src/timeline/time.js';
import { Random } from '../src/util/Random.js';
import { changeSetsOf, owlChangeSets } from './helpers/estates.js';
import { objectsOf, recipes } from './helpers/randomEstates.js';

function walk(changeSets: readonly ChangeSet[], plan?: string): WalkChangeSet[] {
  return timelineOrder(changeSets.filter((cs) => inView(cs, plan))).map((cs) => ({ ...cs, revision: 1 }));
}

/** Compares both reports; returns the dates and how many verdicts after the first date were taken over. */
function compare(changeSets: readonly ChangeSet[], plan?: string): { steps: number; reused: number; later: number } {
  const included = walk(changeSets, plan);
  const fresh = timelineCheckReport(included, plan ?? null, undefined, { incremental: false });
  const incremental = timelineCheckReport(included, plan ?? null);
  assert.deepEqual(incremental, fresh);
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

  test('random estates with random edits', () => {
    let steps = 0;
    let reused = 0;
    let later = 0;
    fc.assert(
      fc.property(recipes(6, 4, 12), fc.integer({ min: 1, max: 1e9 }), (recipe, seed) => {
        const changeSets = randomTimeline(objectsOf(recipe) as StoredObject[], new Random(seed, 'edits'), 10);
        const r = compare(changeSets);
        (steps += r.steps), (reused += r.reused), (later += r.later);
      }),
      { numRuns: 300, seed: 11 },
    );
    assert.ok(steps > 1500, `${steps} dates compared`);
    // Both kinds of date are exercised: verdicts taken over and verdicts analysed again.
    assert.ok(reused > later / 10 && reused < later, `${reused} of ${later} verdicts taken over`);
  });
});

/**
 * An initial change set of `objects` and `count` change sets of random valid edits on
 * distinct dates (an edit the timeline refuses is dropped and another drawn).
 */
function randomTimeline(objects: StoredObject[], rng: Random, count: number): ChangeSet[] {
  const initial: ChangeSet = { id: 'initial', title: 'initial', effective: '2020-01-01', effectiveKey: parseInstant('2020-01-01'), status: 'done', seq: 0, changes: objects.map((o) => ({ op: 'create', id: o.id, fields: o })) };
  const estate = new Estate();
  assert.deepEqual(applyChangeSet(estate, initial).problems, []);
  const out: ChangeSet[] = [initial];
  for (let k = 1, tries = 0; k <= count && tries < 20 * count; tries++) {
    const changes = Array.from({ length: rng.int(1, 3) }, (_, i) => randomEdit(estate, rng, `${k}.${i}`)).filter((c): c is Change => c !== undefined);
    if (changes.length === 0) continue;
    const effective = `2020-01-${String(k + 1).padStart(2, '0')}`;
    const cs: ChangeSet = { id: `cs${k}`, title: `edit ${k}`, effective, effectiveKey: parseInstant(effective), status: 'done', seq: k, changes };
    const trial = new Estate([...estate.values()]);
    if (applyChangeSet(trial, cs).problems.length > 0) continue;
    applyChangeSet(estate, cs);
    out.push(cs);
    k++;
  }
  return out;
}

function pick<T>(rng: Random, list: readonly T[]): T | undefined {
  return list.length ? list[rng.int(0, list.length - 1)] : undefined;
}

/** One random edit of the estate as it is now (undefined when it has nothing to edit). */
function randomEdit(estate: Estate, rng: Random, tag: string): Change | undefined {
  const all = [...estate.values()];
  const of = <K extends StoredObject['kind']>(kind: K) => all.filter((o) => o.kind === kind) as Extract<StoredObject, { kind: K }>[];
  const devices = of('device');
  const sites = of('site');
  const groups = of('risk-group').map((g) => g.id);
  const withDevices = new Set(devices.map((d) => d.site));
  const nodes = [...devices.map((d) => d.id), ...sites.filter((s) => !withDevices.has(s.id)).map((s) => s.id)];
  const someGroups = (): string[] => [...new Set(Array.from({ length: rng.int(0, 2) }, () => pick(rng, groups)!).filter(Boolean))];
  switch (rng.int(0, 11)) {
    case 0: {
      const a = pick(rng, nodes);
      const b = pick(rng, nodes);
      if (!a || !b || a === b) return undefined;
      return { op: 'create', id: `l-${tag}`, fields: { kind: 'link', id: `l-${tag}`, name: tag, a, b, type: 'fibre', risk_groups: someGroups() } };
    }
    case 1: {
      const l = pick(rng, of('link'));
      return l && { op: 'delete', id: l.id };
    }
    case 2: {
      const site = pick(rng, [...withDevices]);
      if (!site) return undefined;
      return { op: 'create', id: `d-${tag}`, fields: { kind: 'device', id: `d-${tag}`, name: tag, site, role: pick(rng, ['access', 'router', 'server'])! } };
    }
    case 3: {
      const d = pick(rng, devices);
      return d && { op: 'update', id: d.id, fields: { role: pick(rng, ['access', 'router', 'switch', 'server'])! } };
    }
    case 4: {
      const d = pick(rng, devices);
      return d && { op: 'update', id: d.id, fields: { status: d.status === 'retired' ? 'active' : 'retired' } };
    }
    case 5: {
      const d = pick(rng, devices);
      return d && { op: 'update', id: d.id, fields: { risk_groups: someGroups() } };
    }
    case 6: {
      const l = pick(rng, of('link'));
      return l && { op: 'update', id: l.id, fields: { risk_groups: someGroups() } };
    }
    case 7: {
      const g = pick(rng, groups);
      const members = [...devices.map((d) => d.id), ...of('link').map((l) => l.id)];
      return g === undefined ? undefined : { op: 'update', id: g, fields: { members: [...new Set(Array.from({ length: rng.int(0, 3) }, () => pick(rng, members)!).filter(Boolean))] } };
    }
    case 8: {
      const s = pick(rng, sites);
      return s && { op: 'update', id: s.id, fields: { type: s.type === 'datacenter' ? 'office' : 'datacenter' } };
    }
    case 9: {
      const a = pick(rng, of('application'));
      return a && { op: 'update', id: a.id, fields: { instances: [...new Set(Array.from({ length: rng.int(0, 3) }, () => pick(rng, devices)?.id).filter((x): x is string => !!x))] } };
    }
    case 10: {
      const apps = of('application');
      const a = pick(rng, apps);
      const d = pick(rng, apps);
      return a && d && a.id !== d.id ? { op: 'update', id: a.id, fields: { depends_on: rng.chance(0.3) ? [] : [d.id] } } : undefined;
    }
    default: {
      const u = pick(rng, of('usage'));
      const site = pick(rng, sites);
      return u && site && { op: 'update', id: u.id, fields: { sites: [...new Set([...u.sites.slice(0, 1), site.id])] } };
    }
  }
}
