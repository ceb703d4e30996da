// Times the web UI's main pages on a large estate: `verbund serve --db <copy of a state-preset
// database>` on localhost, headless Chromium (playwright-core), each page loaded cold in a new
// browser context: navigation start → the page's own content shown and no loading note left in
// it (the analyses that large estates compute only on request are not asked for). Two runs per
// page, each with the CPU seconds the server spent on it (from /proc: what the page costs
// whatever else shares the machine) and the load average after; docs/ui.md records them.
//
//   npm run build
//   cp /work/wt/state.db /tmp/me-state.db        # never the shared file: a user is added to it
//   node --import tsx scripts/measure-pages.ts /tmp/me-state.db [only pages whose name has this]
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { chromiumPath, launchBrowser, newPage } from '../test/helpers/e2e.js';

declare const performance: { now(): number };
declare const document: { querySelector(s: string): unknown; querySelectorAll(s: string): { length: number } };

const db = process.argv[2];
if (!db) throw new Error('usage: node --import tsx scripts/measure-pages.ts <database of the state preset (a copy)>');
const password = 'measure pages 123';
const added = spawnSync(process.execPath, ['bin/verbund.js', '--db', db, 'user', 'add', 'measure', '--role', 'operator', '--password-stdin'], { input: `${password}\n`, encoding: 'utf8' });
if (added.status !== 0 && !/exists/.test(added.stderr)) throw new Error(added.stderr);
const child = spawn(process.execPath, ['bin/verbund.js', '--db', db, 'serve', '--port', '0', '--log-level', 'warn'], { stdio: ['ignore', 'pipe', 'pipe'] });
const base = await new Promise<string>((resolve, reject) => {
  let out = '';
  child.stdout.on('data', (b: Buffer) => {
    out += b.toString();
    const m = /serves (http:\/\/[\d.:]+)/.exec(out);
    if (m) resolve(m[1]!);
  });
  child.stderr.on('data', (b: Buffer) => (out += b.toString()));
  child.on('exit', (code) => reject(new Error(`serve exited ${code}: ${out}`)));
});

/** CPU seconds (user + system, its threads included) the server has used so far: what a page costs it whatever else runs. */
const serverCpu = (): number => {
  const fields = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
};

const browser = await launchBrowser(chromiumPath()!);
try {
  const { page: probe } = await newPage(browser);
  await probe.request.post(`${base}/api/v1/session`, { data: { name: 'measure', password } });
  const usage = ((await (await probe.request.get(`${base}/api/v1/usages?limit=1&offset=1000`)).json()) as { items: { tenant: string; application: string; sites: string[] }[] }).items[0]!;
  // One session for every page: signing in for each would meet the login throttle (docs/api.md) after a few pages.
  const session = await probe.context().cookies();
  await probe.context().close();
  // Per page: its name, its path, and where its content is (default: all of <main>).
  const pages: [string, string, string?][] = [
    ['overview', '/'],
    ['applications', '/applications'],
    ['timeline', '/timeline'],
    ['municipalities', '/municipalities'],
    ['one municipality', `/municipalities?org=${usage.tenant}`, 'main section[aria-labelledby=h-org]'],
    ['plans', '/plans'],
    ['object (application)', `/objects/${usage.application}`],
    ['service view', `/services/${usage.sites[0]}/${usage.application}`],
    ['list of sites (by name)', '/estate/sites?sort=name'],
    ['search', '/search?q=rathaus'],
  ];
  console.log(`${base}: ${usage.tenant}, ${usage.application} at ${usage.sites[0]}`);
  for (const [what, path, scope = 'main'] of pages.filter(([what]) => what.includes(process.argv[3] ?? ''))) {
    const times: number[] = [];
    const cpu: number[] = [];
    for (let run = 0; run < 2; run++) {
      const cpuBefore = serverCpu();
      const { page } = await newPage(browser);
      page.setDefaultTimeout(120_000);
      await page.context().addCookies(session);
      await page.goto(`${base}${path}`, { waitUntil: 'commit' });
      // Ready: the page's heading and content are there, and no loading note is left in it.
      await page
        .waitForFunction(
          (s) => document.querySelector('main h1') !== null && document.querySelectorAll(`${s} [role=status].muted, ${s} .computing`).length === 0 && document.querySelectorAll(`${s} table, ${s} .figures, ${s} svg, ${s} form, ${s} select, ${s} ul`).length > 0,
          scope,
          { polling: 50, timeout: Number(process.env.MEASURE_TIMEOUT_MS ?? 300_000) },
        )
        .catch(async (e: unknown) => {
          // What the page shows instead, to tell a slow page from a stuck one.
          console.error(`${what} (${path}) not ready: ${await page.evaluate(() => (document.querySelector('main') as { innerHTML: string } | null)?.innerHTML.slice(0, 2000))}`);
          throw e;
        });
      times.push(await page.evaluate(() => performance.now()));
      cpu.push(serverCpu() - cpuBefore);
      await page.context().close();
    }
    const runs = times.map((t, i) => `${(t / 1000).toFixed(2)} s (server CPU ${cpu[i]!.toFixed(2)} s)`).join('  ');
    console.log(`${what.padEnd(26)} ${path.padEnd(60)} ${runs}  load ${loadavg()[0]!.toFixed(1)}`);
  }
} finally {
  await browser.close();
  child.kill('SIGTERM');
}
