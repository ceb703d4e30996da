/**
 * The applications page a page at a time (headless Chromium against the built `verbund
 * serve`), on a generated estate of 66 applications (the `small` preset × 3), more than one
 * page of 50: the server's order, pages, search and availability shown as GET /portfolio
 * answers them, the page and the order kept in the URL, the municipalities' choice from GET
 * /tenants; axe clean, no console errors.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { axe, e2eFixture, e2eSkip, type E2eServer } from './helpers/e2e.js';

const dir = mkdtempSync(join(tmpdir(), 'verbund-e2e-portfolio-'));
const estate = join(dir, 'small3.json');

type Portfolio = { items: { id: string; name?: string; availability?: number }[]; total: number; applications: number };

describe('web UI: the applications page, paged by the server', { skip: e2eSkip, timeout: 120_000 }, () => {
  before(() => {
    const r = spawnSync(process.execPath, [join(import.meta.dirname, '..', 'bin', 'verbund.js'), 'generate', '--preset', 'small', '--scale', '3', '-o', estate], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
  });
  const f = e2eFixture({ before, after }, { signInAs: 'anna', server: { estate, tenants: false } });
  after(() => rmSync(dir, { recursive: true, force: true }));
  let server: E2eServer;
  let page: Page;
  let errors: string[];
  before(() => void ({ server, page, errors } = f));

  const api = async (query: string): Promise<Portfolio> => (await (await page.request.get(`${server.url}/api/v1/portfolio?${query}`)).json()) as Portfolio;
  /** The applications' names in the table, once they are those `expected` (the rows change when the server answers). */
  const rowsBecome = async (expected: string[]): Promise<string[]> => {
    let names: string[] = [];
    for (let i = 0; i < 100; i++) {
      names = await page.locator('table').first().locator('tbody tr td:first-child a').allTextContents();
      if (names.join('|') === expected.join('|')) break;
      await page.waitForTimeout(100);
    }
    return names;
  };
  const label = (x: { id: string; name?: string }) => x.name ?? x.id;

  test('50 a page in the server’s order; the next page, the order and the search in the URL; a reload keeps them', async () => {
    await page.goto(`${server.url}/applications`);
    // By name at first, as before the server ordered it.
    const all = await api('sort=name&limit=50');
    assert.ok(all.total > 50, `${all.total} applications: more than one page`);
    await page.getByText(`${all.total} von ${all.applications}`).waitFor();
    await page.getByText(`Seite 1 von ${Math.ceil(all.total / 50)}`).waitFor();
    assert.deepEqual(await rowsBecome(all.items.map(label)), all.items.map(label));
    // Most municipalities first, by the server; then the second page of that order.
    const tenants = page.getByRole('columnheader', { name: /^Kommunen/ });
    await tenants.getByRole('button').click();
    await tenants.getByRole('button').click();
    assert.equal(await tenants.getAttribute('aria-sort'), 'descending');
    await page.waitForURL(/[?&]sort=-tenants/);
    const first = await api('sort=-tenants&limit=50');
    assert.deepEqual(await rowsBecome(first.items.map(label)), first.items.map(label));
    await page.getByRole('button', { name: 'Nächste Seite' }).click();
    await page.waitForURL(/[?&]page=2/);
    const second = await api('sort=-tenants&limit=50&offset=50');
    assert.equal(second.items.length, all.total - 50);
    assert.deepEqual(await rowsBecome(second.items.map(label)), second.items.map(label));
    await page.getByText(`Seite 2 von ${Math.ceil(all.total / 50)}`).waitFor();
    assert.equal(await page.getByRole('button', { name: 'Nächste Seite' }).isDisabled(), true);
    await page.reload();
    assert.deepEqual(await rowsBecome(second.items.map(label)), second.items.map(label));
    assert.deepEqual(await axe(page), [], 'applications, second page');
    // A search starts at the first page again and counts what it finds.
    const needle = first.items[0]!.id.split(/[.-]/)[0]!;
    await page.getByLabel('Suche').fill(needle);
    await page.waitForURL((u) => u.searchParams.get('q') === needle && !u.searchParams.has('page'));
    const found = await api(`sort=-tenants&limit=50&q=${encodeURIComponent(needle)}`);
    assert.ok(found.total > 0 && found.total < all.total, `${found.total} found`);
    await page.getByText(`${found.total} von ${all.applications}`).waitFor();
    assert.deepEqual(await rowsBecome(found.items.map(label)), found.items.map(label));
  });

  test('the availability of a small estate comes at once, and the server orders by it', async () => {
    await page.goto(`${server.url}/applications?sort=availability`);
    const worst = await api('sort=availability&availability=true&limit=50');
    assert.ok(worst.items.some((x) => x.availability !== undefined));
    assert.deepEqual(await rowsBecome(worst.items.map(label)), worst.items.map(label));
    // The worst application's figure, as the locale writes a percentage (spaces aside: ICU versions differ in which).
    const row = page.locator('table').first().locator('tbody tr').first();
    const shown = (await row.locator('td').nth(8).textContent())!;
    const expected = new Intl.NumberFormat('de-DE', { style: 'percent', maximumFractionDigits: 3 }).format(worst.items[0]!.availability!);
    assert.equal(shown.replace(/\s/g, ''), expected.replace(/\s/g, ''));
  });

  test('the municipalities to choose from are the organizations that use applications, by name', async () => {
    await page.goto(`${server.url}/municipalities`);
    const tenants = (await (await page.request.get(`${server.url}/api/v1/tenants`)).json()) as { items: { id: string; name?: string }[] };
    const select = page.getByRole('combobox', { name: /^Organisation/ });
    await select.locator(`option[value="${tenants.items[0]!.id}"]`).waitFor({ state: 'attached' });
    const options = await select.locator('option').evaluateAll((os) => os.map((o) => (o as unknown as { value: string }).value).filter(Boolean));
    assert.deepEqual(options, tenants.items.map((t) => t.id));
    assert.ok(options.length > 1);
  });

  test('no console errors', () => {
    assert.deepEqual(errors, []);
  });
});
