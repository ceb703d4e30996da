/**
 * API benchmark (`npm run bench:api`): `verbund serve` in its own process, autocannon in
 * this one, side by side on this machine. On the OWL-IT example and the generated `state`
 * preset: one object by id, a list of 100 devices, a what-if of one element, and a soak of
 * 100 connections with zero errors allowed. Then light requests (`/healthz`, one object)
 * while four heavy analyses run, while an operator writes, and while each of those writes
 * (a new estate version) is read anew by a check. Prints the figures beside their goals
 * (docs/api.md, "Performance").
 *
 * BENCH_SECONDS (default 10) per scenario, BENCH_SOAK (default 60) for the soak,
 * BENCH_ESTATES (default "owl,state"), BENCH_DIALECT (sqlite, the default, or postgres:
 * VERBUND_TEST_DATABASE_URL's server), BENCH_STATE_DB: a copy of a SQLite database of the
 * `state` preset to use instead of importing one (it is written to).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { generateEstate } from '../src/synthetic/generateEstate.js';
import { readEstatePath } from '../src/interop/readEstatePath.js';
import { toEstateDocument } from '../src/interop/toEstateDocument.js';
import { AccountService } from '../src/service/AccountService.js';
import { EstateService } from '../src/service/EstateService.js';
import { openStore } from '../src/store/openStore.js';
import { root, serveProcess } from './serveProcess.js';

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const soak = Number(process.env.BENCH_SOAK ?? 60);
const estates = (process.env.BENCH_ESTATES ?? 'owl,state').split(',');
const dialect = process.env.BENCH_DIALECT ?? 'sqlite';
const pgAdmin = process.env.VERBUND_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const created: string[] = [];
const tmp = mkdtempSync(join(tmpdir(), 'verbund-api-bench-'));

interface Scenario {
  readonly name: string;
  readonly goal: string;
  readonly connections: number;
  readonly duration: number;
  readonly method?: 'GET' | 'POST';
  readonly path: string;
  readonly body?: string;
  readonly check: (r: autocannon.Result) => boolean;
}

/** A fresh database: a SQLite file, or with BENCH_DIALECT=postgres a new PostgreSQL database (dropped at the end). */
async function freshDatabase(name: string): Promise<string> {
  if (dialect !== 'postgres') return join(tmp, `${name}.db`);
  const admin = new pg.Client({ connectionString: pgAdmin });
  await admin.connect();
  const db = `verbund_api_bench_${name}_${process.pid}`;
  await admin.query(`create database ${db}`);
  await admin.end();
  created.push(db);
  const url = new URL(pgAdmin);
  url.pathname = `/${db}`;
  return url.toString();
}

async function dropDatabases(): Promise<void> {
  if (!created.length) return;
  const admin = new pg.Client({ connectionString: pgAdmin });
  await admin.connect();
  for (const db of created) await admin.query(`drop database if exists ${db} with (force)`);
  await admin.end();
}

/** Imports an estate into a fresh database (or takes BENCH_STATE_DB) and creates a viewer and an operator with tokens. */
async function prepare(name: string): Promise<{ db: string; token: string; operator: string; objectId: string; element: string; device: string }> {
  const reuse = name === 'state' && dialect !== 'postgres' ? process.env.BENCH_STATE_DB : undefined;
  const db = reuse ?? (await freshDatabase(name));
  const store = await openStore(db.startsWith('postgres') ? { url: db } : { file: db });
  const service = new EstateService(store, 'bench');
  if (!reuse) {
    const doc = name === 'owl' ? readEstatePath(join(root, 'examples', 'owl-it')) : toEstateDocument(JSON.parse(JSON.stringify(generateEstate({ seed: 1, preset: 'state' }))), 'state.json');
    const t = Date.now();
    await service.importDocument(doc.doc, {}, doc.problems);
    console.log(`${name}: imported ${doc.doc.objects.length} objects in ${((Date.now() - t) / 1000).toFixed(1)} s`);
  }
  const accounts = new AccountService(store);
  const tokens: string[] = [];
  for (const role of ['viewer', 'operator'] as const) {
    const user = `bench-${role}-${process.pid}`;
    await accounts.addUser({ name: user, role });
    tokens.push((await accounts.createToken(user)).token);
  }
  const first = async (kind: 'application' | 'link' | 'device') => (await service.list(kind))[0]!.id;
  const ids = name === 'owl' ? { objectId: 'finanzwesen', element: 'duct-lemgo-nord' } : { objectId: await first('application'), element: await first('link') };
  const device = await first('device');
  await store.close();
  return { db, token: tokens[0]!, operator: tokens[1]!, ...ids, device };
}

