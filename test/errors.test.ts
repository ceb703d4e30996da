import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { errorCatalogue } from '../src/model/errors.js';

test('every error code is documented in docs/errors.md with its HTTP status and exit code', () => {
  const doc = readFileSync(new URL('../docs/errors.md', import.meta.url), 'utf8');
  for (const [code, spec] of Object.entries(errorCatalogue)) {
    const row = doc.split('\n').find((l) => l.startsWith(`| \`${code}\` |`));
    assert.ok(row, `${code} is not documented`);
    const [, , status, exit] = row.split('|').map((c) => c.trim());
    assert.equal(Number(status), spec.status, `${code} HTTP status`);
    assert.equal(Number(exit), spec.exit, `${code} exit code`);
  }
});

test('the API answers every error with its catalogue status, and maps HTTP-level failures to catalogue codes', async () => {
  const { toVerbundError, errorBodySchema } = await import('../src/api/errorHandling.js');
  assert.deepEqual(errorBodySchema.properties.error.properties.code.enum, Object.keys(errorCatalogue));
  for (const status of [400, 401, 403, 404, 412, 413, 415, 429, 503]) {
    const e = toVerbundError(Object.assign(new Error('x'), { statusCode: status }));
    assert.equal(e.status, status, `HTTP ${status} maps to ${e.code}`);
  }
  assert.equal(toVerbundError(new Error('boom')).code, 'INTERNAL');
});
