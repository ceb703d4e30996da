/**
 * The map of the region, end to end (headless Chromium against the built `verbund serve`):
 * labels placed without overlap by priority (hidden ones named on hover, more shown when
 * zoomed in), lines coloured by carrier (line A and line B told apart), risk groups drawn
 * where they are with their names, the one path drawn when only one exists, and the base
 * map: MapLibre not even loaded without a style, and drawn from a style the server serves.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { axe, chromiumPath, e2eFixture, e2eSkip, launchBrowser, newPage, signIn, startServer } from './helpers/e2e.js';
import { pmtilesArchive, serveRanges, solidPng } from './helpers/pmtiles.js';

interface Label {
  id: string;
  text: string;
  x: number;
  y: number;
  w: number;
  h: number;
  priority: number;
}
interface MapInfo {
  labels: Label[];
  hidden: { id: string; x: number; y: number }[];
  visible: number;
  sites: number;
}
// What page.evaluate callbacks use of the browser (the tests compile without the DOM library).
declare const window: { __verbundMap?: MapInfo & { at: (id: string) => [number, number] | null }; __verbundBaseMap?: { loaded: boolean; zoom: number } };
declare const requestAnimationFrame: (f: (t: number) => void) => void;
declare const getComputedStyle: (e: unknown) => { backgroundColor: string };
declare const document: { querySelector(s: string): { getContext(k: string): { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } } } & { toDataURL(): string } };

/** The last frame's labels and hidden sites (functions left out: they do not cross to the test). */
const frame = (page: Page) => page.evaluate(() => ({ labels: window.__verbundMap!.labels, hidden: window.__verbundMap!.hidden, visible: window.__verbundMap!.visible, sites: window.__verbundMap!.sites }));
const siteAt = (page: Page, id: string) => page.evaluate((s) => window.__verbundMap!.at(s), id);
/** Waits for the next frame after something changed (draws are coalesced into animation frames). */
const settle = (page: Page) => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));

const overlaps = (a: Label, b: Label) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

/** The canvas's pixels (RGB) in a square around a point (CSS pixels). */
async function pixels(page: Page, x: number, y: number, r = 3): Promise<[number, number, number][]> {
  return page.evaluate(
    ([x, y, r]) => {
      const c = document.querySelector('canvas.map') as unknown as { width: number; clientWidth: number; getContext(k: string): { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } } };
      const k = c.width / c.clientWidth;
      const d = c.getContext('2d').getImageData(Math.round((x - r) * k), Math.round((y - r) * k), Math.round(2 * r * k) + 1, Math.round(2 * r * k) + 1).data;
      const out: [number, number, number][] = [];
      for (let i = 0; i < d.length; i += 4) out.push([d[i]!, d[i + 1]!, d[i + 2]!]);
      return out;
    },
    [x, y, r] as const,
  );
}
const hex = (h: string): [number, number, number] => [1, 3, 5].map((i) => Number.parseInt(h.slice(i, i + 2), 16)) as [number, number, number];
const near = (a: readonly number[], b: readonly number[]) => Math.hypot(a[0]! - b[0]!, a[1]! - b[1]!, a[2]! - b[2]!) < 40;