function run(url: string, token: string, s: Scenario): Promise<autocannon.Result> {
  return autocannon({
    url: `${url}${s.path}`,
    method: s.method ?? 'GET',
    connections: s.connections,
    duration: s.duration,
    headers: { authorization: `Bearer ${token}`, ...(s.body && { 'content-type': 'application/json' }) },
    ...(s.body && { body: s.body }),
  });
}

/**
 * Keeps `n` heavy analyses in flight until stopped: Monte Carlo availability of an
 * application's services with a sample count of its own each time (a new question, so the result cache never answers it).
 */
async function heavyLoad(url: string, token: string, application: string, n: number): Promise<{ stop(): Promise<string[]> }> {
  let running = true;
  let k = 0;
  const answers: string[] = [];
  const loops = Array.from({ length: n }, async () => {
    while (running) {
      const r = await fetch(`${url}/api/v1/availability?application=${application}&monteCarlo=${20_000 + k++}`, { headers: { authorization: `Bearer ${token}` } });
      await r.arrayBuffer();
      answers.push(String(r.status));
    }
  });
  // Let them start (the first reads the estate and starts the threads).
  await new Promise((r) => setTimeout(r, 3000));
  return {
    async stop() {
      running = false;
      await Promise.all(loops);
      const count = new Map<string, number>();
      for (const a of answers) count.set(a, (count.get(a) ?? 0) + 1);
      return [...count].map(([status, c]) => `${c}× ${status}`);
    },
  };
}

/**
 * Keeps an operator writing until stopped: each round changes one device's notes (a new
 * estate version) and, with `checks`, asks the check's summary, so the server reads every
 * new version while light requests come in. Reports the rounds and their seconds (the
 * write's, the check's).
 */
