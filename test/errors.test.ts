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
