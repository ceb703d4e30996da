/**
 * Analyses at state scale (`npm run bench:analyses`): on the generated `state` preset
 * (SQLite), the CLI's `check` and `timeline check` end to end (a fresh process, reading the
 * estate included), and over `verbund serve` (the built package, its analysis pool): the
 * check's summary cold and warm, one municipality cold (a fresh server with --no-warm), after
 * the warm-up at start (its duration too), asked as the server listens, and warm, the
 * availability of every service, and the server's memory after 100 mixed requests. Prints
 * each figure beside the goal of docs/api.md ("Analyses at state scale").
 *
 * BENCH_DB: an existing database of the preset to use (else one is generated and imported,
 * which takes minutes); BENCH_SKIP: comma-separated steps to leave out (cli, timeline,
 * server, availability, memory).
 */
import { execFileSync, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { get } from 'node:http';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateEstate } from '../src/synthetic/generateEstate.js';
import { toEstateDocument } from '../src/interop/toEstateDocument.js';
import { AccountService } from '../src/service/AccountService.js';
import { EstateService } from '../src/service/EstateService.js';
import { openStore } from '../src/store/openStore.js';
import { END_OF_TIME } from '../src/timeline/time.js';
import { root, serveProcess } from './serveProcess.js';

const skip = new Set((process.env.BENCH_SKIP ?? '').split(',').filter(Boolean));
const tmp = mkdtempSync(join(tmpdir(), 'verbund-analyses-bench-'));
const rows: [string, string, string, boolean][] = [];

function report(what: string, value: string, goal: string, met: boolean): void {
  rows.push([what, value, goal, met]);
  console.log(`${what}: ${value} (goal ${goal}: ${met ? 'met' : 'MISSED'})`);
}

/**
 * Wall and CPU seconds (user + system, from /proc of the child) of a CLI run in a fresh
 * process; its output is discarded. The CPU figure is what the run costs whatever else
 * shares the machine; the wall figure grows with the load.
 */
function cliSeconds(db: string, ...args: string[]): { wall: number; cpu: number } {
  const t = performance.now();
  // bash's `times` after the run prints the children's user and system time.
  const script = `"$0" "$@" >/dev/null; code=$?; times >&2; exit $code`;
  const r = spawnSync('bash', ['-c', script, process.execPath, join(root, 'bin/verbund.js'), '--db', db, ...args], { stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 30 });
  const wall = (performance.now() - t) / 1000;
  // check and timeline check exit 1 when a verdict is negative: that is an answer.
  if (r.status !== 0 && r.status !== 1) throw new Error(`verbund ${args.join(' ')}: exit ${r.status}: ${String(r.stderr).slice(-500)}`);
  const lines = String(r.stderr).trim().split('\n');
  const seconds = (x: string): number => {
    const m = /(\d+)m([\d.]+)s/.exec(x);
    return m ? Number(m[1]) * 60 + Number(m[2]) : 0;
  };
  const [user, sys] = lines[lines.length - 1]!.split(/\s+/);
  return { wall, cpu: seconds(user ?? '') + seconds(sys ?? '') };
}

/** The load average over the last minute: how much else ran beside the figures. */
function load(): string {
  return loadavg()[0]!.toFixed(1);
}

