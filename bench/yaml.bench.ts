/**
 * Import benchmark of YAML against JSON (`npm run bench:yaml`): the `state` preset written
 * as JSON and as YAML, each imported into a fresh SQLite database by the CLI in a fresh
 * process (reading, validation and writing included), with its wall time and peak memory;
 * then a conflicting re-import of the YAML into the database that already holds it, which
 * must be refused before any replay. Goal (docs/file-format.md, "Performance of YAML against JSON"): YAML within 2× of JSON in time and
 * memory. Figures go to docs/file-format.md.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { generateEstate } from '../src/synthetic/generateEstate.js';

const preset = (process.env.BENCH_PRESET ?? 'state') as 'small' | 'region' | 'state';
const root = new URL('..', import.meta.url).pathname;
const tmp = mkdtempSync(join(tmpdir(), 'verbund-yaml-bench-'));

/** Runs the CLI (from the sources, through tsx) and measures it. */
function verbund(...args: string[]): { seconds: number; mib: number; code: number; stderr: string } {
  const started = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--import', join(root, 'bench/reportRss.mjs'), join(root, 'src/cli/run.ts'), ...args], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 26 });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const kib = Number(/bench-maxrss-kib (\d+)/.exec(r.stderr)?.[1] ?? NaN);
  return { seconds, mib: kib / 1024, code: r.status ?? -1, stderr: r.stderr.replace(/\s*bench-maxrss-kib \d+\s*$/, '') };
}

console.log(`# verbund YAML import benchmark — preset ${preset}, node ${process.version}, ${new Date().toISOString()}`);
const doc = generateEstate({ seed: 1, preset });
const files = { json: join(tmp, 'estate.json'), yaml: join(tmp, 'estate.yaml') };
writeFileSync(files.json, JSON.stringify(doc));
// As `export --format yaml` and `generate --format yaml` write it.
writeFileSync(files.yaml, stringify(doc, { lineWidth: 0, aliasDuplicateObjects: false }));
for (const [format, file] of Object.entries(files)) console.log(`${format}: ${(statSync(file).size / 1e6).toFixed(1)} MB`);

const rows: [string, { seconds: number; mib: number }][] = [];
for (const [format, file] of Object.entries(files)) {
  const r = verbund('--db', join(tmp, `${format}.db`), 'import', file);
  if (r.code !== 0) throw new Error(`${format} import failed: ${r.stderr}`);
  rows.push([`import ${format}`, r]);
}
const again = verbund('--db', join(tmp, 'yaml.db'), '--json', 'import', files.yaml);
if (again.code !== 2) throw new Error(`the conflicting re-import was not refused: ${again.stderr}`);
rows.push(['conflicting re-import of the YAML (refused)', again]);

console.log('\n| run | seconds | peak MiB |\n|---|---|---|');
for (const [name, r] of rows) console.log(`| ${name} | ${r.seconds.toFixed(1)} | ${Math.round(r.mib)} |`);
const [json, yaml] = [rows[0]![1], rows[1]![1]];
console.log(`\nYAML / JSON: time ${(yaml.seconds / json.seconds).toFixed(2)}× (goal < 2), memory ${(yaml.mib / json.mib).toFixed(2)}× (goal < 2)`);
rmSync(tmp, { recursive: true, force: true });
