// Screenshots of every page of the web UI for docs/screenshots/ (docs/ui.md shows them all, the
// README a few), from a real `verbund serve` on the OWL-IT example in headless Chromium: each
// page at 1440 px (`NAME.png`) and on a 390 px phone (`NAME-390.png`).
// Run: npm run build && node --import tsx scripts/screenshots.ts [de|en] [folder, default docs/screenshots]
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { chromiumPath, launchBrowser, newPage, signIn, startServer } from '../test/helpers/e2e.js';

const lang = process.argv[2] === 'en' ? 'en' : 'de';
const out = process.argv[3] ?? join(import.meta.dirname, '..', 'docs', 'screenshots');
mkdirSync(out, { recursive: true });
const executable = chromiumPath();
if (!executable) throw new Error('chromium is not installed');

/** The two sizes: a desktop and a phone, with the suffix of their files. */
const sizes = [
  { width: 1440, height: 900, suffix: '' },
  { width: 390, height: 844, suffix: '-390' },
] as const;

const server = await startServer();
const browser = await launchBrowser(executable);
const de = lang === 'de';
const locale = de ? 'de-DE' : 'en-US';

/** Waits until the page is quiet and writes it, the whole page, as `NAME.png`. */
const shot = async (page: Page, name: string) => {
  await page.waitForLoadState('networkidle');
  await page.screenshot({ path: join(out, `${name}.png`), fullPage: true });
  console.log(join(out, `${name}.png`));
};

/** Each page: how to get there and make it show something worth seeing; `first` is true at the first size. */
const pages: [string, (page: Page, first: boolean) => Promise<void>][] = [
  ['overview', async (page) => {
    await page.goto(`${server.url}/`);
    await page.locator('main h1').waitFor();
  }],
  ['map', async (page) => {
    await page.goto(`${server.url}/map`);
    await page.getByRole('checkbox', { name: /Hauseinführung Nord/ }).check();
    await page.getByRole('button', { name: de ? '1 Element ausfallen lassen' : 'Fail 1 element' }).click();
    await page.getByRole('table', { name: de ? 'Betroffene Kommunen' : 'Municipalities affected' }).waitFor();
    const paths = page.getByRole('region', { name: de ? 'Unabhängige Wege' : 'Independent paths' });
    await paths.getByRole('combobox', { name: de ? /^Standort/ : /^Site/ }).selectOption('pb-rathaus');
    await paths.getByRole('combobox', { name: de ? /^Fachanwendung/ : /^Application/ }).selectOption('finanzwesen');
    await paths.getByRole('button').click();
    await paths.getByText(de ? /Weg 1: Rathaus Paderborn/ : /Path 1: Rathaus Paderborn/).first().waitFor();
    await page.waitForFunction(() => ((globalThis as { __verbundMap?: { labels: unknown[] } }).__verbundMap?.labels.length ?? 0) > 0);
  }],
  ['timeline', async (page) => {
    await page.goto(`${server.url}/timeline`);
    // The first date at which verdicts change: the interesting one.
    await page.getByRole('slider').focus();
    await page.keyboard.press('Home');
    const verdictTable = page.locator('section[aria-labelledby=h-verdicts] table');
    for (let i = 0; i < 20 && !(await verdictTable.count()); i++) {
      await page.keyboard.press('ArrowRight');
      await page.waitForLoadState('networkidle');
    }
  }],
  ['applications', async (page) => {
    await page.goto(`${server.url}/applications`);
    await page.getByRole('table').first().waitFor();
  }],
  ['plans', async (page, first) => {
    if (!first) {
      // The plan the first size computed (a second solve of the same name would be refused).
      await page.goto(`${server.url}/plans?show=move-2018`);
      await page.getByRole('heading', { name: /^move-2018:/ }).waitFor();
      return;
    }
    await page.goto(`${server.url}/plans`);
    await page.getByRole('textbox', { name: de ? 'Name des Plans' : 'Plan name' }).fill('move-2018');
    await page.getByRole('textbox', { name: de ? 'Frühester Umzugstag' : 'First cut-over day' }).fill('2018-12-08');
    await page.getByRole('combobox', { name: de ? /^Von Standort/ : /^From site/ }).selectOption('paderborn-dc');
    await page.getByRole('combobox', { name: de ? /^Nach Standort/ : /^To site/ }).selectOption('lemgo-dc');
    await page.getByRole('spinbutton', { name: de ? 'Höchstens Anwendungen je Welle' : 'At most applications per wave' }).fill('3');
    await page.getByRole('spinbutton', { name: de ? 'Höchstens vCPU je Welle' : 'At most vCPU per wave' }).fill('96');
    await page.getByRole('button', { name: de ? 'Plan berechnen' : 'Compute plan' }).click();
    await page.getByRole('heading', { name: /^move-2018:/ }).waitFor({ timeout: 60_000 });
  }],
  ['object', async (page) => {
    await page.goto(`${server.url}/objects/finanzwesen`);
    await page.getByRole('heading', { level: 2 }).first().waitFor();
  }],
  ['municipalities', async (page) => {
    await page.goto(`${server.url}/municipalities`);
    await page.getByRole('combobox', { name: de ? /^Organisation/ : /^Organization/ }).selectOption('paderborn');
    await page.getByRole('table').waitFor();
  }],
  ['recovery', async (page) => {
    await page.goto(`${server.url}/recovery?at=2026-12-01`);
    await page.getByRole('table').first().waitFor();
  }],
  ['service', async (page) => {
    await page.goto(`${server.url}/services/lemgo-rathaus/finanzwesen-lippe?at=2017-06-01`);
    await page.getByRole('group', { name: de ? /^Beziehungsbild des Dienstes/ : /^Relation picture/ }).waitFor({ timeout: 60_000 });
  }],
];

try {
  for (const [i, size] of sizes.entries()) {
    const { page } = await newPage(browser, locale);
    await page.setViewportSize({ width: size.width, height: size.height });
    await page.goto(`${server.url}/`);
    await shot(page, `signin${size.suffix}`);
    await signIn(page, server.url, 'anna');
    for (const [name, show] of pages) {
      await show(page, i === 0);
      await shot(page, `${name}${size.suffix}`);
    }
    await page.context().close();

    const tenant = await newPage(browser, locale);
    await tenant.page.setViewportSize({ width: size.width, height: size.height });
    await signIn(tenant.page, server.url, 'kaemmerei-lemgo');
    await tenant.page.getByRole('table').waitFor();
    await shot(tenant.page, `tenant${size.suffix}`);
    await tenant.page.context().close();
  }

  // Page 1 of the continuity report's PDF (docs/continuity.md), as the API serves it.
  const { page } = await newPage(browser, locale);
  await signIn(page, server.url, 'anna');
  const pdf = await page.request.get(`${server.url}/api/v1/report?at=2026-12-01&format=pdf&lang=${lang}`);
  if (!pdf.ok()) throw new Error(`report: ${pdf.status()} ${await pdf.text()}`);
  const pdfFile = join(tmpdir(), `verbund-report-${process.pid}.pdf`);
  writeFileSync(pdfFile, await pdf.body());
  execFileSync('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '1', '-singlefile', pdfFile, join(out, 'report')]);
  console.log(join(out, 'report.png'));
} finally {
  await browser.close();
  await server.stop();
}
