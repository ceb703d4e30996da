/**
 * The result cache keeps an availability answer as its JSON (AnalysisService: a fraction of
 * its size as objects at state scale): a cached answer equals the computed one, at the
 * instant asked for, and is a fresh object each time (a caller may change it).
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { readEstatePath } from '../src/interop/readEstatePath.js';
import { AnalysisService } from '../src/service/AnalysisService.js';
import { EstateService } from '../src/service/EstateService.js';
import { dialects } from './helpers/dialects.js';

test('a cached availability answer equals the computed one, and is a new object each time', async () => {
  const { store, cleanup } = await dialects[0]!.fresh();
  try {
    const estates = new EstateService(store, 'test');
    const r = readEstatePath(join(import.meta.dirname, '..', 'examples', 'owl-it'));
    await estates.importDocument(r.doc, {}, r.problems);
    const analysis = new AnalysisService(estates);
    const computed = await analysis.availability({ maxOrder: 2 });
    assert.ok(computed.services.length > 5 && computed.services.some((s) => s.cutSets.length > 0), 'services with cut sets');
    const cached = await analysis.availability({ maxOrder: 2 });
    assert.deepEqual({ ...cached, at: computed.at }, computed);
    assert.notEqual(cached.services, computed.services, 'parsed from the kept JSON');
    const again = await analysis.availability({ maxOrder: 2 });
    assert.notEqual(again.services, cached.services);
    // Nothing kept: every answer computed (a command that asks once).
    const uncached = new AnalysisService(estates, { resultBytes: 0 });
    assert.deepEqual({ ...(await uncached.availability({ maxOrder: 2 })), at: computed.at }, computed);
  } finally {
    await store.close();
    await cleanup();
  }
});
