/**
 * Store benchmark (`npm run bench:store`): on the generated `state` preset, import into
 * SQLite and PostgreSQL, read the whole estate at a date, and `show` one object as a fresh
 * process. Prints the figures side by side with their goals.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { generateEstate } from '../src/synthetic/generateEstate.js';
import { readEstatePath } from '../src/interop/readEstatePath.js';
import { EstateService } from '../src/service/EstateService.js';
import { openStore, type StoreLocation } from '../src/store/openStore.js';

const preset = (process.env.BENCH_PRESET ?? 'state') as 'small' | 'region' | 'state';
const tmp = mkdtempSync(join(tmpdir(), 'verbund-bench-'));
const root = new URL('..', import.meta.url).pathname;

function seconds(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e9;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

console.log(`# verbund store benchmark — preset ${preset}, node ${process.version}, ${new Date().toISOString()}`);
let t = process.hrtime.bigint();
const doc = generateEstate({ seed: 1, preset });
const file = join(tmp, 'estate.json');
writeFileSync(file, JSON.stringify(doc));
console.log(`generated in ${seconds(t).toFixed(2)} s, ${(statSync(file).size / 1e6).toFixed(1)} MB of JSON`);

t = process.hrtime.bigint();
const read = readEstatePath(file);
const parseS = seconds(t);
const objects = read.doc.objects.length;
const changes = objects + read.doc.changesets.reduce((n, cs) => n + cs.changes.length, 0);
console.log(`parsed in ${parseS.toFixed(2)} s (in this process, for information): ${objects} objects, ${changes} changes, ${read.doc.changesets.length} change sets`);

interface Row {
  dialect: string;
  importS: number;
  rate: number;
  readS: number;
  showMs: number;
}
const rows: Row[] = [];

async function run(dialect: string, location: StoreLocation, dbArg: string): Promise<void> {
  // The whole import as a user runs it: a fresh process, reading and validation included.
  let t0 = process.hrtime.bigint();
  const imported = spawnSync(process.execPath, [join(root, 'bin/verbund.js'), '--db', dbArg, 'import', file], { encoding: 'utf8' });
  if (imported.status !== 0) throw new Error(`import failed: ${imported.stderr}`);
  const importS = seconds(t0);
  const store = await openStore(location);
  const service = new EstateService(store, 'bench');
  const at = '2026-01-01';
  const reads: number[] = [];
  let size = 0;
  for (let i = 0; i < 3; i++) {
    t0 = process.hrtime.bigint();
    size = (await service.estate({ at })).estate.size;
    reads.push(seconds(t0));
  }
  const someDevice = (await store.db.selectFrom('object_version').select('object_id').where('kind', '=', 'device').limit(1).executeTakeFirstOrThrow()).object_id;
  await store.close();
  const shows: number[] = [];
  for (let i = 0; i < 10; i++) {
    t0 = process.hrtime.bigint();
    const r = spawnSync(process.execPath, [join(root, 'bin/verbund.js'), '--db', dbArg, 'show', 'device', someDevice, '--at', at], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`show failed: ${r.stderr}`);
    shows.push(seconds(t0) * 1000);
  }
  rows.push({ dialect, importS, rate: changes / importS, readS: median(reads), showMs: median(shows) });
  console.log(`${dialect}: import ${importS.toFixed(2)} s, estate at ${at} (${size} objects) ${median(reads).toFixed(2)} s, show ${median(shows).toFixed(0)} ms`);
}

await run('sqlite', { file: join(tmp, 'bench.db') }, join(tmp, 'bench.db'));

const pgAdmin = process.env.VERBUND_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
try {
  const admin = new pg.Client({ connectionString: pgAdmin });
  await admin.connect();
  const name = `verbund_bench_${process.pid}`;
  await admin.query(`create database ${name}`);
  const url = new URL(pgAdmin);
  url.pathname = `/${name}`;
  try {
    await run('postgres', { url: url.toString() }, url.toString());
  } finally {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
} catch (e) {
  console.log(`postgres: skipped (${(e as Error).message})`);
}

const nodeStart: number[] = [];
for (let i = 0; i < 10; i++) {
  const t0 = process.hrtime.bigint();
  execFileSync(process.execPath, ['-e', '0']);
  nodeStart.push(seconds(t0) * 1000);
}

console.log('');
console.log(`| measure | goal | ${rows.map((r) => r.dialect).join(' | ')} |`);
console.log(`|---|---|${rows.map(() => '---|').join('')}`);
console.log(`| import (changes/s: objects + changes of change sets; process, reading and validation included) | ≥ 50,000 | ${rows.map((r) => Math.round(r.rate).toLocaleString('en')).join(' | ')} |`);
console.log(`| import time (s) | — | ${rows.map((r) => r.importS.toFixed(2)).join(' | ')} |`);
console.log(`| whole estate at a date into memory (s) | < 3 | ${rows.map((r) => r.readS.toFixed(2)).join(' | ')} |`);
console.log(`| show one object, process start included (ms, median of 10) | < 50 | ${rows.map((r) => r.showMs.toFixed(0)).join(' | ')} |`);
console.log(`| for reference: \`node -e 0\` on this machine (ms) | — | ${median(nodeStart).toFixed(0)} |`);
console.log('| for reference: NetBox bulk import of 10 devices (issue #19321) | — | > 60 s |');
rmSync(tmp, { recursive: true, force: true });
