// Measures the web UI in headless Chromium against a real `verbund serve` on localhost:
// the first page (sign-in → overview interactive) on the OWL-IT example, and the map of the
// `state` preset (load of every site, device and link through the API, then the canvas draw),
// with the browser's performance API. Run: node --import tsx scripts/measure-ui.ts
// (builds nothing: run `npm run build` first). Figures go to stdout; docs/ui.md records them.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromiumPath, launchBrowser, newPage, signIn, signInQuietly, startServer } from '../test/helpers/e2e.js';

// What page.evaluate callbacks use of the browser (scripts compile without the DOM library).
interface MapTiming {
  load: number;
  draw: number;
  links: number;
  sites: number;
}
declare const window: { __verbundMap?: MapTiming; __frames: number[] };
declare const performance: { now(): number; getEntriesByType(t: string): { responseEnd: number; domInteractive: number }[] };

const executable = chromiumPath();
if (!executable) throw new Error('chromium is not installed');
const browser = await launchBrowser(executable);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function firstPage(): Promise<void> {
  const server = await startServer();
  try {
    const runs: { nav: number; interactive: number; overview: number }[] = [];
    for (let i = 0; i < 5; i++) {
      const { page } = await newPage(browser);
      await signIn(page, server.url, 'anna');
      // A cold load of the signed-in overview: navigation start → DOM interactive → every figure drawn.
      await page.goto(`${server.url}/`, { waitUntil: 'domcontentloaded' });
      await page.getByRole('img', { name: /Burn-up/ }).waitFor();
      await page.locator('.figure-value').getByText(/^\d+ \/ \d+$/).first().waitFor();
      const t = await page.evaluate(() => {
        const n = performance.getEntriesByType('navigation')[0]!;
        return { nav: n.responseEnd, interactive: n.domInteractive, overview: performance.now() };
      });
      runs.push(t);
      await page.context().close();
    }
    console.log(`OWL-IT overview, 5 cold loads (median): HTML ${median(runs.map((r) => r.nav)).toFixed(0)} ms, DOM interactive ${median(runs.map((r) => r.interactive)).toFixed(0)} ms, every figure drawn ${median(runs.map((r) => r.overview)).toFixed(0)} ms`);
  } finally {
    await server.stop();
  }
}

async function stateMap(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'verbund-measure-'));
  const file = join(dir, 'state.json');
  const g = spawnSync(process.execPath, ['bin/verbund.js', 'generate', '--preset', 'state', '-o', file], { encoding: 'utf8' });
  if (g.status !== 0) throw new Error(g.stderr);
  const server = await startServer({ estate: file, tenants: false });
  try {
    const { page } = await newPage(browser);
    // Straight to the map: the overview's analyses of 50,000 services would keep the server busy.
    await signInQuietly(page, server.url, 'anna');
    const runs: MapTiming[] = [];
    for (let i = 0; i < 3; i++) {
      await page.goto(`${server.url}/map`);
      await page.waitForFunction(() => window.__verbundMap !== undefined, undefined, { timeout: 120_000 });
      runs.push(await page.evaluate(() => ({ load: window.__verbundMap!.load, draw: window.__verbundMap!.draw, links: window.__verbundMap!.links, sites: window.__verbundMap!.sites })));
    }
    // Panning: 60 redraws from pointer moves, measured as frame times.
    const canvas = page.locator('canvas.map');
    const box = (await canvas.boundingBox())!;
    // A string: tsx would wrap a named inner function with a helper the page does not have.
    await page.evaluate(`window.__frames = []; let last = performance.now();
      const tick = (t) => { window.__frames.push(t - last); last = t; requestAnimationFrame(tick); };
      requestAnimationFrame(tick);`);
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    for (let i = 0; i < 60; i++) await page.mouse.move(box.x + box.width / 2 + i * 4, box.y + box.height / 2 + i * 2);
    await page.mouse.up();
    const frames = await page.evaluate(() => window.__frames.slice(2));
    const draws = await page.evaluate(() => window.__verbundMap!.draw);
    const r = runs[runs.length - 1]!;
    console.log(`state preset map: ${r.sites} sites, ${r.links} links drawn; load (API, 4 pages of 1,000 at a time) median ${median(runs.map((x) => x.load)).toFixed(0)} ms, canvas draw median ${median(runs.map((x) => x.draw)).toFixed(0)} ms`);
    console.log(`panning: ${frames.length} frames, median ${median(frames).toFixed(1)} ms, 95th percentile ${[...frames].sort((a, b) => a - b)[Math.floor(frames.length * 0.95)]!.toFixed(1)} ms, last redraw ${draws.toFixed(1)} ms`);
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

try {
  await firstPage();
  await stateMap();
} finally {
  await browser.close();
}
