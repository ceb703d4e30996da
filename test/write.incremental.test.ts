/**
 * The incremental write (docs/design.md, "Writes") against its oracle, the full replay: two
 * stores receive the same random writes — change sets of valid and invalid edits at random
 * instants, in the baseline and in plans, and status changes — one replaying the timeline
 * in full from the earliest instant a write changes, the other only what the write changes.
 * Both must accept and refuse the same writes with the same problems (code, message, change
 * set, object, field, located path) and warnings, and leave the same version index and
 * reverse reference index, on the OWL-IT example, on generated estates and on random ones.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { readEstatePath } from '../src/interop/readEstatePath.js';
import { toEstateDocument } from '../src/interop/toEstateDocument.js';
import type { EstateDocument } from '../src/interop/estateDocument.js';
import { VerbundError, type Problem } from '../src/model/errors.js';
import { EstateService } from '../src/service/EstateService.js';
import { replayDifference } from '../src/service/replayDifference.js';
import type { WriteResult } from '../src/service/writeTimeline.js';
import { objectRefRows } from '../src/store/objectRefRepository.js';
import type { Store } from '../src/store/openStore.js';
import { generateEstate } from '../src/synthetic/generateEstate.js';
import { isBaseline, type Change, type ChangeSet } from '../src/timeline/changeSet.js';
import type { StoredObject } from '../src/timeline/Estate.js';
import { parseInstant } from '../src/timeline/time.js';
import { Random } from '../src/util/Random.js';
import { dialects, type TestDialect } from './helpers/dialects.js';
import { objectsOf, recipes } from './helpers/randomEstates.js';
import { randomWrite, type RandomWrite } from './helpers/randomWrites.js';

type Outcome = { ok: true; added: unknown[]; objects: number; warnings: readonly Problem[] } | { ok: false; code: string; message: string; problems: readonly Problem[] };

async function outcome(write: Promise<WriteResult>): Promise<Outcome> {
  try {
    const r = await write;
    // Who and when it was recorded differ between the two stores; the rest may not.
    return { ok: true, added: r.added.map(({ recordedAt: _, ...h }) => h), objects: r.objects, warnings: r.warnings };
  } catch (e) {
    if (!(e instanceof VerbundError)) throw e;
    return { ok: false, code: e.code, message: e.message, problems: e.problems };
  }
}

/** The version index and the reverse index of a store, in key order; the reverse index must be that of the versions. */
async function indexes(store: Store): Promise<{ versions: unknown[]; refs: unknown[] }> {
  const rows = await store.db.selectFrom('object_version').selectAll().execute();
  const versions = rows
    .map((r) => ({ ...r, changeset_seq: Number(r.changeset_seq), data: r.data === null ? null : (JSON.parse(r.data) as StoredObject) }))
    .sort((a, b) => (a.object_id < b.object_id ? -1 : a.object_id > b.object_id ? 1 : a.changeset_seq - b.changeset_seq));
  const key = (r: { target: string; object_id: string; changeset_seq: number }): string => `${r.target}\u0000${r.object_id}\u0000${r.changeset_seq}`;
  const refs = (await store.db.selectFrom('object_ref').selectAll().execute()).map((r) => key({ ...r, changeset_seq: Number(r.changeset_seq) })).sort();
  const expected = objectRefRows(versions.map((v) => ({ object_id: v.object_id, changeset_seq: v.changeset_seq, object: v.data })))
    .map(key)
    .sort();
  assert.deepEqual(refs, expected, 'the reverse index is that of the versions');
  return { versions, refs };
}

/** Tallies of one run: how many writes each way went. */
interface Tally {
  accepted: number;
  refused: number;
}

/** The next write of a run, from the timeline as it is (the full replay's store); undefined: the run ends. */
type NextWrite = (full: EstateService, i: number) => Promise<RandomWrite | undefined>;

/**
 * Imports `doc` into two fresh stores (one replaying in full, one incrementally), then
 * sends both the writes `next` gives; every outcome and the indexes after it must be equal.
 */