describe('web UI: the map of the region', { skip: e2eSkip, timeout: 180_000 }, () => {
  const f = e2eFixture({ before, after });
  const scripts: string[] = [];
  before(async () => {
    f.page.on('request', (r) => {
      if (r.resourceType() === 'script') scripts.push(r.url());
    });
    await signIn(f.page, f.server.url, 'anna');
  });

  test('labels never overlap; data centers come first; hidden ones are named on hover and shown when zoomed in', async () => {
    const { page } = f;
    await page.goto(`${f.server.url}/map`);
    await page.getByRole('img', { name: /Karte der Standorte/ }).waitFor();
    await page.waitForFunction(() => (window.__verbundMap?.labels.length ?? 0) > 0);
    await settle(page);
    const fit = await frame(page);
    for (let i = 0; i < fit.labels.length; i++) for (let j = i + 1; j < fit.labels.length; j++) assert.ok(!overlaps(fit.labels[i]!, fit.labels[j]!), `${fit.labels[i]!.text} overlaps ${fit.labels[j]!.text}`);
    const ids = new Set(fit.labels.map((l) => l.id));
    assert.ok(ids.has('lemgo-dc'), 'the data center is labelled');
    assert.ok(fit.hidden.length > 0, 'at the fit, not every one of 60 sites has room for its label');
    // Each hidden label lost to one of at least its priority (the declutter's promise, on the page).
    const dc = fit.labels.find((l) => l.id === 'lemgo-dc')!;
    assert.ok(fit.labels.every((l) => l.priority <= dc.priority || l.priority >= 4e6), 'nothing but selected or failed elements outranks a data center');

    // Hovering a site without a label names it.
    const hidden = fit.hidden[0]!;
    await page.mouse.move(0, 0);
    const box = (await page.locator('canvas.map').boundingBox())!;
    await page.mouse.move(box.x + hidden.x, box.y + hidden.y);
    const tip = page.locator('.map-tip');
    await tip.waitFor();
    const name = await page.evaluate((id) => fetch(`/api/v1/objects/${id}`).then((r) => r.json() as Promise<{ name?: string }>).then((o) => o.name ?? id), hidden.id);
    assert.match((await tip.textContent()) ?? '', new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} `));

    // Zoomed in, sites that had no room get their labels.
    await page.locator('canvas.map').focus();
    for (let i = 0; i < 3; i++) await page.keyboard.press('+');
    await settle(page);
    const zoomed = await frame(page);
    const before = new Set(fit.hidden.map((h) => h.id));
    assert.ok(zoomed.labels.some((l) => before.has(l.id)), 'zooming in shows labels that were hidden');
    for (let i = 0; i < zoomed.labels.length; i++) for (let j = i + 1; j < zoomed.labels.length; j++) assert.ok(!overlaps(zoomed.labels[i]!, zoomed.labels[j]!));
    await page.keyboard.press('0');
  });

  test('lines are coloured by carrier: line A and line B differ, the legend names the carriers (de and en)', async () => {
    const { page } = f;
    await page.goto(`${f.server.url}/map`);
    await page.waitForFunction(() => (window.__verbundMap?.labels.length ?? 0) > 0);
    assert.equal(await page.getByRole('combobox', { name: /Färbung/ }).inputValue(), 'carrier');
    const legend = page.locator('.legend');
    await legend.getByText('Glasfaser OWL', { exact: false }).waitFor();
    await legend.getByText('Deutsche Telekom', { exact: false }).waitFor();
    await legend.getByText('eigene Leitungen (ohne Netzbetreiber)').waitFor();
    const colourOf = async (name: string) => (await legend.locator('span', { hasText: name }).first().locator('.swatch').evaluate((e) => getComputedStyle(e).backgroundColor)).match(/\d+/g)!.map(Number);
    const owl = await colourOf('Glasfaser OWL');
    const telekom = await colourOf('Deutsche Telekom');
    assert.notDeepEqual(owl, telekom);
    // On the canvas: the middle of line A3 (Schlangen – Horn, Glasfaser OWL) and of line B2 (Hövelhof – Augustdorf, Telekom).
    const mid = async (a: string, b: string) => {
      const [p, q] = [(await siteAt(page, a))!, (await siteAt(page, b))!];
      return [(p[0] + q[0]) / 2, (p[1] + q[1]) / 2] as const;
    };
    const lineA = await pixels(page, ...(await mid('node-schlangen', 'node-horn')));
    const lineB = await pixels(page, ...(await mid('node-hoevelhof', 'node-augustdorf')));
    assert.ok(lineA.some((p) => near(p, owl)) && !lineA.some((p) => near(p, telekom)), 'line A is drawn in the colour of Glasfaser OWL');
    assert.ok(lineB.some((p) => near(p, telekom)) && !lineB.some((p) => near(p, owl)), 'line B is drawn in the colour of Telekom');
    assert.deepEqual(await axe(page), []);

    const { page: en } = await newPage(f.browser, 'en-GB');
    await signIn(en, f.server.url, 'anna');
    await en.goto(`${f.server.url}/map`);
    await en.locator('.legend').getByText('own lines (no carrier)').waitFor();
    assert.equal(await en.getByRole('combobox', { name: /Colour/ }).locator('option:checked').textContent(), 'by carrier');
    await en.context().close();
  });

  test('risk groups are drawn where they are, with their names: the duct at the Lemgo data center, the trenches along line A', async () => {
    const { page } = f;
    await page.goto(`${f.server.url}/map?at=2019-06-01`);
    await page.waitForFunction(() => (window.__verbundMap?.labels.length ?? 0) > 0);
    await settle(page);
    const { labels } = await frame(page);
    const duct = labels.find((l) => l.id === 'duct-lemgo-nord');
    assert.ok(duct, `the duct is named: ${labels.map((l) => l.text).join(', ')}`);
    assert.equal(duct.text, 'Hauseinführung Nord, Rechenzentrum Lemgo');
    const [lx, ly] = (await siteAt(page, 'lemgo-dc'))!;
    assert.ok(Math.hypot(duct.x + duct.w / 2 - lx, duct.y + duct.h / 2 - ly) < 60, 'at the data center');
    // The duct's band at the data center in its colour (the risk group type's).
    const ductColour = hex('#8c564b');
    const ring = await pixels(page, lx, ly, 16);
    assert.ok(ring.some((p) => Math.hypot(...p.map((c, i) => c - (0.3 * ductColour[i]! + 0.7 * 251))) < 40), 'a band in the duct colour around the data center');
    const trench = labels.find((l) => l.id === 'trench-b1-horn' || l.id === 'trench-detmolder-str');
    assert.ok(trench, 'a trench of line A is named');
    const legend = page.locator('.legend');
    await legend.getByText('Risikogruppe: Kabelkanal').waitFor();
    await legend.getByText('Risikogruppe: Trasse').waitFor();
  });

  test('one path is drawn when only one exists', async () => {
    const { page } = f;
    // October 2018: line A is in service, line B is not: Paderborn reaches Lemgo one way only.
    await page.goto(`${f.server.url}/map?at=2018-10-01&path=pb-rathaus,ratsinfo`);
    await page.getByText('Es gibt nur einen Weg; er ist eingezeichnet.').waitFor();
    const paths = page.getByRole('region', { name: 'Unabhängige Wege' });
    await paths.getByText(/Weg 1: Rathaus Paderborn Zugang \d → .*Router Netzknoten Schlangen → Router Netzknoten Horn-Bad Meinberg → .* → VM-Cluster A$/).waitFor();
    assert.equal(await paths.getByText(/Weg 2:/).count(), 0);
    await settle(page);
    // Drawn: the path's blue on line A3 (Schlangen – Horn-Bad Meinberg).
    const [p, q] = [(await siteAt(page, 'node-schlangen'))!, (await siteAt(page, 'node-horn'))!];
    const px = await pixels(page, (p[0] + q[0]) / 2, (p[1] + q[1]) / 2, 2);
    assert.ok(px.some((c) => near(c, hex('#0050b3'))), 'the path is drawn in blue');
    await page.locator('.legend').getByText('Weg 1').waitFor();
  });

  test('without a configured base map, MapLibre is not loaded', async () => {
    const { page } = f;
    await page.goto(`${f.server.url}/map`);
    await page.waitForFunction(() => (window.__verbundMap?.labels.length ?? 0) > 0);
    assert.deepEqual(await page.evaluate(() => fetch('/api/v1/base-map').then((r) => r.json())), { style: null });
    assert.ok(scripts.length > 0);
    assert.deepEqual(
      scripts.filter((s) => /baseMap|maplibre/i.test(s)),
      [],
    );
    assert.equal(await page.evaluate(() => window.__verbundBaseMap === undefined), true);
    assert.equal(await page.locator('.base-map').count(), 0);
    assert.deepEqual(f.errors, []);
  });

  /** A style file given to `serve --map-style`, and the colour its base map shows. */
  const baseMapCases: { name: string; style: () => Promise<{ style: object; colour: string; close?: () => Promise<void>; fetched?: () => number }> }[] = [
    { name: 'a background layer', style: async () => ({ style: { version: 8, name: 'e2e', sources: {}, layers: [{ id: 'land', type: 'background', paint: { 'background-color': '#c8e6ff' } }] }, colour: '#c8e6ff' }) },
    {
      // The operator serves one PMTiles file from a plain web server (another origin): the
      // browser reads it in byte ranges through the pmtiles protocol, no tile server.
      name: 'a raster PMTiles archive on another origin',
      style: async () => {
        const archive = await serveRanges(pmtilesArchive(solidPng(hex('#7fbf5f'))), '/owl.pmtiles');
        const style = { version: 8, name: 'e2e-pmtiles', sources: { owl: { type: 'raster', url: `pmtiles://${archive.url}`, tileSize: 256 } }, layers: [{ id: 'tiles', type: 'raster', source: 'owl' }] };
        return { style, colour: '#7fbf5f', close: archive.close, fetched: () => archive.ranges.length };
      },
    },
  ];
  for (const c of baseMapCases) {
    test(`with a style file (${c.name}), the server serves it and the base map is drawn under the canvas`, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'verbund-style-'));
      const style = join(dir, 'style.json');
      const made = await c.style();
      writeFileSync(style, JSON.stringify(made.style));
      const server = await startServer({ serveArgs: ['--map-style', style] });
      const browser = await launchBrowser(chromiumPath()!);
      try {
        const { page, errors } = await newPage(browser, 'de-DE');
        page.setDefaultTimeout(20_000);
        await signIn(page, server.url, 'anna');
        await page.goto(`${server.url}/map`);
        await page.waitForFunction(() => window.__verbundBaseMap?.loaded === true);
        assert.deepEqual(await page.evaluate(() => fetch('/api/v1/base-map').then((r) => r.json())), { style: '/api/v1/base-map/style.json' });
        await settle(page);
        // MapLibre's canvas shows the style's colour; the map's own canvas is transparent over it.
        // Tiles arrive after the style has loaded: wait until the corner shows them.
        await page.waitForFunction(
          (want) =>
            new Promise<boolean>((resolve) => {
              const src = document.querySelector('.base-map canvas');
              const img = new (globalThis as unknown as { Image: new () => { onload: () => void; src: string; width: number; height: number } }).Image();
              img.onload = () => {
                const k = (globalThis as unknown as { OffscreenCanvas: new (w: number, h: number) => { getContext(k: string): { drawImage(i: unknown, x: number, y: number): void; getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } } } }).OffscreenCanvas;
                const o = new k(img.width, img.height);
                const g = o.getContext('2d');
                g.drawImage(img, 0, 0);
                const d = g.getImageData(2, 2, 1, 1).data;
                resolve(Math.hypot(d[0]! - want[0]!, d[1]! - want[1]!, d[2]! - want[2]!) < 40);
              };
              img.src = src.toDataURL();
            }),
          hex(made.colour),
        );
        if (made.fetched) assert.ok(made.fetched() >= 2, 'the archive was read in byte ranges (header, then the tile)');
        const corner = await pixels(page, 2, 2, 0);
        assert.deepEqual(corner, [[0, 0, 0]], 'the canvas is transparent where nothing is drawn');
        // The base map follows the view: zooming the canvas zooms MapLibre by the same factor.
        const z0 = await page.evaluate(() => window.__verbundBaseMap!.zoom);
        await page.locator('canvas.map').focus();
        await page.keyboard.press('+');
        await settle(page);
        const z1 = await page.evaluate(() => window.__verbundBaseMap!.zoom);
        assert.ok(Math.abs(z1 - z0 - Math.log2(1.25)) < 1e-6, `zoom ${z0} → ${z1}`);
        assert.deepEqual(await axe(page), []);
        assert.deepEqual(errors, []);
      } finally {
        await browser.close();
        await server.stop();
        await made.close?.();
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});
