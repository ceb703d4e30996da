/**
 * The estate read off the request thread (docs/api.md, "Heavy analyses"): the bytes a worker
 * thread reads from the SQLite file are the estate the request thread reads itself, object
 * for object; a snapshot made of them answers the check exactly as one read in-thread; a new
 * estate version is read anew; concurrent requests share one read.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { readEstatePath } from '../src/interop/readEstatePath.js';
import { AnalysisService } from '../src/service/AnalysisService.js';
import { EstateService } from '../src/service/EstateService.js';
import { scopeOf } from '../src/service/tenantScope.js';
import type { Store } from '../src/store/openStore.js';
import { pack, type EstateBytes } from '../src/store/readEstateBytes.js';
import { readEstateOffThread } from '../src/store/readEstateOffThread.js';
import type { Estate } from '../src/timeline/Estate.js';
import type { TimeKey } from '../src/timeline/time.js';
import { dialects } from './helpers/dialects.js';

describe('estate read off the request thread', () => {
  let store: Store;
  let cleanup: () => Promise<void>;
  let estates: EstateService;
  before(async () => {
    ({ store, cleanup } = await dialects[0]!.fresh());
    estates = new EstateService(store, 'test');
    const r = readEstatePath(join(import.meta.dirname, '..', 'examples', 'owl-it'));
    await estates.importDocument(r.doc, {}, r.problems);
  });
  after(async () => {
    await cleanup();
  });

  test('pack: the texts as one JSON array, each ending where `ends` says (multi-byte characters too)', () => {
    const texts = ['{"a":"Ä"}', '{"b":1}', '{"c":"€ß"}'];
    const { bytes, ends } = pack(texts);
    const buf = Buffer.from(bytes);
    assert.deepEqual(JSON.parse(buf.toString('utf8')), texts.map((t) => JSON.parse(t)));
    let start = 1;
    texts.forEach((t, i) => {
      assert.equal(buf.toString('utf8', start, ends[i]!), t);
      start = ends[i]! + 1;
    });
    assert.equal(pack([]).bytes.byteLength, 2);
  });

  test('the worker reads the same objects as this thread; the snapshot of them checks the same', async () => {
    assert.ok(store.file, 'a SQLite store names its file');
    const reads: EstateBytes[] = [];
    const off = new AnalysisService(estates, {
      offThread: {
        read: async (at: TimeKey) => {
          const r = await readEstateOffThread(store.file!, at);
          reads.push(r);
          return r;
        },
        minRows: 0,
      },
    });
    const here = new AnalysisService(estates);
    // Two requests at once share one read.
    const [snap, again] = await Promise.all([off.snapshot({}, { estate: false }), off.snapshot({})]);
    assert.equal(reads.length, 1);
    assert.equal(snap.encoded(), reads[0]!.bytes, 'the bytes read are what the threads get');
    assert.equal(again.key, snap.key);
    await snap.parsed();
    const mine = await here.snapshot({});
    assert.deepEqual([...snap.estate.values()], [...mine.estate.values()]);
    // The same instant for both (a view without one is "now", a new instant every time).
    const at = mine.at;
    assert.deepEqual(await off.check({ at }), await here.check({ at }));
    assert.deepEqual(await off.check({ at }, { tenant: 'lemgo' }), await here.check({ at }, { tenant: 'lemgo' }));

    // A new version (a write) is read anew, and holds the write.
    const device = [...mine.estate.ofKind('device')][0]!;
    await estates.addChangeSets({ plans: [], changesets: [{ id: 'cs-off-thread', title: 'a note', effective: '2020-01-01', status: 'done', changes: [{ op: 'update', id: device.id, fields: { notes: 'off-thread test' } }] }] });
    const next = await off.snapshot({});
    assert.equal(reads.length, 2);
    assert.notEqual(next.key, snap.key);
    assert.equal(next.estate.get(device.id)?.notes, 'off-thread test');
    assert.deepEqual([...next.estate.values()], [...(await here.snapshot({})).estate.values()]);
  });

  test("a staff scope reads no objects (an estate read as bytes stays unparsed for it); a tenant's does", () => {
    const unread = (): Estate => {
      throw new Error('the estate was read');
    };
    assert.equal(scopeOf({ name: 'anna', role: 'viewer', tenant: null }, unread).visible('anything'), true);
    assert.throws(() => scopeOf({ name: 'lemgo-user', role: 'tenant', tenant: 'lemgo' }, unread), /the estate was read/);
  });

  test('a read failure is an error of the request, and the next request reads again', async () => {
    const off = new AnalysisService(estates, { offThread: { read: (at) => readEstateOffThread(join(store.file!, 'missing.db'), at), minRows: 0 } });
    await assert.rejects(off.snapshot({}), /reading the estate failed/);
    await assert.rejects(off.snapshot({}), /reading the estate failed/);
  });
});
