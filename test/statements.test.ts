/**
 * No statement of a file is dropped without a problem (issue 10, part 1, the audit): keys
 * written twice in JSON, columns named twice in CSV, a dependency named twice or on the
 * application itself, change-set and plan texts of the wrong type.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { formatProblem } from '../src/model/errors.js';
import { parseCsvText } from '../src/interop/parseCsvText.js';
import { parseEstateText } from '../src/interop/parseEstateText.js';
import { applyChangeSet } from '../src/timeline/applyChangeSet.js';
import { Estate } from '../src/timeline/Estate.js';
import { create, cs } from './helpers/build.js';
import { cli } from './helpers/cli.js';

const tmp = mkdtempSync(join(tmpdir(), 'verbund-statements-'));

describe('a statement written twice is a problem, not a silent choice', () => {
  test('JSON: a key written twice in one object is refused at its line (JSON.parse would keep the last)', () => {
    const text = '{\n  "sites": [\n    { "id": "a", "name": "A", "type": "office",\n      "type": "datacenter" }\n  ]\n}\n';
    const r = parseEstateText(text, 'estate.json', 'json');
    assert.deepEqual(r.problems.map(formatProblem), ['estate.json:4:7: malformed JSON: key "type" is written twice in one object (only one value could be kept)']);
    assert.equal(r.doc.objects.length, 0);
  });

  test('JSON: keys that only look alike, inside strings or escaped, are no duplicates', () => {
    const text = JSON.stringify({ sites: [{ id: 'a', name: 'say "type": x', type: 'office', notes: '\\', address: 'q"\\"' }], 'a"b': undefined });
    const r = parseEstateText(text, 'estate.json', 'json');
    assert.deepEqual(r.problems, []);
    assert.equal(r.doc.objects.length, 1);
  });

  test('CSV: a column named twice is refused', () => {
    const r = parseCsvText('id,name,type,name\nlemgo,Lemgo,office,Lemgo 2\n', 'sites.csv', 'site');
    assert.deepEqual(r.problems.map(formatProblem), ['sites.csv: row 1: name: column "name" is named twice in the header']);
  });

  test('change sets and plans: author, notes and title of another type than text are refused, not left out', () => {
    const text = 'plans:\n  - { id: p, title: 7 }\nchangesets:\n  - { id: c, title: t, effective: 2020-01-01, status: done, author: 12, notes: [a], changes: [] }\n';
    const r = parseEstateText(text, 'estate.yaml', 'yaml');
    assert.deepEqual(r.problems.map((p) => `${p.path?.join('.')}: ${p.message}`), ['plans.0.title: title is text', 'changesets.0.author: author is text', 'changesets.0.notes: notes is text']);
  });
});

describe('application dependencies', () => {
  const apply = (...objects: Record<string, unknown>[]) =>
    applyChangeSet(new Estate(), cs('c', '2020-01-01', objects.map((o) => create(o as { id: string })))).problems.map((p) => `${p.id}.${p.field}: ${p.message}`);

  test('an application that depends on itself is refused, with the field named', () => {
    assert.deepEqual(apply({ id: 'a', kind: 'application', name: 'A', depends_on: [{ application: 'a', coupling: 'tight' }] }), ['a.depends_on.0: an application cannot depend on itself ("a")']);
  });

  test('a dependency named twice is refused (its two couplings cannot both hold)', () => {
    assert.deepEqual(apply({ id: 'b', kind: 'application', name: 'B' }, { id: 'a', kind: 'application', name: 'A', depends_on: ['b', { application: 'b', coupling: 'tight' }] }), [
      'a.depends_on.1: "b" is named twice; name each dependency once (with its coupling)',
    ]);
  });

  test('the CLI names file, line and field of a self-dependency and writes nothing', async () => {
    const file = join(tmp, 'self.yaml');
    writeFileSync(file, 'applications:\n  - id: fin\n    name: Finanzwesen\n    depends_on: [fin]\n');
    const db = join(tmp, 'self.db');
    const r = await cli('--db', db, 'import', file);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /self\.yaml:4:\d+: change set initial: fin\.depends_on\.0: an application cannot depend on itself \("fin"\)/);
    assert.equal(JSON.parse((await cli('--db', db, 'show', 'application', '--json')).stdout).length, 0);
  });
});
