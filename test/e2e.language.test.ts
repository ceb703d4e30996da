/**
 * Every word in the user's language and computations that can be stopped, end to end (headless
 * Chromium against the built `verbund serve`): the header's own date field (German and English
 * forms, ISO, arrow keys, a typo marked and not sent); the warnings and wave titles `plan waves`
 * answers as codes, shown in German; a planner refused when accepting waves of the past, the
 * refusal in German; an analysis in progress with its time elapsed, cancelled (the request
 * aborted) and asked again; one municipality's page served without waiting for the whole estate.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page, Request } from 'playwright-core';
import { axe, E2E_PASSWORD, e2eFixture, e2eSkip, newPage, planPaderbornMove, signIn, type E2eServer } from './helpers/e2e.js';

describe('web UI: the language everywhere, progress and cancel', { skip: e2eSkip, timeout: 150_000 }, () => {
  const f = e2eFixture({ before, after }, { signInAs: 'anna' });
  let server: E2eServer;
  let page: Page;
  let errors: string[];
  before(() => void ({ server, page, errors } = f));
  const search = () => new URL(page.url()).searchParams;

  test('the header\'s date field: German form, ISO, arrow keys; a typo is marked and not sent; the English (US) form', async () => {
    const field = page.getByLabel('Stichtag', { exact: true });
    const today = new Date().toISOString().slice(0, 10);
    assert.equal(await field.inputValue(), today.split('-').reverse().join('.'), 'today as 03.12.2026');
    await field.fill('1.2.2019');
    await page.waitForURL(/[?&]at=2019-02-01/);
    await page.getByRole('heading', { name: 'Übersicht zum 01.02.2019' }).waitFor();
    await field.press('Enter');
    assert.equal(await field.inputValue(), '01.02.2019');
    await field.press('ArrowUp');
    await page.waitForURL(/[?&]at=2019-02-02/);
    assert.equal(await field.inputValue(), '02.02.2019');
    await field.press('Shift+ArrowDown');
    await page.waitForURL(/[?&]at=2019-01-26/);
    await field.fill('2019-03-01');
    await page.waitForURL(/[?&]at=2019-03-01/);
    // A day that does not exist is marked at the field; the view stays.
    await field.fill('31.02.2019');
    await field.press('Enter');
    assert.equal(await field.getAttribute('aria-invalid'), 'true');
    await page.getByText('Kein Datum: bitte wie 03.12.2026 oder 2026-12-03 eingeben').waitFor();
    assert.equal(search().get('at'), '2019-03-01');
    await field.press('Escape');
    assert.equal(await field.inputValue(), '01.03.2019');
    assert.deepEqual(await axe(page), []);
    // English: US English, month first (src/model/locales.ts) — shown and read so; ISO too.
    const { page: en, errors: enErrors } = await newPage(f.browser, 'en-GB');
    await signIn(en, server.url, 'anna');
    await en.goto(`${server.url}/?at=2019-03-01`);
    const enField = en.getByLabel('Date', { exact: true });
    assert.equal(await enField.inputValue(), '03/01/2019');
    await en.getByRole('heading', { name: 'Overview on 03/01/2019' }).waitFor();
    await enField.fill('12/24/2019');
    await en.waitForURL(/[?&]at=2019-12-24/);
    await enField.fill('2019-12-23');
    await en.waitForURL(/[?&]at=2019-12-23/);
    await enField.blur();
    assert.equal(await enField.inputValue(), '12/23/2019');
    // Day first is no date in English (there is no 13th month): marked, not read as 13 December.
    await enField.fill('13/12/2019');
    await enField.press('Enter');
    assert.equal(await enField.getAttribute('aria-invalid'), 'true');
    await en.getByText('Not a date: type it as 12/03/2026 or 2026-12-03').waitFor();
    assert.equal(new URL(en.url()).searchParams.get('at'), '2019-12-23');
    assert.deepEqual(enErrors, []);
    await en.context().close();
  });

  test('plan waves: the wave titles and the warnings the server answers as codes are German', async () => {
    // An accepted plan already changes finanzwesen in 2030: planning its move again is warned about.
    const session = await page.request.post(`${server.url}/api/v1/session`, { data: { name: 'anna', password: E2E_PASSWORD } });
    const csrf = ((await session.json()) as { csrfToken: string }).csrfToken;
    const later = await page.request.post(`${server.url}/api/v1/changesets`, {
      headers: { 'x-csrf-token': csrf },
      data: { plans: [{ id: 'spaeter', title: 'Späterer Umbau' }], changesets: [{ id: 'cs-spaeter', title: 'Finanzwesen umbauen', effective: '2030-01-05', status: 'scheduled', plan: 'spaeter', changes: [{ update: { id: 'finanzwesen', notes: 'Umbau 2030' } }] }] },
    });
    assert.equal(later.status(), 201, await later.text());
    await page.goto(`${server.url}/plans`);
    await planPaderbornMove(page, 'e2e-warnung');
    await page.getByRole('heading', { name: /^e2e-warnung: Umzug paderborn-dc → lemgo-dc$/ }).waitFor({ timeout: 30_000 });
    // The form's date field shows the day typed as ISO in German, not in the browser's format.
    assert.equal(await page.getByLabel('Frühester Umzugstag').inputValue(), '08.12.2018');
    const warning = page.locator('li[data-code="waves.alreadyScheduled"]');
    await warning.waitFor();
    assert.equal(await warning.textContent(), 'Schon eingeplant durch den angenommenen Plan spaeter (Änderungssätze cs-spaeter zum 05.01.2030): finanzwesen. Dieser Plan verlegt sie erneut – diese Änderungssätze stornieren oder diesen Plan verwerfen.');
    const steps = page.getByRole('table', { name: 'Wellen und ihre Bewertung' });
    const titles = await steps.locator('tbody tr td:nth-child(2)').allTextContents();
    assert.ok(titles.length >= 2);
    titles.forEach((title, i) => assert.match(title, new RegExp(`^Welle ${i + 1} von ${titles.length} nach lemgo-dc: `)));
    assert.deepEqual(await axe(page), []);
  });

  test('a planner accepting waves of the past: the dialog says so, and the server\'s refusal is German', async () => {
    const { page: planner, errors: plannerErrors } = await newPage(f.browser, 'de-DE');
    await signIn(planner, server.url, 'paula');
    await planner.goto(`${server.url}/plans?show=e2e-warnung`);
    await planner.getByRole('button', { name: 'Plan annehmen (terminieren)' }).click();
    const dialog = planner.getByRole('dialog');
    await dialog.getByText(/Wellen liegen in der Vergangenheit: das Annehmen wird abgelehnt/).waitFor();
    assert.equal(await dialog.getByText('liegt in der Vergangenheit').count() >= 2, true);
    assert.equal(await dialog.getByRole('checkbox').count(), 0, 'a planner cannot record them as done');
    await dialog.getByRole('button', { name: 'Plan annehmen (terminieren)' }).click();
    const refusal = planner.getByRole('alert');
    await refusal.waitFor();
    const text = (await refusal.textContent()) ?? '';
    assert.match(text, /^Dieser Statuswechsel ist nicht erlaubt\./, text);
    // The plan is still proposed.
    const show = (await (await planner.request.get(`${server.url}/api/v1/plans/e2e-warnung`)).json()) as { steps: { status: string }[] };
    assert.ok(show.steps.every((s) => s.status === 'proposed'));
    assert.deepEqual(await axe(planner), []);
    assert.deepEqual(plannerErrors, []);
    await planner.context().close();
  });

  test('an analysis in progress shows its time and can be cancelled (the request aborted), then asked again', async () => {
    const aborted: Request[] = [];
    page.on('requestfailed', (r) => r.url().includes('/api/v1/check?') && aborted.push(r));
    // A slow check (as the state preset's would be): held until the test lets it go.
    let release = () => undefined as void;
    const held = new Promise<void>((r) => (release = r));
    await page.route(/\/api\/v1\/check\?/, async (route) => {
      await held;
      await route.continue().catch(() => undefined);
    });
    await page.goto(`${server.url}/?at=2019-03-01`);
    const progress = page.getByRole('status').filter({ hasText: 'Berechnung läuft (Ausfallsicherheit berechnen)' });
    await progress.waitFor();
    await progress.getByText('2 s').waitFor();
    await page.getByRole('region', { name: 'Ausfallsicherheit' }).getByRole('button', { name: 'Abbrechen' }).click();
    await page.getByRole('button', { name: 'Ausfallsicherheit berechnen' }).waitFor();
    assert.equal(await progress.count(), 0);
    await page.waitForFunction(() => true);
    assert.equal(aborted.length, 1, 'the request was aborted');
    assert.match(aborted[0]!.failure()?.errorText ?? '', /ABORTED/);
    release();
    await page.unroute(/\/api\/v1\/check\?/);
    await page.getByRole('button', { name: 'Ausfallsicherheit berechnen' }).click();
    await page.getByText('Redundante Dienste (nur der Ausfall eines Rechenzentrums trifft sie)').waitFor();
    assert.deepEqual(await axe(page), []);
  });

  test('one municipality\'s page does not wait for the whole estate; its check is its own', async () => {
    const checks: string[] = [];
    page.on('request', (r) => r.url().includes('/api/v1/check?') && checks.push(r.url()));
    // The estate-wide list of usages (every page of it, for the list of organizations) is held
    // until the municipality's page is complete: the page must not wait for it.
    let release = () => undefined as void;
    const held = new Promise<void>((r) => (release = r));
    let answered = 0;
    await page.route(/\/api\/v1\/usages\?/, async (route) => {
      const q = new URL(route.request().url()).searchParams;
      if (!q.has('tenant') && q.get('limit') === '1000') {
        await held;
        answered++;
      }
      await route.continue().catch(() => undefined);
    });
    await page.goto(`${server.url}/municipalities?org=lemgo&at=2019-03-01`);
    await page.getByRole('heading', { name: 'Stadt Lemgo', level: 2 }).waitFor();
    await page.getByRole('table', { name: 'Dienste nach Fachanwendung und Standort' }).getByText('redundant', { exact: false }).first().waitFor();
    assert.equal(answered, 0, 'shown while the estate-wide list is still held');
    release();
    assert.ok(checks.length > 0 && checks.every((u) => new URL(u).searchParams.get('tenant') === 'lemgo'), checks.join('\n'));
    await page.unroute(/\/api\/v1\/usages\?/);
  });

  after(() => assert.deepEqual(errors, []));
});
