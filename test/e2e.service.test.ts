/**
 * The service view end to end (headless Chromium against the built `verbund serve`): an
 * application used at a site drawn as site → links → devices → instances → application →
 * dependencies, every element with its verdict for the service — checked against the API's own
 * check (its breakers and their acceptance) — reachable from the object page and, for a
 * tenant, from its municipality page; the picture whole at 1440 px and within a 390 px phone;
 * axe clean, no console errors.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { axe, e2eFixture, e2eSkip, newPage, signIn, type E2eServer } from './helpers/e2e.js';

type Check = { services: { breakers: { id: string }[] }[]; spofs: { element: string; status: string }[] };
type Paths = { paths: { nodes: string[]; links: string[] }[]; nodeLinkDisjoint?: { paths: { nodes: string[]; links: string[] }[] } };

/** The verdict column of the elements table, by id (the id is in the link's text after the name). */
async function verdicts(page: Page): Promise<Map<string, string>> {
  const table = page.getByRole('table', { name: 'Elemente des Dienstes und ihre Bewertung' });
  await table.waitFor();
  const rows = await table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [tr.querySelector('td .muted')?.textContent ?? tr.querySelector('td a')?.textContent ?? '', tr.lastElementChild?.textContent ?? '']));
  return new Map(rows.map(([id, v]) => [id!.replace(/^ \(|\)$/g, ''), v!.trim()]));
}