async function prepare(): Promise<string> {
  if (process.env.BENCH_DB) return process.env.BENCH_DB;
  const db = join(tmp, 'state.db');
  const store = await openStore({ file: db });
  const doc = toEstateDocument(JSON.parse(JSON.stringify(generateEstate({ seed: 1, preset: 'state' }))), 'state.json');
  const t = performance.now();
  await new EstateService(store, 'bench').importDocument(doc.doc, {}, doc.problems);
  console.log(`imported ${doc.doc.objects.length} objects in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  await store.close();
  return db;
}

/** The first usages by id (tenant and application), straight from the version index. */
async function firstUsages(db: string, n: number): Promise<{ tenant: string; application: string }[]> {
  const store = await openStore({ file: db });
  const rows = await store.db.selectFrom('object_version').select('data').where('kind', '=', 'usage').where('valid_to', '=', END_OF_TIME).where('op', '<>', 'delete').orderBy('object_id').limit(n).execute();
  await store.close();
  return rows.map((r) => JSON.parse(r.data!) as { tenant: string; application: string });
}

/** A viewer's token on the database (created once per run). */
async function viewerToken(db: string): Promise<string> {
  const store = await openStore({ file: db });
  const accounts = new AccountService(store);
  const name = `bench-${process.pid}`;
  await accounts.addUser({ name, role: 'viewer' });
  const { token } = await accounts.createToken(name);
  await store.close();
  return token;
}

/** Seconds and bytes of one GET (node:http, not fetch: fetch gives up on an answer after 300 s). */
async function timedGet(url: string, token: string): Promise<{ s: number; bytes: number; body: string }> {
  const t = performance.now();
  const { status, body } = await new Promise<{ status: number; body: string }>((resolve, reject) => {
    get(url, { headers: { authorization: `Bearer ${token}` } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    }).on('error', reject);
  });
  if (status !== 200) throw new Error(`${url}: ${status} ${body.slice(0, 300)}`);
  return { s: (performance.now() - t) / 1000, bytes: body.length, body };
}

/** CPU seconds (user + system, every thread) a process has used so far. */
function cpuSeconds(pid: number): number {
  // Fields 14 and 15 of /proc/PID/stat, after the command name in parentheses; clock ticks of 1/100 s.
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** Stops a server and waits until it has exited. */
async function stop(child: ChildProcess): Promise<void> {
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(m![1]) / 1024;
}

execFileSync(process.execPath, [join(root, 'scripts/build.mjs')], { cwd: root, stdio: 'inherit' });
console.log(`# verbund analyses benchmark (state preset, SQLite) — node ${process.version}, ${new Date().toISOString()}`);
try {
  const db = await prepare();
  if (!skip.has('cli')) {
    const summary = cliSeconds(db, 'check', '--summary');
    report('CLI check --summary, end to end', `${summary.wall.toFixed(1)} s (CPU ${summary.cpu.toFixed(1)} s, load ${load()})`, '< 3 s', summary.wall < 3);
    const full = cliSeconds(db, 'check', '--json');
    report('CLI check --json (every service), end to end', `${full.wall.toFixed(1)} s (CPU ${full.cpu.toFixed(1)} s, load ${load()})`, '< 3 s', full.wall < 3);
  }
  if (!skip.has('timeline')) {
    const s = cliSeconds(db, 'timeline', 'check', '--json');
    report('CLI timeline check, end to end', `${s.wall.toFixed(1)} s (CPU ${s.cpu.toFixed(1)} s, load ${load()})`, '< 30 s', s.wall < 30);
  }
  if (!skip.has('server')) {
    const token = await viewerToken(db);
    // Read here, not from the server: its first request must be the municipality's check.
    const usages = await firstUsages(db, 1000);
    const tenant = usages[0]!.tenant;
    // One municipality on a fresh server without warm-up: nothing of the whole estate computed yet.
    {
      const { url, child } = await serveProcess(db, 'warn', ['--no-warm']);
      const before = cpuSeconds(child.pid!);
      const cold = await timedGet(`${url}/api/v1/check?tenant=${tenant}`, token);
      const cpu = cpuSeconds(child.pid!) - before;
      const warm = await timedGet(`${url}/api/v1/check?tenant=${tenant}`, token);
      report(`GET /check?tenant=${tenant}, fresh server --no-warm (estate read included)`, `${cold.s.toFixed(2)} s, ${(cold.bytes / 1024).toFixed(0)} KB (server CPU ${cpu.toFixed(1)} s, load ${load()})`, '< 0.5 s', cold.s < 0.5);
      report('  … again (cached)', `${warm.s.toFixed(3)} s`, '< 0.5 s', warm.s < 0.5);
      await stop(child);
    }
    // The same on a fresh server that warms itself at start (the default): first the warm-up, then the municipality.
    {
      const { url, child } = await serveProcess(db);
      const t = performance.now();
      const before = cpuSeconds(child.pid!);
      let healthz = 0;
      while (!(JSON.parse((await timedGet(`${url}/healthz`, token)).body) as { warm: boolean }).warm) {
        healthz++;
        await new Promise((r) => setTimeout(r, 50));
      }
      const warmUp = (performance.now() - t) / 1000;
      const warmCpu = cpuSeconds(child.pid!) - before;
      report('warm-up after listening (until /healthz says warm)', `${warmUp.toFixed(2)} s (server CPU ${warmCpu.toFixed(1)} s, ${healthz} /healthz meanwhile, load ${load()}); RSS then ${rssMb(child.pid!).toFixed(0)} MB`, '–', true);
      const cpuBefore = cpuSeconds(child.pid!);
      const first = await timedGet(`${url}/api/v1/check?tenant=${tenant}`, token);
      const cpu = cpuSeconds(child.pid!) - cpuBefore;
      report(`GET /check?tenant=${tenant}, fresh server once warm (first question)`, `${first.s.toFixed(3)} s, ${(first.bytes / 1024).toFixed(0)} KB (server CPU ${cpu.toFixed(2)} s, load ${load()})`, '< 0.5 s', first.s < 0.5);
      await stop(child);
    }
    // A question at once after start: it joins the warm-up (its read, decode, projection and verdicts).
    {
      const { url, child } = await serveProcess(db);
      const first = await timedGet(`${url}/api/v1/check?tenant=${tenant}`, token);
      report(`GET /check?tenant=${tenant}, fresh server, asked as it listens (joins the warm-up)`, `${first.s.toFixed(2)} s (load ${load()})`, '–', true);
      await stop(child);
    }
    // A deadline that lets the availability of every service finish, to measure it; no
    // warm-up, so that the first check is the estate's read and whole check.
    const { url, child } = await serveProcess(db, 'warn', ['--analysis-timeout', '900', '--no-warm']);
    try {
      const cold = await timedGet(`${url}/api/v1/check?form=summary`, token);
      report('GET /check?form=summary, first (estate read and whole check)', `${cold.s.toFixed(1)} s, ${(cold.bytes / 1024).toFixed(0)} KB (load ${load()})`, '–', true);
      const warm = await timedGet(`${url}/api/v1/check?form=summary&spofLimit=20`, token);
      report('GET /check?form=summary&spofLimit=20, warm', `${warm.s.toFixed(2)} s`, '< 1 s', warm.s < 1);
      const page = await timedGet(`${url}/api/v1/check`, token);
      const summaryAgain = await timedGet(`${url}/api/v1/check?form=summary&spofLimit=20`, token);
      report('  … the same again (result cache)', `${summaryAgain.s.toFixed(3)} s`, '< 1 s', summaryAgain.s < 1);
      report('GET /check (default page), warm', `${page.s.toFixed(2)} s, ${(page.bytes / 1024 / 1024).toFixed(1)} MB`, '≤ a few MB', page.bytes < 5 * 1024 * 1024);
      const muni = await timedGet(`${url}/api/v1/check?tenant=${tenant}`, token);
      report(`GET /check?tenant=${tenant}, warm`, `${muni.s.toFixed(3)} s`, '< 0.5 s', muni.s < 0.5);
      if (!skip.has('availability')) {
        const a = await timedGet(`${url}/api/v1/availability`, token);
        report(`GET /availability (all ${JSON.parse(a.body).summary.services} services)`, `${a.s.toFixed(1)} s`, '< 60 s', a.s < 60);
      }
      if (!skip.has('memory')) {
        const paths = [
          (i: number) => `/api/v1/check?form=summary&offset=${i}`,
          (i: number) => `/api/v1/check?tenant=${usages[(i * 37) % usages.length]!.tenant}`,
          (i: number) => `/api/v1/check?application=${usages[(i * 11) % usages.length]!.application}&limit=100`,
          (i: number) => `/api/v1/devices?limit=100&offset=${i * 100}`,
          (i: number) => `/api/v1/check?verdict=failing&offset=${i * 1000}`,
        ];
        for (let i = 0; i < 100; i++) await timedGet(url + paths[i % paths.length]!(i), token);
        const mb = rssMb(child.pid!);
        report('server RSS after 100 mixed requests', `${mb.toFixed(0)} MB`, '< 1.5 GB', mb < 1536);
      }
    } finally {
      await stop(child);
    }
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
console.log('\n| measure | figure | goal | |');
console.log('|---|---|---|---|');
for (const [what, value, goal, met] of rows) console.log(`| ${what} | ${value} | ${goal} | ${goal === '–' ? '' : met ? 'met' : 'MISSED'} |`);
