/**
 * The route map of src/contracts against the server: every route it lists is registered,
 * and every route the server registers under /api/v1 is listed (so the web's typed client
 * and the API cannot drift apart route by route).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildApp } from '../src/api/buildApp.js';
import { listPathOf, otherRouteNames } from '../src/contracts/routes.js';
import { kinds } from '../src/model/kinds.js';
import { dialects } from './helpers/dialects.js';

/** Routes of the server that are not the API's contract: operations and documentation. */
const outsideTheContract = new Set(['GET /metrics', 'GET /openapi.json']);

test('the route map lists exactly the routes the server registers under /api/v1', async () => {
  const { store, cleanup } = await dialects[0]!.fresh();
  try {
    const app = await buildApp({ store });
    await app.ready();
    const doc = app.swagger() as { paths?: Record<string, Record<string, unknown>> };
    const served = new Set<string>();
    for (const [path, ops] of Object.entries(doc.paths ?? {})) {
      if (!path.startsWith('/api/v1/')) continue;
      const route = path.slice('/api/v1'.length).replace(/\{(\w+)\}/g, ':$1');
      for (const method of Object.keys(ops)) if (method !== 'head' && method !== 'parameters') served.add(`${method.toUpperCase()} ${route}`);
    }
    const listed = new Set<string>([...otherRouteNames, ...kinds.map((k) => `GET ${listPathOf(k)}`)]);
    assert.ok(served.size > 40, `the OpenAPI document lists the routes (${served.size})`);
    assert.deepEqual([...listed].filter((r) => !served.has(r)).sort(), [], 'listed in src/contracts/routes.ts but not served');
    assert.deepEqual([...served].filter((r) => !listed.has(r) && !outsideTheContract.has(r)).sort(), [], 'served but not listed in src/contracts/routes.ts');
    await app.close();
  } finally {
    await cleanup();
  }
});
