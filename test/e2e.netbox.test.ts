/**
 * The NetBox sync form of the web UI, end to end: the built server, headless Chromium, and a
 * local replay of the recorded NetBox demo as the NetBox it pulls.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { axe, chromiumPath, launchBrowser, newPage, signIn, startServer, type E2eServer } from './helpers/e2e.js';
import { startNetboxReplay, type Replay } from './helpers/netboxReplay.js';

const executable = chromiumPath();
const TOKEN = 'e2e-netbox-token-0123456789';

describe('web UI: NetBox sync', { skip: executable === null && !process.env.CI && 'chromium is not installed', timeout: 120_000 }, () => {
  let server: E2eServer;
  let netbox: Replay;
  let browser: Browser;
  let page: Page;
  let errors: string[];

  before(async () => {
    netbox = await startNetboxReplay({ token: TOKEN, maxPageSize: 500 });
    server = await startServer({ tenants: false, serveArgs: ['--netbox-url', netbox.url] });
    browser = await launchBrowser(executable!);
    ({ page, errors } = await newPage(browser, 'de-DE'));
    page.setDefaultTimeout(20_000);
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
    await netbox?.close();
  });

  test('an admin previews the difference, then pulls it as a change set; the timeline shows it', async () => {
    await signIn(page, server.url, 'admin');
    await page.goto(`${server.url}/timeline`);
    await page.getByRole('heading', { name: 'NetBox-Abgleich' }).waitFor();
    // The NetBox the server was started with (serve --netbox-url) is chosen, not typed.
    assert.equal(await page.getByLabel('NetBox-Adresse').inputValue(), netbox.url);
    await page.getByLabel('API-Token').fill(TOKEN);
    assert.equal(await page.getByLabel('Nur den Unterschied zeigen (nichts schreiben)').isChecked(), true, 'a dry run by default');
    await page.getByRole('button', { name: 'Aus NetBox abrufen' }).click();
    await page.getByRole('status').getByText('Probelauf: nichts geschrieben.').waitFor();
    await page.getByRole('status').getByText(/^NetBox 4\.2\.9: 204 neu, 0 entfernt, 0 geändert$/).waitFor();
    assert.equal(await page.getByLabel('API-Token').inputValue(), '', 'the token is cleared after the pull');
    assert.deepEqual(await axe(page), [], 'timeline with the NetBox form: serious or critical accessibility violations');

    await page.getByLabel('API-Token').fill(TOKEN);
    await page.getByLabel('Nur den Unterschied zeigen (nichts schreiben)').uncheck();
    await page.getByRole('button', { name: 'Aus NetBox abrufen' }).click();
    await page.getByRole('status').getByText(/^Als Änderungssatz netbox-sync-\d{8}t\d{6}z geschrieben\.$/).waitFor();
    await page.getByText(/^264 NetBox-Objekte übersprungen/).waitFor();
    // The timeline reloads and stands at the sync's date, with its change set.
    // The server's title ("NetBox sync: 204 added, …") is shown in German from its code.
    await page.getByRole('region', { name: 'Änderungen an diesem Datum' }).getByText('NetBox-Abgleich: 204 neu, 0 entfernt, 0 geändert').waitFor();

    await page.getByLabel('API-Token').fill(TOKEN);
    await page.getByRole('button', { name: 'Aus NetBox abrufen' }).click();
    await page.getByRole('status').getByText('Seit dem letzten Abgleich hat sich nichts geändert: kein Änderungssatz geschrieben.').waitFor();
    assert.deepEqual(errors, []);
  });
});
