/**
 * The recovery page end to end (docs/continuity.md; headless Chromium against the built
 * `verbund serve` with the OWL-IT example): recovery targets with what check flags, failover
 * tests (current and overdue), the report as a download, the restore order of a chosen
 * disaster with its Gantt chart and the RTO misses and why; a restore plan's Gantt chart on
 * the plans page; a tenant downloads its own report. axe-core stays clean throughout.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { axe, e2eFixture, e2eSkip, newPage, signIn, type E2eServer } from './helpers/e2e.js';

const root = join(import.meta.dirname, '..');

describe('web UI: recovery', { skip: e2eSkip, timeout: 150_000 }, () => {
  const f = e2eFixture({ before, after }, { signInAs: 'anna' });
  let server: E2eServer;
  let page: Page;
  let errors: string[];
  before(() => void ({ server, page, errors } = f));
  /** A table row's cells, ` | `-separated. */
  const cells = async (row: Locator) => (await row.getByRole('cell').allTextContents()).join(' | ');
  const accessible = async (what: string) => assert.deepEqual(await axe(page), [], `${what}: serious or critical accessibility violations`);

  test('targets, failover tests and the report download', async () => {
    await page.goto(`${server.url}/recovery?at=2026-12-01`);
    await page.getByRole('heading', { name: 'Wiederanlauf und Notfallvorsorge am 01.12.2026' }).waitFor();
    const targets = page.getByRole('table', { name: /Fachanwendungen mit Wiederanlaufzielen/ });
    // Names first; the German number format; the worst data-center loss meets every RTO.
    const ewo = targets.getByRole('row', { name: /Einwohnerwesen \(krz\)/ });
    await ewo.waitFor();
    assert.match(await cells(ewo), /Kritisch \| 24 \| 12 \| 1 \| 50\s% \| erreichbar/);
    await page.getByText(/schlimmsten Rechenzentrumsverlusts:\s*Rechenzentrum Lemgo/).waitFor();
    const tests = page.getByRole('table', { name: /Letzter Ausfalltest/ });
    assert.match(await cells(tests.getByRole('row', { name: /Datenbank-Cluster Lemgo/ })), /21\.09\.2024.*Teilweise bestanden \| 21\.09\.2025 \| Überfällig/);
    assert.match(await cells(tests.getByRole('row', { name: /Finanzwesen \(GKD\)/ })), /14\.03\.2026.*Geplanter Test \| Bestanden \| 14\.03\.2027 \| Durchgeführt, aktuell/);
    const pdf = page.getByRole('link', { name: 'PDF herunterladen' });
    assert.equal(await pdf.getAttribute('href'), '/api/v1/report?at=2026-12-01&lang=de&format=pdf');
    const html = await page.request.get(`${server.url}${await page.getByRole('link', { name: 'HTML herunterladen' }).getAttribute('href')}`);
    assert.equal(html.status(), 200);
    assert.match(html.headers()['content-disposition'] ?? '', /attachment; filename="verbund-report-2026-12-01\.html"/);
    assert.match(await html.text(), /Wiederanlaufziele gegen die Wiederanlaufreihenfolge/);
    await accessible('recovery page');
  });

  test('the restore order of the ransomware scenario: the Gantt chart, the steps, the RTO missed and why', async () => {
    await page.getByRole('combobox', { name: 'Szenario' }).selectOption('*');
    await page.getByLabel(/Ausgefallene Elemente/).fill('lem-vmc-a, lem-vmc-b, lem-dbc-a, lem-dbc-b, lem-san-a, lem-san-b');
    // The start in German: day and 24-hour time, as the UI writes them (not the browser's format).
    const start = page.getByRole('group', { name: 'Beginn des Ausfalls' });
    assert.equal(await start.getByLabel('Tag', { exact: true }).inputValue(), '01.12.2026');
    assert.equal(await start.getByLabel('Uhrzeit', { exact: true }).inputValue(), '08:00');
    await start.getByLabel('Tag', { exact: true }).fill('6.11.2026');
    await start.getByLabel('Uhrzeit', { exact: true }).fill('19:30');
    await page.getByLabel(/Länge eines Zeitfensters/).fill('2');
    await page.getByLabel(/Schichten/).fill('06-22');
    await page.getByLabel('Fachanwendungen je Zeitfenster').fill('2');
    await page.getByLabel('vCPU je Zeitfenster').fill('96');
    await page.getByRole('button', { name: 'Reihenfolge berechnen' }).click();
    const result = page.getByRole('region', { name: 'Wiederanlaufreihenfolge' });
    await result.getByRole('img', { name: /Wiederanlauf von 12 Fachanwendungen nach dem Ausfall am .*; 1 verfehlen ihre WAZ\/RTO/ }).waitFor({ timeout: 30_000 });
    // The same miss as `plan restore` and `check --scenario` name (test/continuity.test.ts).
    const misses = result.getByRole('table', { name: 'Verfehlte WAZ/RTO und warum' });
    const miss = misses.getByRole('row', { name: /Datenbank-Cluster GKD/ });
    assert.match((await miss.textContent()) ?? '', /Kapazität: die Zeitfenster vor der Frist/);
    const steps = result.getByRole('table', { name: /Wiederanlaufschritte nach dem Ausfall/ });
    assert.ok((await steps.getByRole('row').count()) > 3);
    await accessible('restore order');
  });

  test('a restore plan shows its restore steps against the RTOs on the plans page', async () => {
    const r = spawnSync(process.execPath, [join(root, 'bin', 'verbund.js'), '--db', server.db, 'plan', 'restore', '--name', 'dc-lemgo', '--fail', 'lemgo-dc', '--start', '2026-11-06T19:30+01:00', '--apps-per-slot', '1', '--solver', 'greedy'], { encoding: 'utf8', cwd: root });
    assert.equal(r.status, 0, r.stderr);
    await page.goto(`${server.url}/plans?show=dc-lemgo`);
    await page.getByRole('img', { name: /Wiederanlauf von 12 Fachanwendungen/ }).waitFor();
    // The titles the server wrote, in German from their codes (src/service/serverTexts.ts).
    await page.getByRole('heading', { name: 'dc-lemgo: Wiederanlauf nach dem Ausfall von lemgo-dc' }).waitFor();
    const titles = async (p: Page, caption: string) => p.getByRole('table', { name: caption }).locator('tbody tr td:nth-child(2)').allTextContents();
    const de = await titles(page, 'Wellen und ihre Bewertung');
    assert.equal(de[0], 'Störfall: lemgo-dc ausgefallen; wiederherzustellende Fachanwendungen: 12');
    const steps = de.length - 1;
    assert.ok(steps > 1, de.join('\n'));
    de.slice(1).forEach((title, i) => assert.match(title, new RegExp(`^Wiederanlauf, Schritt ${i + 1} von ${steps}: (Abhängigkeiten zurück|[a-z][a-z0-9, -]*)(; wieder versorgte Kommunen: \\d+)?$`), title));
    await accessible('restore plan');
    // English: the same codes in English.
    const { page: en, errors: enErrors } = await newPage(f.browser, 'en-US');
    await signIn(en, server.url, 'anna');
    await en.goto(`${server.url}/plans?show=dc-lemgo`);
    await en.getByRole('heading', { name: 'dc-lemgo: Restore after the failure of lemgo-dc' }).waitFor();
    const english = await titles(en, 'Waves and their verdicts');
    assert.equal(english[0], 'Incident: lemgo-dc failed; applications to restore: 12');
    english.slice(1).forEach((title, i) => assert.match(title, new RegExp(`^Restore step ${i + 1} of ${steps}: `), title));
    assert.deepEqual(enErrors, []);
    await en.context().close();
    assert.deepEqual(errors, []);
  });

  test('a tenant downloads its own report; it has no recovery page in its navigation', async () => {
    const { page: tenant, errors: tenantErrors } = await newPage(f.browser, 'de-DE');
    tenant.setDefaultTimeout(10_000);
    await signIn(tenant, server.url, 'kaemmerei-lemgo');
    await tenant.getByRole('heading', { name: 'Ihre Dienste' }).waitFor();
    assert.equal(await tenant.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Wiederanlauf' }).count(), 0);
    const md = await tenant.request.get(`${server.url}${await tenant.getByRole('link', { name: 'Markdown herunterladen' }).getAttribute('href')}`);
    assert.equal(md.status(), 200);
    const text = await md.text();
    assert.match(text, /Alte Hansestadt Lemgo|Lemgo/);
    assert.doesNotMatch(text, /Stadt Paderborn/);
    assert.deepEqual(await axe(tenant), []);
    assert.deepEqual(tenantErrors, []);
    await tenant.context().close();
  });
});