async function writeLoad(url: string, operator: string, viewer: string, device: string, checks: boolean): Promise<{ stop(): Promise<string> }> {
  let running = true;
  const rounds: string[] = [];
  const statuses = new Map<string, number>();
  const loop = (async () => {
    for (let k = 0; running; k++) {
      const t = performance.now();
      const w = await fetch(`${url}/api/v1/objects/${device}`, {
        method: 'PATCH',
        headers: { authorization: `Bearer ${operator}`, 'content-type': 'application/json' },
        body: JSON.stringify({ fields: { notes: `bench write ${process.pid}.${k}` } }),
      });
      await w.arrayBuffer();
      const written = performance.now();
      statuses.set(`PATCH ${w.status}`, (statuses.get(`PATCH ${w.status}`) ?? 0) + 1);
      if (!checks) {
        rounds.push(((written - t) / 1000).toFixed(2));
        continue;
      }
      const c = await fetch(`${url}/api/v1/check?form=summary&spofLimit=1`, { headers: { authorization: `Bearer ${viewer}` } });
      await c.arrayBuffer();
      statuses.set(`check ${c.status}`, (statuses.get(`check ${c.status}`) ?? 0) + 1);
      rounds.push(`${((written - t) / 1000).toFixed(2)} + ${((performance.now() - written) / 1000).toFixed(1)}`);
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      const shown = rounds.length > 12 ? [...rounds.slice(0, 6), '…', ...rounds.slice(-3)] : rounds;
      return `${rounds.length} rounds of write${checks ? ' + check' : ''} (${shown.join(', ')} s); ${[...statuses].map(([s, c]) => `${c}× ${s}`).join(', ')}`;
    },
  };
}

execFileSync(process.execPath, [join(root, 'scripts/build.mjs')], { cwd: root, stdio: 'inherit' });
console.log(`# verbund API benchmark (${dialect}) — node ${process.version}, ${new Date().toISOString()}, ${seconds} s per scenario, soak ${soak} s`);
const rows: string[][] = [];
try {
  for (const name of estates) {
    const { db, token, operator, objectId, element, device } = await prepare(name);
    const { url, child } = await serveProcess(db);
    const scenarios: Scenario[] = [
      { name: `GET /objects/${objectId}`, goal: '≥ 3,000 req/s, p99 < 20 ms', connections: 10, duration: seconds, path: `/api/v1/objects/${objectId}`, check: (r) => r.requests.average >= 3000 && r.latency.p99 < 20 },
      { name: 'GET /devices?limit=100', goal: '≥ 1,000 req/s', connections: 10, duration: seconds, path: '/api/v1/devices?limit=100', check: (r) => r.requests.average >= 1000 },
      ...(name === 'owl'
        ? [{ name: `POST /what-if ${element}`, goal: '≥ 200 req/s', connections: 10, duration: seconds, method: 'POST' as const, path: '/api/v1/what-if', body: JSON.stringify({ fail: [element] }), check: (r: autocannon.Result) => r.requests.average >= 200 }]
        : []),
      { name: `soak: GET /objects/${objectId}, 100 connections`, goal: 'zero errors', connections: 100, duration: soak, path: `/api/v1/objects/${objectId}`, check: (r) => r.errors === 0 && r.non2xx === 0 && r.timeouts === 0 },
    ];
    // Warm up: the first request of a view builds its snapshot.
    await run(url, token, { ...scenarios[0]!, duration: 1 });
    await fetch(`${url}/api/v1/devices?limit=1`, { headers: { authorization: `Bearer ${token}` } });
    for (const s of scenarios) {
      const r = await run(url, token, s);
      rows.push([name, s.name, s.connections.toString(), r.requests.average.toFixed(0), r.latency.p50.toFixed(1), r.latency.p99.toFixed(1), String(r.errors + r.non2xx + r.timeouts), s.goal, s.check(r) ? 'met' : 'MISSED']);
      console.log(rows[rows.length - 1]!.join(' | '));
    }
    // Light requests while four heavy analyses run all the time.
    const heavy = await heavyLoad(url, token, objectId, 4);
    try {
      for (const s of [
        { name: 'GET /healthz, 4 heavy analyses running', path: '/healthz' },
        { name: `GET /objects/${objectId}, 4 heavy analyses running`, path: `/api/v1/objects/${objectId}` },
      ]) {
        const r = await run(url, token, { ...s, goal: 'p99 < 50 ms', connections: 10, duration: seconds, check: (x) => x.latency.p99 < 50 });
        rows.push([name, s.name, '10', r.requests.average.toFixed(0), r.latency.p50.toFixed(1), r.latency.p99.toFixed(1), String(r.errors + r.non2xx + r.timeouts), 'p99 < 50 ms', r.latency.p99 < 50 ? 'met' : 'MISSED']);
        console.log(rows[rows.length - 1]!.join(' | '));
      }
    } finally {
      console.log(`heavy analyses answered meanwhile: ${(await heavy.stop()).join(', ')}`);
    }
    // Light requests while an operator writes; then while every new estate version is also read and checked.
    for (const checks of [false, true]) {
      const during = checks ? 'writes and their checks running' : 'writes running';
      const writes = await writeLoad(url, operator, token, device, checks);
      try {
        for (const s of [
          { name: `GET /healthz, ${during}`, path: '/healthz' },
          { name: `GET /objects/${objectId}, ${during}`, path: `/api/v1/objects/${objectId}` },
        ]) {
          const r = await run(url, token, { ...s, goal: 'p99 < 50 ms', connections: 10, duration: seconds, check: (x) => x.latency.p99 < 50 });
          rows.push([name, s.name, '10', r.requests.average.toFixed(0), r.latency.p50.toFixed(1), r.latency.p99.toFixed(1), String(r.errors + r.non2xx + r.timeouts), 'p99 < 50 ms', r.latency.p99 < 50 ? 'met' : 'MISSED']);
          console.log(rows[rows.length - 1]!.join(' | '));
          // A stall delays only the few requests in flight then: p99 hides it, the longest answer does not.
          console.log(`${s.name}: longest answer ${r.latency.max} ms`);
        }
      } finally {
        console.log(`meanwhile: ${await writes.stop()}`);
      }
    }
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
  await dropDatabases();
}
console.log('\n| estate | scenario | conn | req/s | p50 ms | p99 ms | errors | goal | |');
console.log('|---|---|---|---|---|---|---|---|---|');
for (const r of rows) console.log(`| ${r.join(' | ')} |`);
