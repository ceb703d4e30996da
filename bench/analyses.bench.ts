/**
 * Analyses at state scale (`npm run bench:analyses`): on the generated `state` preset
 * (SQLite), the CLI's `check` and `timeline check` end to end (a fresh process, reading the
 * estate included), and over `verbund serve` (the built package, its analysis pool): the
 * check's summary cold and warm, one municipality cold (a fresh server) and warm, the
 * availability of every service, and the server's memory after 100 mixed requests. Prints
 * each figure beside the goal of docs/api.md ("Analyses at state scale").
 *
 * BENCH_DB: an existing database of the preset to use (else one is generated and imported,
 * which takes minutes); BENCH_SKIP: comma-separated steps to leave out (cli, timeline,
 * server, availability, memory).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateEstate } from '../src/synthetic/generateEstate.js';
import { toEstateDocument } from '../src/interop/toEstateDocument.js';
import { AccountService } from '../src/service/AccountService.js';
import { EstateService } from '../src/service/EstateService.js';
import { openStore } from '../src/store/openStore.js';
import { root, serveProcess } from './serveProcess.js';

const skip = new Set((process.env.BENCH_SKIP ?? '').split(',').filter(Boolean));
const tmp = mkdtempSync(join(tmpdir(), 'verbund-analyses-bench-'));
const rows: [string, string, string, boolean][] = [];

function report(what: string, value: string, goal: string, met: boolean): void {
  rows.push([what, value, goal, met]);
  console.log(`${what}: ${value} (goal ${goal}: ${met ? 'met' : 'MISSED'})`);
}

/** Wall seconds of a CLI run in a fresh process; its output is discarded. */
function cliSeconds(db: string, ...args: string[]): number {
  const t = performance.now();
  try {
    execFileSync(process.execPath, [join(root, 'bin/verbund.js'), '--db', db, ...args], { stdio: ['ignore', 'ignore', 'inherit'], maxBuffer: 1 << 30 });
  } catch (e) {
    // check and timeline check exit 1 when a verdict is negative: that is an answer.
    if ((e as { status?: number }).status !== 1) throw e;
  }
  return (performance.now() - t) / 1000;
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
    report('CLI check --summary, end to end', `${summary.toFixed(1)} s`, '< 3 s', summary < 3);
    const full = cliSeconds(db, 'check', '--json');
    report('CLI check --json (every service), end to end', `${full.toFixed(1)} s`, '< 3 s', full < 3);
  }
  if (!skip.has('timeline')) {
    const s = cliSeconds(db, 'timeline', 'check', '--json');
    report('CLI timeline check, end to end', `${s.toFixed(1)} s`, '< 30 s', s < 30);
  }
  if (!skip.has('server')) {
    const token = await viewerToken(db);
    let usages: { tenant: string; application: string }[] = [];
    let tenant = '';
    // One municipality on a fresh server: nothing of the whole estate computed yet.
    {
      const { url, child } = await serveProcess(db);
      usages = JSON.parse((await timedGet(`${url}/api/v1/usages?limit=1000`, token)).body).items;
      tenant = usages[0]!.tenant;
      const cold = await timedGet(`${url}/api/v1/check?tenant=${tenant}`, token);
      const warm = await timedGet(`${url}/api/v1/check?tenant=${tenant}`, token);
      report(`GET /check?tenant=${tenant}, fresh server (estate read included)`, `${cold.s.toFixed(2)} s, ${(cold.bytes / 1024).toFixed(0)} KB`, '< 0.5 s', cold.s < 0.5);
      report('  … again (cached)', `${warm.s.toFixed(3)} s`, '< 0.5 s', warm.s < 0.5);
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
    // A deadline that lets the availability of every service finish, to measure it.
    const { url, child } = await serveProcess(db, 'warn', ['--analysis-timeout', '900']);
    try {
      const cold = await timedGet(`${url}/api/v1/check?form=summary`, token);
      report('GET /check?form=summary, first (estate read and whole check)', `${cold.s.toFixed(1)} s, ${(cold.bytes / 1024).toFixed(0)} KB`, '–', true);
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
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
console.log('\n| measure | figure | goal | |');
console.log('|---|---|---|---|');
for (const [what, value, goal, met] of rows) console.log(`| ${what} | ${value} | ${goal} | ${goal === '–' ? '' : met ? 'met' : 'MISSED'} |`);