describe('web UI: the service view', { skip: e2eSkip, timeout: 120_000 }, () => {
  const f = e2eFixture({ before, after }, { signInAs: 'anna' });
  let server: E2eServer;
  let page: Page;
  let errors: string[];
  before(() => void ({ server, page, errors } = f));

  test('from the object page: the picture and each element with the verdict the check gives it', async () => {
    await page.goto(`${server.url}/objects/finanzwesen-lippe?at=2017-06-01`);
    await page.getByRole('heading', { name: 'Dienste (Beziehungsbild)' }).waitFor();
    await page.getByRole('link', { name: 'Finanzwesen (krz) am Standort Rathaus Lemgo' }).click();
    await page.waitForURL(/\/services\/lemgo-rathaus\/finanzwesen-lippe\?at=2017-06-01/);
    await page.getByRole('heading', { name: 'Dienst: Finanzwesen (krz) am Standort Rathaus Lemgo' }).waitFor();
    const picture = page.getByRole('group', { name: /^Beziehungsbild des Dienstes/ });
    await picture.waitFor();
    const seen = await verdicts(page);
    // The API's answer for the same service: its breakers, accepted or open, and its paths.
    const q = 'at=2017-06-01&application=finanzwesen-lippe&site=lemgo-rathaus';
    const check = (await (await page.request.get(`${server.url}/api/v1/check?${q}&spofLimit=10000&breaksLimit=0`)).json()) as Check;
    const paths = (await (await page.request.get(`${server.url}/api/v1/paths?at=2017-06-01&from=lemgo-rathaus&to=finanzwesen-lippe`)).json()) as Paths;
    const app = (await (await page.request.get(`${server.url}/api/v1/objects/finanzwesen-lippe?at=2017-06-01`)).json()) as { instances: string[]; depends_on: { application: string }[] };
    const status = new Map(check.spofs.map((s) => [s.element, s.status]));
    const breakers = new Set(check.services.flatMap((s) => s.breakers.map((b) => b.id)));
    assert.ok(breakers.size > 0, 'the legacy service of 2017 has single points of failure');
    const drawn = paths.paths.length ? paths.paths : (paths.nodeLinkDisjoint?.paths ?? []);
    const expected = new Set(['lemgo-rathaus', 'finanzwesen-lippe', ...app.instances, ...app.depends_on.map((d) => d.application), ...drawn.flatMap((p) => [...p.nodes, ...p.links])]);
    for (const id of expected) {
      const want = breakers.has(id) ? (status.get(id) === 'accepted' ? 'akzeptiert' : 'SPOF') : 'kein SPOF';
      assert.equal(seen.get(id), want, `${id}: ${want}`);
    }
    // Every breaker of the service is named, on a path or not (risk groups beside the picture).
    for (const id of breakers) assert.ok(seen.has(id), `breaker ${id} listed`);
    // Drawn: every path element is a link of the picture, named first and saying its verdict.
    for (const id of drawn.flatMap((p) => p.links)) {
      const v = seen.get(id)!;
      const link = picture.locator(`a[data-id="${id}"]`);
      assert.equal(await link.count(), 1, `${id} drawn`);
      assert.match((await link.locator('title').textContent()) ?? '', new RegExp(`\\(${id}\\), Verbindung: ${v}$`));
    }
    // The picture marks exactly the drawn elements that break the service.
    const marked = await picture.locator('a[data-verdict="spof"], a[data-verdict="accepted"]').evaluateAll((as) => as.map((a) => a.getAttribute('data-id')));
    assert.deepEqual(new Set(marked), new Set([...expected].filter((id) => breakers.has(id))));
    // Keyboard: the drawn elements are links in the tab order.
    await picture.locator('a').first().focus();
    assert.equal(await picture.locator('a:focus').count(), 1);
    assert.deepEqual(await axe(page), []);
  });

  test('the picture is never cut off: whole at 1440 px, and within a 390 px phone at a readable size', async () => {
    for (const width of [1440, 390]) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto(`${server.url}/services/lemgo-rathaus/finanzwesen-lippe?at=2017-06-01`);
      const picture = page.getByRole('group', { name: /^Beziehungsbild des Dienstes/ });
      await picture.waitFor();
      const m = await page.evaluate(() => {
        type El = { getBoundingClientRect: () => { left: number; right: number; top: number; bottom: number; width: number } };
        const d = (globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number }; querySelector: (s: string) => (El & { scrollWidth: number; clientWidth: number; getAttribute: (a: string) => string | null }) | null; querySelectorAll: (s: string) => ArrayLike<El> } }).document;
        const frame = d.querySelector('.service-picture')!;
        const svg = d.querySelector('.service-picture svg')!;
        const f = frame.getBoundingClientRect();
        // Every box, line and name drawn lies inside the frame.
        const drawn = Array.from(d.querySelectorAll('.service-picture svg :is(rect, polyline, text)')).map((e) => e.getBoundingClientRect());
        const out = drawn.filter((r) => r.left < f.left - 0.5 || r.right > f.right + 0.5 || r.top < f.top - 0.5 || r.bottom > f.bottom + 0.5).length;
        const scale = svg.getBoundingClientRect().width / Number(svg.getAttribute('width'));
        return { page: d.documentElement.scrollWidth, viewport: d.documentElement.clientWidth, frameScroll: frame.scrollWidth, frameWidth: frame.clientWidth, drawn: drawn.length, out, scale, orientation: frame.getAttribute('data-orientation') };
      });
      assert.ok(m.drawn > 30, `${m.drawn} elements drawn`);
      assert.equal(m.out, 0, `at ${width} px: ${m.out} of ${m.drawn} drawn elements outside the frame`);
      assert.ok(m.frameScroll <= m.frameWidth && m.page <= m.viewport, `at ${width} px: the frame ${m.frameScroll}/${m.frameWidth}, the page ${m.page}/${m.viewport}`);
      // Nine ranks from the site to the dependencies' instances do not fit across 1440 px: the picture flows down, at full size.
      assert.equal(m.orientation, 'down');
      assert.ok(m.scale >= 0.95, `at ${width} px drawn at ${m.scale} of its size`);
    }
    await page.setViewportSize({ width: 1400, height: 900 });
  });

  test('a tenant opens its service from its municipality page; English too', async () => {
    const { page: tenant, errors: tenantErrors } = await newPage(f.browser, 'en-GB');
    await signIn(tenant, server.url, 'kaemmerei-lemgo');
    await tenant.getByRole('table', { name: 'Services by application and site' }).waitFor();
    await tenant.getByRole('row').filter({ hasText: 'Ratsinformationssystem' }).getByRole('link', { name: 'Relation picture' }).first().click();
    await tenant.waitForURL(/\/services\/lemgo-rathaus\/ratsinfo/);
    await tenant.getByRole('heading', { name: 'Service: Ratsinformationssystem at Rathaus Lemgo' }).waitFor();
    await tenant.getByRole('table', { name: 'Elements of the service and their verdict' }).waitFor();
    assert.ok((await tenant.getByRole('table', { name: 'Elements of the service and their verdict' }).locator('tbody tr').count()) >= 3);
    assert.deepEqual(await axe(tenant), []);
    assert.deepEqual(tenantErrors, []);
    await tenant.context().close();
  });

  after(() => assert.deepEqual(errors, []));
});
