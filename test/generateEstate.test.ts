/**
 * The synthetic estate generator: reproducible, valid under the timeline's own rules, and
 * of the advertised size.
 */
import { changeSetsOf } from './helpers/estates.js';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateEstate, type EstateFileDocument } from '../src/synthetic/generateEstate.js';
import { toEstateDocument } from '../src/interop/toEstateDocument.js';
import type { Problem } from '../src/model/errors.js';
import { estateAt } from '../src/timeline/replay.js';
import { END_OF_TIME } from '../src/timeline/time.js';

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

/**
 * Reads a document the way an import does (through JSON and the file reader) and replays
 * the baseline, then the plan, with the timeline's own rules. Returns every problem.
 */
function replayDocument(doc: EstateFileDocument): Problem[] {
  const read = toEstateDocument(JSON.parse(JSON.stringify(doc)), 'generated.json');
  assert.deepEqual(read.problems, []);
  const sets = changeSetsOf({ ...read.doc, initial: doc.initial });
  const plan = read.doc.plans[0]?.id;
  return [...estateAt(sets, END_OF_TIME).problems, ...(plan ? estateAt(sets, END_OF_TIME, plan).problems : [])];
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

/** Asserts a document's sizes are within ±5 % of the targets. */
function assertSizes(doc: EstateFileDocument, targets: Record<string, number>): void {
  const actual: Record<string, number> = {
    municipalities: doc.organizations.filter((o) => o.type === 'municipality').length,
    sites: doc.sites.length,
    devices: doc.devices.length,
    links: doc.links.length,
    'risk groups': doc.risk_groups.length,
    applications: doc.applications.length,
    usages: doc.usages.length,
    'change sets': doc.changesets.length,
  };
  for (const [what, expected] of Object.entries(targets)) {
    assert.ok(Math.abs(actual[what]! - expected) <= 0.05 * expected, `${what}: ${actual[what]}, expected ${expected} ± 5 %`);
  }
}

test('the region preset is a valid estate of about a twentieth of a Land', () => {
  const doc = generateEstate({ seed: 7, preset: 'region' });
  const problems = replayDocument(doc);
  assert.equal(problems.length, 0, describe(problems));
  assertSizes(doc, { municipalities: 20, sites: 1_000, devices: 3_000, links: 5_000, 'risk groups': 250, applications: 50, usages: 2_500 });
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
  const doc = state();
  assertSizes(doc, { municipalities: 400, sites: 20_000, devices: 60_000, links: 100_000, 'risk groups': 5_000, applications: 1_000, usages: 50_000, 'change sets': 50 });
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
