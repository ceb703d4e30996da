/**
 * Safe editing in the web UI, end to end (headless Chromium against the built `verbund serve`):
 * a deep link to an id with a dot; the typed form (German labels, selects, number fields that
 * read `0,98`, reference pickers, lists); a number that does not parse or an emptied field is
 * an error and never a deletion, nor is a date that does not exist; a field is removed only by
 * its Remove button; a 412 shows theirs beside mine and applies mine to the new state; the history names the changed fields, the
 * author and the recording time; API problems are shown in German at their field.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { APIRequestContext, Browser, BrowserContext, Page } from 'playwright-core';
import { axe, E2E_PASSWORD, e2eFixture, e2eSkip, signIn, type E2eServer } from './helpers/e2e.js';

const ID = 'krz.abgabenwerk';

describe('web UI: safe editing', { skip: e2eSkip, timeout: 150_000 }, () => {
  const f = e2eFixture({ before, after });
  let server: E2eServer;
  let browser: Browser;
  let page: Page;
  let errors: string[];
  // A second user (the admin) writing through the API beside the planner's browser.
  let other: BrowserContext;
  let api: APIRequestContext;
  let csrf: string;

  const stored = async () => (await (await api.get(`${server.url}/api/v1/objects/${ID}`)).json()) as Record<string, unknown>;
  const historyLength = async () => ((await (await api.get(`${server.url}/api/v1/objects/${ID}/history`)).json()) as { versions: unknown[] }).versions.length;
  const accessible = async (what: string) => assert.deepEqual(await axe(page), [], `${what}: serious or critical accessibility violations`);
  const edit = async () => {
    await page.getByRole('button', { name: 'Bearbeiten' }).click();
    await page.getByRole('heading', { name: 'Bearbeiten als Änderung' }).waitFor();
  };
  const save = async () => page.getByRole('button', { name: 'Speichern' }).click();
  const saved = async () => page.getByRole('button', { name: 'Bearbeiten' }).waitFor();

  before(async () => {
    ({ server, browser, page, errors } = f);
    other = await browser.newContext();
    api = other.request;
    const session = await api.post(`${server.url}/api/v1/session`, { data: { name: 'admin', password: E2E_PASSWORD } });
    csrf = ((await session.json()) as { csrfToken: string }).csrfToken;
    const created = await api.post(`${server.url}/api/v1/objects`, {
      headers: { 'x-csrf-token': csrf },
      data: { object: { id: ID, kind: 'application', name: 'Abgabenwerk', status: 'legacy', target_availability: 0.995, size: { vcpu: 4, ram_gb: 16 } }, changeset: { effective: '2020-01-01', title: 'Abgabenwerk erfasst' } },
    });
    assert.equal(created.status(), 201, await created.text());
  });
  after(async () => {
    await other?.close();
  });

  test('a deep link to an id with a dot opens its page (the server does not take it for a file)', async () => {
    await signIn(page, server.url, 'anna');
    await page.goto(`${server.url}/objects/${ID}`);
    await page.getByRole('heading', { name: /Abgabenwerk/ }).waitFor();
    // Labels in German, values in the locale: the share as a percentage, the RAM with its unit.
    const fields = page.locator('dl.fields').first();
    await fields.getByText('Verfügbarkeitsziel').waitFor();
    await fields.getByText('99,5 % (0,995)').waitFor();
    await fields.getByText('Arbeitsspeicher: 16 GB').waitFor();
    await fields.getByText('Altbetrieb').waitFor();
  });

  test('a German decimal is saved as that number; the form is typed and labelled in German', async () => {
    await edit();
    // Choices are selects with their German labels, not text boxes of raw values.
    const status = page.locator('select[name=status]');
    assert.equal(await status.locator('option:checked').textContent(), 'Altbetrieb');
    await status.selectOption({ label: 'Migriert' });
    const target = page.getByRole('textbox', { name: 'Verfügbarkeitsziel' });
    assert.equal(await target.inputValue(), '0,995');
    await target.fill('0,98');
    await page.getByText('= 98 %').waitFor();
    await page.getByLabel('Titel').fill('Ziel gesenkt');
    await accessible('edit form');
    await save();
    await saved();
    const o = await stored();
    assert.equal(o.target_availability, 0.98);
    assert.equal(o.status, 'migrated');
    await page.locator('dl.fields').first().getByText('98 % (0,98)').waitFor();
  });

  test('what is not a number, or an emptied field, is an error at the field and nothing is written', async () => {
    const before = await historyLength();
    await edit();
    const target = page.getByRole('textbox', { name: 'Verfügbarkeitsziel' });
    await target.fill('hoch');
    await save();
    await page.locator('.field-error[data-field=target_availability]').getByText(/Keine Zahl/).waitFor();
    assert.equal(await target.getAttribute('aria-invalid'), 'true');
    await target.fill('');
    await page.getByRole('textbox', { name: 'vCPU' }).fill('');
    await save();
    await page.locator('.field-error[data-field=target_availability]').getByText(/Leer/).waitFor();
    await page.locator('.field-error[data-field="size.vcpu"]').getByText(/Leer/).waitFor();
    assert.equal(await historyLength(), before);
    assert.equal((await stored()).target_availability, 0.98);
    await page.getByRole('button', { name: 'Abbrechen' }).click();
  });

  test('the change\'s date is German; a day that does not exist is refused at its field and nothing is written', async () => {
    const before = await historyLength();
    await edit();
    const effective = page.getByRole('textbox', { name: 'Wirksam ab' });
    const today = new Date().toISOString().slice(0, 10);
    assert.equal(await effective.inputValue(), today.split('-').reverse().join('.'));
    await page.getByRole('textbox', { name: 'Verfügbarkeitsziel' }).fill('0,97');
    await effective.fill('31.02.2030');
    await save();
    await page.getByText('Kein Datum: bitte wie 03.12.2026 oder 2026-12-03 eingeben').waitFor();
    assert.equal(await effective.getAttribute('aria-invalid'), 'true');
    assert.equal(await historyLength(), before);
    assert.equal((await stored()).target_availability, 0.98);
    await page.getByRole('button', { name: 'Abbrechen' }).click();
  });

  test('a field is removed only by its Remove button', async () => {
    await edit();
    await page.getByRole('button', { name: 'Verfügbarkeitsziel entfernen' }).click();
    await page.getByText('Wird beim Speichern entfernt.').waitFor();
    assert.ok(await page.getByRole('textbox', { name: 'Verfügbarkeitsziel' }).isDisabled());
    await save();
    await saved();
    assert.equal((await stored()).target_availability, undefined);
    assert.equal(((await stored()).size as Record<string, unknown>).vcpu, 4);
  });

  test('references are picked from suggestions by name; lists take and drop items', async () => {
    await edit();
    const add = page.locator('input[name="instances.add"]');
    // Searched by name: the suggestions come from the server's search, the device's name as label.
    await add.fill('VM-Cluster');
    const listId = await add.getAttribute('list');
    const option = page.locator(`datalist[id="${listId}"] option[value="lem-vmc-a"]`);
    await option.waitFor({ state: 'attached' });
    assert.equal(await option.textContent(), 'VM-Cluster A');
    await add.fill('lem-vmc-a');
    await page.getByRole('button', { name: 'Instanzen: hinzufügen' }).click();
    await page.getByRole('button', { name: 'lem-vmc-a entfernen' }).waitFor();
    await page.getByRole('link', { name: 'VM-Cluster A' }).waitFor();
    await save();
    await saved();
    assert.deepEqual((await stored()).instances, ['lem-vmc-a']);
  });

  test('an API problem is shown in German at its field', async () => {
    await edit();
    await page.getByRole('combobox', { name: 'Betreiber' }).fill('gibt-es-nicht');
    await save();
    await page.locator('.field-error[data-field=operator]').getByText(/gibt-es-nicht/).waitFor();
    await page.getByRole('alert').getByText('Der Bestand wäre danach ungültig.').waitFor();
    await page.getByRole('button', { name: 'Abbrechen' }).click();
  });

  test('a conflict (412) shows theirs beside mine; mine is applied to the new state', async () => {
    await edit();
    await page.getByRole('textbox', { name: 'Produkt' }).fill('Abgabenwerk 7');
    // Meanwhile the admin renames it.
    const current = await api.get(`${server.url}/api/v1/objects/${ID}`);
    const renamed = await api.patch(`${server.url}/api/v1/objects/${ID}`, {
      headers: { 'x-csrf-token': csrf, 'if-match': current.headers().etag! },
      data: { fields: { name: 'Abgabenwerk (Lippe)' }, changeset: { title: 'umbenannt', effective: '2020-06-01' } },
    });
    assert.equal(renamed.status(), 200, await renamed.text());
    await save();
    const table = page.getByRole('table', { name: 'Ihre Änderungen neben dem jetzt gespeicherten Stand' });
    await table.waitFor();
    await table.getByRole('row', { name: /Name Abgabenwerk Abgabenwerk \(Lippe\)/ }).waitFor();
    await table.getByRole('row', { name: /Produkt .*Abgabenwerk 7/ }).waitFor();
    await accessible('conflict');
    await page.getByRole('button', { name: 'Meine Änderungen auf den neuen Stand anwenden' }).click();
    await saved();
    const o = await stored();
    assert.equal(o.name, 'Abgabenwerk (Lippe)');
    assert.equal(o.product, 'Abgabenwerk 7');
  });

  test('the history shows the changed fields, the author and the recording time', async () => {
    await page.reload();
    const history = page.getByRole('table', { name: 'Historie' });
    const row = history.getByRole('row', { name: /Ziel gesenkt/ });
    await row.waitFor();
    await row.getByText(/Verfügbarkeitsziel/).waitFor();
    await row.locator('del').getByText('99,5 % (0,995)').waitFor();
    await row.locator('ins').getByText('98 % (0,98)').waitFor();
    await row.getByText('anna', { exact: true }).waitFor();
    await row.getByText(/^\d\d\.\d\d\.\d{4}, \d\d:\d\d/).waitFor();
    await history.getByRole('row', { name: /umbenannt/ }).getByText('admin', { exact: true }).waitFor();
    await accessible('history');
  });

  test('no console errors', () => {
    assert.deepEqual(errors, []);
  });
});
