/**
 * Write benchmark (`npm run bench:write`): single writes to `verbund serve` (the built
 * package, its own process) on a copy of a `state`-preset database, one at a time, with
 * nothing else asking. For each: wall seconds, the server's CPU seconds (user + system,
 * from /proc), and how long `/healthz` waited at most meanwhile (a probe asks it every
 * 5 ms from this process): the request thread's longest stall. Prints the load average
 * beside them: on a shared machine the wall figures grow with it, the CPU figures much less.
 *
 * Last, one write beyond the incremental replay's budget (25,000 new devices), which
 * replays the estate in full.
 *
 * BENCH_STATE_DB: a copy of a SQLite database of the `state` preset (it is written to);
 * BENCH_REPEAT (default 3): rounds per write.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { AccountService } from '../src/service/AccountService.js';
import { EstateService } from '../src/service/EstateService.js';
import { openStore } from '../src/store/openStore.js';
import { root, serveProcess } from './serveProcess.js';

const file = process.env.BENCH_STATE_DB;
if (!file) throw new Error('BENCH_STATE_DB: give a copy of a state-preset database (it is written to)');
const repeat = Number(process.env.BENCH_REPEAT ?? 3);

/** CPU seconds (user + system) a process has used: fields 14 and 15 of /proc/PID/stat, in 1/100 s. */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** Asks /healthz every 5 ms until stopped; resolves with the longest answer (ms). */
function probe(url: string): { stop(): Promise<number> } {
  let running = true;
  let worst = 0;
  const loop = (async () => {
    while (running) {
      const t = performance.now();
      await (await fetch(`${url}/healthz`)).arrayBuffer();
      worst = Math.max(worst, performance.now() - t);
      await new Promise((r) => setTimeout(r, 5));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return worst;
    },
  };
}

execFileSync(process.execPath, [join(root, 'scripts/build.mjs')], { cwd: root, stdio: 'inherit' });
const store = await openStore({ file });
const estates = new EstateService(store, 'bench');
const accounts = new AccountService(store);
const user = `bench-writer-${process.pid}`;
await accounts.addUser({ name: user, role: 'operator' });
const token = (await accounts.createToken(user)).token;
const device = (await estates.list('device'))[0]!;
const application = (await estates.list('application'))[0]!.id;
await store.close();

const { url, child } = await serveProcess(file);
const pid = child.pid!;
const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
// Warm: the first request loads the server's routes.
await (await fetch(`${url}/api/v1/objects/${device.id}`, { headers: auth })).arrayBuffer();

/** One write: its status, wall and server CPU seconds, and the longest /healthz answer meanwhile. */
async function timed(method: string, path: string, body?: unknown): Promise<string> {
  const p = probe(url);
  await new Promise((r) => setTimeout(r, 50));
  const cpu = cpuSeconds(pid);
  const t = performance.now();
  const r = await fetch(`${url}/api/v1${path}`, { method, headers: auth, ...(body !== undefined && { body: JSON.stringify(body) }) });
  const text = await r.text();
  const wall = (performance.now() - t) / 1000;
  const used = cpuSeconds(pid) - cpu;
  const stall = await p.stop();
  if (r.status >= 300 && r.status !== 400 && r.status !== 422) throw new Error(`${method} ${path}: ${r.status} ${text.slice(0, 300)}`);
  const problems = r.status >= 400 ? (JSON.parse(text) as { error: { message: string; details?: { message: string }[] } }).error : undefined;
  const why = problems ? ` (${problems.message}: ${problems.details?.[0]?.message ?? ''})` : '';
  return `${r.status}${why} in ${wall.toFixed(2)} s (server CPU ${used.toFixed(2)} s), /healthz at most ${stall.toFixed(0)} ms, load ${loadavg()[0]!.toFixed(1)}`;
}

const rows: [string, string][] = [];
const stamp = `${process.pid}`;
const cases: [string, (k: number) => [string, string, unknown?]][] = [
  ['PATCH one device (done, now)', (k) => ['PATCH', `/objects/${device.id}`, { fields: { notes: `bench ${stamp}.${k}` } }]],
  ['PATCH one device, scheduled before the later change sets', (k) => ['PATCH', `/objects/${device.id}`, { fields: { notes: `bench later ${stamp}.${k}` }, changeset: { status: 'scheduled', effective: `2027-01-${String(10 + k).padStart(2, '0')}` } }]],
  ['PATCH one application (done, now)', (k) => ['PATCH', `/objects/${application}`, { fields: { notes: `bench ${stamp}.${k}` } }]],
  [
    'POST /changesets: 200 new devices (done, now)',
    (k) => [
      'POST',
      '/changesets',
      { changesets: [{ id: `bench-${stamp}-${k}`, title: 'bench', effective: new Date().toISOString(), status: 'done', changes: Array.from({ length: 200 }, (_, i) => ({ create: { id: `bench-${stamp}-${k}-${i}`, kind: 'device', name: `Bench ${i}`, role: 'server', site: device.site } })) }] },
    ],
  ],
  ['PATCH refused (unknown site)', () => ['PATCH', `/objects/${device.id}`, { fields: { site: 'no-such-site' } }]],
];
// Beyond the incremental replay's budget: the full replay, in the writer thread.
const heavy = 25_000;
const bigImport = (k: number): [string, string, unknown] => [
  'POST',
  '/changesets',
  { changesets: [{ id: `bench-big-${stamp}-${k}`, title: 'bench', effective: new Date().toISOString(), status: 'done', changes: Array.from({ length: heavy }, (_, i) => ({ create: { id: `bench-big-${stamp}-${k}-${i}`, kind: 'device', name: `Bench ${i}`, role: 'server', site: device.site } })) }] },
];
try {
  for (const [name, make] of cases) {
    for (let k = 0; k < repeat; k++) {
      const [method, path, body] = make(k);
      const line = await timed(method, path, body);
      rows.push([name, line]);
      console.log(`${name}: ${line}`);
    }
  }
  const line = await timed(...bigImport(0));
  rows.push([`POST /changesets: ${heavy.toLocaleString('en')} new devices (done, now)`, line]);
  console.log(`${rows[rows.length - 1]![0]}: ${line}`);
} finally {
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
}
console.log('\n| write | figure |\n|---|---|');
for (const [name, line] of rows) console.log(`| ${name} | ${line} |`);
