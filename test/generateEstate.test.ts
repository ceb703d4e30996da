/**
 * The synthetic estate generator: reproducible, valid under the timeline's own rules, and
 * of the advertised size.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateEstate, type EstateFileDocument } from '../src/interop/generateEstate.js';
import type { ChangeDoc } from '../src/interop/generate/types.js';
import type { Problem } from '../src/model/errors.js';
import { applyChangeSet } from '../src/timeline/applyChangeSet.js';
import type { Change, ChangeSetInput } from '../src/timeline/changeSet.js';
import { Estate } from '../src/timeline/Estate.js';
import { parseInstant } from '../src/timeline/time.js';

const groups = {
  organizations: 'organization',
  sites: 'site',
  risk_groups: 'risk-group',
  devices: 'device',
  links: 'link',
  applications: 'application',
  usages: 'usage',
} as const;

type Group = keyof typeof groups;

function toChange(c: ChangeDoc): Change {
  if ('create' in c) return { op: 'create', id: c.create.id, fields: c.create };
  if ('update' in c) return { op: 'update', id: c.update.id, fields: c.update };
  return { op: 'delete', id: c.delete };
}

/**
 * Replays a document the way the timeline does: the initial change set from the top-level
 * groups, then the baseline by (effective, list order), then the plan's proposals.
 * Returns every problem.
 */
function replayDocument(doc: EstateFileDocument): Problem[] {
  // Through JSON, as a file would be read: nothing may depend on shared references.
  const d = JSON.parse(JSON.stringify(doc)) as EstateFileDocument;
  const objects = (Object.keys(groups) as Group[]).flatMap((g) => (d[g] as { id: string }[]).map((o) => ({ ...o, kind: groups[g] })));
  const initial: ChangeSetInput = {
    id: d.initial.id,
    title: d.initial.title,
    effective: d.initial.effective,
    status: 'done',
    changes: objects.map((o) => ({ op: 'create', id: o.id, fields: o })),
  };
  const estate = new Estate();
  const problems = [...applyChangeSet(estate, initial).problems];
  const ordered = d.changesets
    .map((cs, seq) => ({ cs, seq, key: parseInstant(cs.effective) }))
    .filter((x) => x.cs.status === 'done' || x.cs.status === 'scheduled')
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.seq - b.seq))
    .map((x) => x.cs);
  const proposed = d.changesets.filter((cs) => cs.status === 'proposed' && cs.plan === d.plans[0]?.id);
  for (const cs of [...ordered, ...proposed]) {
    problems.push(...applyChangeSet(estate, { ...cs, changes: cs.changes.map(toChange) }).problems);
  }
  return problems;
}

function describe(problems: readonly Problem[]): string {
  return problems
    .slice(0, 10)
    .map((p) => `${p.changeset} ${p.id ?? ''}.${p.field ?? ''}: ${p.message}`)
    .join('\n');
}

let stateDoc: EstateFileDocument | undefined;
/** The large preset, generated once for the tests that need it. */
function state(): EstateFileDocument {
  stateDoc ??= generateEstate({ seed: 2020, preset: 'state' });
  return stateDoc;
}

test('the same seed gives byte-identical output, another seed a different estate', () => {
  for (const preset of ['small', 'region'] as const) {
    const a = JSON.stringify(generateEstate({ seed: 42, preset }));
    const b = JSON.stringify(generateEstate({ seed: 42, preset }));
    const c = JSON.stringify(generateEstate({ seed: 43, preset }));
    assert.equal(a, b, `${preset}: same seed, same bytes`);
    assert.notEqual(a, c, `${preset}: other seed, other estate`);
  }
});

test('the small preset is a valid estate with a timeline and a plan', () => {
  const doc = generateEstate({ seed: 1, preset: 'small' });
  const objects = (Object.keys(groups) as Group[]).reduce((s, g) => s + doc[g].length, 0);
  assert.ok(objects >= 200 && objects <= 1000, `a few hundred objects, got ${objects}`);
  assert.equal(doc.plans.length, 1);
  assert.ok(doc.changesets.some((cs) => cs.status === 'proposed' && cs.plan === doc.plans[0]!.id));
  assert.ok(doc.changesets.some((cs) => cs.status === 'done'));
  const problems = replayDocument(doc);
  assert.equal(problems.length, 0, describe(problems));
});