async function compareWrites(dialect: TestDialect, doc: EstateDocument, next: NextWrite, tally: Tally): Promise<void> {
  const [a, b] = [await dialect.fresh(), await dialect.fresh()];
  try {
    const full = new EstateService(a.store, 'oracle', { replay: 'full' });
    const incremental = new EstateService(b.store, 'oracle', { replay: 'incremental' });
    const both = async (what: string, write: (s: EstateService) => Promise<WriteResult>): Promise<boolean> => {
      const [x, y] = [await outcome(write(full)), await outcome(write(incremental))];
      assert.deepEqual(y, x, `${what}: the incremental write differs from the full replay`);
      if (x.ok) assert.deepEqual(await indexes(b.store), await indexes(a.store), `${what}: the indexes differ`);
      return x.ok;
    };
    assert.ok(await both('import', (s) => s.importDocument(doc)));
    await both('plan p', (s) => s.addChangeSets({ plans: [{ id: 'p', title: 'p' }], changesets: [] }));
    for (let i = 0; ; i++) {
      const w = await next(full, i);
      if (!w) return;
      const what = `write ${i}: ${JSON.stringify(w).slice(0, 400)}`;
      const ok = await both(what, (s) => (w.kind === 'add' ? s.addChangeSets({ plans: w.plans, changesets: w.changesets }) : s.setStatus([{ id: w.id, to: w.to }])));
      if (ok) tally.accepted++;
      else tally.refused++;
    }
  } finally {
    await a.cleanup();
    await b.cleanup();
  }
}

/** `steps` random writes, each naming objects of the estate at one of the timeline's instants. */
function randomWrites(steps: number, seed: number): NextWrite {
  const rng = new Random(seed, 'writes');
  return async (full, i) => {
    if (i >= steps) return undefined;
    const headers = await full.changeSets();
    const baseline = headers.filter((h) => isBaseline(h.status));
    const { estate } = await full.estate({ at: baseline[rng.int(0, baseline.length - 1)]!.effective });
    return randomWrite(rng, estate, headers, `${seed}-${i}`);
  };
}

/** The given writes, one after the other. */
function scripted(writes: readonly RandomWrite[]): NextWrite {
  return async (_full, i) => writes[i];
}

function generated(seed: number): EstateDocument {
  const read = toEstateDocument(JSON.parse(JSON.stringify(generateEstate({ seed, preset: 'small' }))), 'generated.json');
  assert.deepEqual(read.problems, []);
  return read.doc;
}

