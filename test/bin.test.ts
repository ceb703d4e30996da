/**
 * The installed command as users run it: the built bin in a real process, its exit codes
 * and the demo. `npm test` builds first.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { e2eSkip } from './helpers/e2e.js';

const root = join(import.meta.dirname, '..');
const bin = join(root, 'bin', 'verbund.js');
const tmp = mkdtempSync(join(tmpdir(), 'verbund-bin-'));
const run = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', cwd: tmp });

test('the build exists (npm test builds it)', () => {
  assert.ok(existsSync(join(root, 'dist', 'main.js')), 'run `npm run build` first');
});

test('verbund demo makes a fresh database with the example and prints a summary', () => {
  const r = run('demo', '--no-serve');
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /Verbund demo: the OWL-IT example in verbund-demo\.db/);
  assert.match(r.stdout, /organization\s+\d+/);
  assert.match(r.stdout, /application\s+12/);
  assert.ok(existsSync(join(tmp, 'verbund-demo.db')));
  // Fresh each time: a second run does not fail on existing ids.
  assert.equal(run('demo', '--no-serve').status, 0);
  const show = run('--db', 'verbund-demo.db', 'show', 'application', 'finanzwesen', '--at', '2021-06-01', '--json');
  assert.equal(show.status, 0, show.stderr);
  assert.equal(JSON.parse(show.stdout).id, 'finanzwesen');
});

test('exit codes: 2 for bad input, without a stack trace', () => {
  const bad = join(tmp, 'bad.yaml');
  writeFileSync(bad, 'sites:\n  - { id: x, name: X, type: moon }\n');
  const r = run('--db', 'bad.db', 'import', bad);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /bad\.yaml:2:\d+: change set initial: x\.type: /);
  assert.doesNotMatch(r.stderr, /\n\s+at (\S+ \()?\S+:\d+:\d+\)?/);
  assert.equal(run('--db', 'bad.db', 'nonsense').status, 2);
  assert.equal(run('--version').status, 0);
});

test('the built command prints the continuity report as a PDF (playwright-core stays outside the bundle)', { skip: e2eSkip }, () => {
  assert.equal(run('--db', 'report.db', 'import', join(root, 'examples', 'owl-it')).status, 0);
  const pdf = join(tmp, 'report.pdf');
  const r = run('--db', 'report.db', 'report', '--at', '2026-12-01', '--format', 'pdf', '-o', pdf);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(readFileSync(pdf).subarray(0, 5).toString('latin1'), '%PDF-');
});