test('small estates are valid for many seeds and scales', () => {
  for (let seed = 0; seed < 20; seed++) {
    const problems = replayDocument(generateEstate({ seed: seed * 7919 - 50, preset: 'small' }));
    assert.equal(problems.length, 0, `seed ${seed}:\n${describe(problems)}`);
  }
  for (const scale of [0.3, 2.5]) {
    const problems = replayDocument(generateEstate({ seed: 3, preset: 'small', scale }));
    assert.equal(problems.length, 0, `scale ${scale}:\n${describe(problems)}`);
  }
});

test('the region preset is a valid estate of about a twentieth of a Land', () => {
  const doc = generateEstate({ seed: 7, preset: 'region' });
  const problems = replayDocument(doc);
  assert.equal(problems.length, 0, describe(problems));
  const near = (actual: number, expected: number, what: string): void =>
    assert.ok(Math.abs(actual - expected) <= 0.05 * expected, `${what}: ${actual}, expected ${expected} ± 5 %`);
  near(doc.organizations.filter((o) => o.type === 'municipality').length, 20, 'municipalities');
  near(doc.sites.length, 1_000, 'sites');
  near(doc.devices.length, 3_000, 'devices');
  near(doc.links.length, 5_000, 'links');
  near(doc.risk_groups.length, 250, 'risk groups');
  near(doc.applications.length, 50, 'applications');
  near(doc.usages.length, 2_500, 'usages');
});

test('ids are slugs, unique over every object and change set', () => {
  const doc = generateEstate({ seed: 11, preset: 'region' });
  const seen = new Set<string>();
  const ids = [
    ...(Object.keys(groups) as Group[]).flatMap((g) => doc[g].map((o) => o.id)),
    ...doc.changesets.flatMap((cs) => cs.changes.flatMap((c) => ('create' in c ? [c.create.id] : []))),
  ];
  for (const id of ids) {
    assert.match(id, /^[a-z0-9][a-z0-9._-]*$/);
    assert.ok(id.length <= 64, id);
    assert.ok(!seen.has(id), `duplicate id ${id}`);
    seen.add(id);
  }
});

test('the state preset has the advertised size (±5 %)', () => {
  const started = performance.now();
  const doc = state();
  const ms = performance.now() - started;
  const near = (actual: number, expected: number, what: string): void =>
    assert.ok(Math.abs(actual - expected) <= 0.05 * expected, `${what}: ${actual}, expected ${expected} ± 5 %`);
  near(doc.organizations.filter((o) => o.type === 'municipality').length, 400, 'municipalities');
  near(doc.sites.length, 20_000, 'sites');
  near(doc.devices.length, 60_000, 'devices');
  near(doc.links.length, 100_000, 'links');
  near(doc.risk_groups.length, 5_000, 'risk groups');
  near(doc.applications.length, 1_000, 'applications');
  near(doc.usages.length, 50_000, 'usages');
  near(doc.changesets.length, 50, 'change sets');
  assert.ok(ms < 15_000, `generation took ${Math.round(ms)} ms`);
});

test('every site lies in Germany', () => {
  for (const doc of [generateEstate({ seed: 1, preset: 'small' }), generateEstate({ seed: 1, preset: 'region' }), state()]) {
    for (const s of doc.sites) {
      assert.ok(s.location, `${s.id} has a location`);
      const { lat, lon } = s.location;
      assert.ok(lat >= 47.2 && lat <= 55.1 && lon >= 5.8 && lon <= 15.1, `${s.id} at ${lat}, ${lon}`);
    }
  }
});

test('progress is reported, increasing, ending at the total', () => {
  const seen: number[] = [];
  const doc = generateEstate({ seed: 5, preset: 'region' }, (n) => seen.push(n));
  assert.ok(seen.length >= 2, `reported ${seen.length} times`);
  for (let i = 1; i < seen.length; i++) assert.ok(seen[i]! >= seen[i - 1]!);
  const objects = (Object.keys(groups) as Group[]).reduce((s, g) => s + doc[g].length, 0);
  assert.ok(seen[seen.length - 1]! >= objects);
});