for (const dialect of dialects) {
  describe(`incremental writes equal the full replay (${dialect.name})`, { skip: !(await dialect.available()) && 'no server' }, () => {
    const sqlite = dialect.name === 'sqlite';

    test('OWL-IT: random writes', async () => {
      const read = readEstatePath(join(import.meta.dirname, '..', 'examples', 'owl-it'));
      assert.deepEqual(read.problems, []);
      const tally = { accepted: 0, refused: 0 };
      for (const seed of sqlite ? [1, 2, 3] : [1]) await compareWrites(dialect, read.doc, randomWrites(sqlite ? 60 : 30, seed), tally);
      // Both kinds are exercised: writes that pass and writes that are refused.
      assert.ok(tally.accepted >= 10 && tally.refused >= 10, JSON.stringify(tally));
    });

    test('generated estates: random writes', async () => {
      const tally = { accepted: 0, refused: 0 };
      for (const seed of sqlite ? [1, 2] : [3]) await compareWrites(dialect, generated(seed), randomWrites(sqlite ? 50 : 20, seed), tally);
      assert.ok(tally.accepted >= 5 && tally.refused >= 5, JSON.stringify(tally));
    });

    test('random estates: random writes', async () => {
      const tally = { accepted: 0, refused: 0 };
      await fc.assert(
        fc.asyncProperty(recipes(5, 3, 8), fc.integer({ min: 1, max: 1e9 }), async (recipe, seed) => {
          const objects = objectsOf(recipe) as StoredObject[];
          const doc: EstateDocument = { initial: { effective: '2020-01-01' }, objects: objects.map((o) => ({ op: 'create' as const, id: o.id, fields: o })), plans: [], changesets: [] };
          await compareWrites(dialect, doc, randomWrites(12, seed), tally);
        }),
        { numRuns: sqlite ? 25 : 5, seed: 4680 },
      );
      assert.ok(tally.accepted >= 10 && tally.refused >= 10, JSON.stringify(tally));
    });

    test('cases random writes seldom reach: a later change set restates a membership the write removes, or adds a device where the write ends a link', async () => {
      const tally = { accepted: 0, refused: 0 };
      const cs = (id: string, effective: string, changes: Change[]): RandomWrite => ({ kind: 'add' as const, plans: [], changesets: [{ id, title: id, effective, status: 'done' as const, changes }] });
      const doc: EstateDocument = {
        initial: { effective: '2020-01-01' },
        objects: [
          { op: 'create', id: 'dc', fields: { kind: 'site', name: 'DC', type: 'datacenter' } },
          { op: 'create', id: 'office', fields: { kind: 'site', name: 'Office', type: 'office' } },
          { op: 'create', id: 'r1', fields: { kind: 'device', name: 'R1', site: 'dc', role: 'router' } },
          { op: 'create', id: 'dc2', fields: { kind: 'site', name: 'DC 2', type: 'datacenter' } },
          { op: 'create', id: 'r2', fields: { kind: 'device', name: 'R2', site: 'dc2', role: 'router' } },
          { op: 'create', id: 'g', fields: { kind: 'risk-group', name: 'G', type: 'duct', members: ['r1'] } },
        ],
        plans: [],
        changesets: [],
      };
      await compareWrites(
        dialect,
        doc,
        scripted([
          // Stored: in March, g's members restate r1 (nothing changes then).
          cs('restate', '2020-03-01', [{ op: 'update', id: 'g', fields: { members: ['r1', 'r2'] } }]),
          // Written before it: r1 leaves g in February; the restatement brings it back.
          cs('leave', '2020-02-01', [{ op: 'update', id: 'r1', fields: { risk_groups: [] } }]),
          // Stored: a device at the office in May; written before it: a link ending at the office.
          cs('office-device', '2020-05-01', [{ op: 'create', id: 'o1', fields: { kind: 'device', name: 'O1', site: 'office', role: 'switch' } }]),
          cs('office-link', '2020-04-01', [{ op: 'create', id: 'l1', fields: { kind: 'link', a: 'r1', b: 'office', type: 'fibre' } }]),
        ]),
        tally,
      );
      assert.deepEqual(tally, { accepted: 3, refused: 1 });
    });

    test('a change no later change set looks at is applied alone', async () => {
      const fresh = await dialect.fresh();
      try {
        const service = new EstateService(fresh.store, 'test');
        await service.importDocument(generated(1));
        const headers = (await service.changeSets()).filter((h) => isBaseline(h.status));
        const first = headers[1]!;
        const { estate } = await service.estate({ at: first.effective });
        // A device's name, right after the second change set: every later one stays as it was.
        const device = [...estate.values()].find((o) => o.kind === 'device')!;
        const key = parseInstant(new Date(Date.parse(first.effectiveKey) + 1000).toISOString());
        const cs: ChangeSet = { id: 'rename', title: 'rename', effective: key, effectiveKey: key, status: 'done', seq: 1e6, changes: [{ op: 'update', id: device.id, fields: { name: 'renamed' } }] };
        const later = headers.filter((h) => h.effectiveKey > key);
        assert.ok(later.length >= 5);
        const r = await replayDifference(fresh.store.db, { before: headers, after: [...headers, cs], from: key, budget: Number.POSITIVE_INFINITY });
        assert.deepEqual(r?.problems, []);
        // Applied: the new change set, and only those later ones that change this device.
        const touching = later.filter((h) => h.id !== cs.id);
        assert.ok(r!.written.length < touching.length + 1, `${r!.written.length} change sets applied of ${touching.length + 1}`);
        assert.equal(r!.written[0]!.cs, cs);
      } finally {
        await fresh.cleanup();
      }
    });
  });
}
