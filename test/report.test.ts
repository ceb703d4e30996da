/**
 * The continuity report on the OWL-IT example: German by default and English on request,
 * the same figures as `check`, accepted risks, distances, recovery targets against the
 * worst data-center loss, failover tests due, changes; a tenant's report names nothing of
 * other tenants (CLI and API alike); the HTML passes axe-core; the PDF, read back with
 * pdftotext, carries date, estate version and page number on every page.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { CheckReport } from '../src/service/checkReport.js';
import { apiFixture, type ApiFixture } from './helpers/api.js';
import { cli } from './helpers/cli.js';
import { dialects } from './helpers/dialects.js';
import { axe, chromiumPath, launchBrowser, newPage } from './helpers/e2e.js';
import { owlDatabase } from './helpers/owlDatabase.js';

const tmp = mkdtempSync(join(tmpdir(), 'verbund-report-'));
const AT = '2026-12-01';
/** Tenants of the OWL-IT example other than Lemgo, as ids and as names. */
const others = ['detmold', 'paderborn', 'bad-salzuflen', 'kreis-lippe', 'Detmold', 'Bad Salzuflen', 'Altenbeken'];

describe('verbund report (sqlite)', () => {
  const owl = owlDatabase(dialects[0]!);

  test('German by default: the figures of check, accepted risks, distances, recovery targets, failover tests, changes', async () => {
    const r = await cli('--db', owl.url, 'report', '--at', AT, '--format', 'md', '--since', '2026-01-01');
    assert.equal(r.code, 0, r.stderr);
    const md = r.stdout;
    const check = JSON.parse((await cli('--db', owl.url, 'check', '--at', AT, '--json')).stdout) as CheckReport;
    const s = check.summary;
    assert.match(md, /^# Kontinuitäts- und Resilienzbericht/);
    assert.match(md, /\*\*Stichtag:\*\* 01\.12\.2026/);
    assert.match(md, new RegExp(`Redundant \\(kein Einzelausfall außer einem Rechenzentrum unterbricht sie\\) \\| ${s.redundant} / ${s.services} \\|`));
    assert.match(md, new RegExp(`Georedundant [^|]*\\| ${s.georedundant} / ${s.services} \\|`));
    assert.match(md, new RegExp(`Offene Single Points of Failure \\| ${s.open} \\|`));
    assert.match(md, new RegExp(`Akzeptierte Single Points of Failure \\| ${s.accepted} \\|`));
    // The accepted single data center, with who accepted it and the review date.
    assert.match(md, /\| lemgo-dc \| .* \| Verbandsversammlung OWL-IT \| 27\.06\.2020 \|/);
    assert.match(md, /\| einwohnerwesen \| lemgo-dc \| – \| nur ein Rechenzentrum \|/);
    assert.match(md, /BSI-Schwellen: mindestens 100 km, empfohlen 200 km/);
    // Recovery targets against the loss of the Lemgo data center, restored one application per hour.
    assert.match(md, /Schlimmstes Szenario: Verlust eines Rechenzentrums \(lemgo-dc\)/);
    assert.match(md, /\| Verzeichnisdienst \(verzeichnisdienst\) \| Kritisch \| 24 \| 8 \| 1 \| 100 % \| \d+ \| ja \|/);
    assert.match(md, /\| datenbank-lemgo \| Kritisch \| 21\.09\.2024 \(ft-2024-09-power-a\) \| Teilweise bestanden \| 21\.09\.2025 \| überfällig \|/);
    assert.match(md, /\| e-akte \| Hoch \| 14\.03\.2026 \(ft-2026-03-vmc-a\) \| Bestanden \| 14\.03\.2027 \| aktuell \|/);
    assert.match(md, /## Änderungen seit 01\.01\.2026[\s\S]*cs-2026-03-failover-vmc/);
    assert.match(md, /10\.268 Nutzenden/, 'German number format');
    const en = await cli('--db', owl.url, 'report', '--at', AT, '--format', 'md', '--lang', 'en');
    assert.match(en.stdout, /^# Continuity and resilience report/);
    assert.match(en.stdout, /\| datenbank-lemgo \| Critical \| Sep 21, 2024 \(ft-2024-09-power-a\) \| Partially passed \| Sep 21, 2025 \| overdue \|/);
    assert.doesNotMatch(en.stdout, /Kommune|Stichtag/);
  });

  test('a tenant report holds its own services only', async () => {
    const r = await cli('--db', owl.url, 'report', '--at', AT, '--format', 'md', '--tenant', 'lemgo', '--since', '2020-01-01');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^# Kontinuitäts- und Resilienzbericht für Stadt Lemgo/);
    for (const name of others) assert.ok(!r.stdout.includes(name), `the Lemgo report names ${name}`);
    assert.ok(!r.stdout.includes('ft-20'), 'failover-test ids are the operator\'s');
    assert.ok(!r.stdout.includes('cs-20'), 'change-set ids are the operator\'s');
    assert.match(r.stdout, /\*\*Datenstand:\*\* Stand vom 14\.03\.2026/);
    const check = JSON.parse((await cli('--db', owl.url, 'check', '--at', AT, '--json')).stdout) as CheckReport;
    const mine = check.services.filter((x) => x.tenant === 'lemgo');
    assert.match(r.stdout, new RegExp(`^${mine.length} Dienste`, 'm'));
    const unknown = await cli('--db', owl.url, 'report', '--at', AT, '--format', 'md', '--tenant', 'nowhere');
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /no organization "nowhere"/);
  });

  test('the HTML is accessible and the PDF has date, estate version and page numbers on every page', { skip: chromiumPath() === null && 'no Chromium' }, async () => {
    const html = join(tmp, 'report.html');
    assert.equal((await cli('--db', owl.url, 'report', '--at', AT, '--format', 'html', '-o', html)).code, 0);
    const text = readFileSync(html, 'utf8');
    assert.match(text, /<html lang="de">/);
    assert.equal(text.match(/<h1>/g)?.length, 1);
    assert.equal(text.match(/<table>/g)?.length, text.match(/<caption>/g)?.length);
    const browser = await launchBrowser(chromiumPath()!);
    try {
      const { page } = await newPage(browser);
      await page.setContent(text);
      assert.deepEqual(await axe(page), []);
    } finally {
      await browser.close();
    }
    const pdf = join(tmp, 'report.pdf');
    const r = await cli('--db', owl.url, 'report', '--at', AT, '--format', 'pdf', '-o', pdf);
    assert.equal(r.code, 0, r.stderr);
    const pages = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).split('\f').filter((p) => p.trim());
    assert.ok(pages.length >= 2, `${pages.length} pages`);
    pages.forEach((p, i) => {
      assert.match(p, new RegExp(`Seite ${i + 1} von ${pages.length}`), `page ${i + 1} has no page number`);
      assert.match(p, /Stichtag: 01\.12\.2026/, `page ${i + 1} has no date`);
      assert.match(p, /Datenstand: 15 Änderungssätze/, `page ${i + 1} has no estate version`);
    });
    assert.match(pages[0]!, /Kontinuitäts- und Resilienzbericht/);
    assert.match(pages.join('\n'), /Wiederanlaufziele gegen die Wiederanlaufreihenfolge/);
  });
});

describe('GET /api/v1/report', () => {
  let f: ApiFixture;
  before(async () => {
    f = await apiFixture(dialects[0]!);
  });
  after(async () => f.cleanup());

  test('staff get the whole estate, a tenant its own services, as a download', async () => {
    const staff = await f.call('viewer', { method: 'GET', url: `/api/v1/report?at=${AT}&format=md&lang=en` });
    assert.equal(staff.statusCode, 200, staff.body);
    assert.match(String(staff.headers['content-type']), /text\/markdown/);
    assert.match(String(staff.headers['content-disposition']), /attachment; filename="verbund-report-2026-12-01\.md"/);
    assert.match(staff.body, /Detmold/);
    const lemgo = await f.call('tenant', { method: 'GET', url: `/api/v1/report?at=${AT}&format=html` });
    assert.equal(lemgo.statusCode, 200, lemgo.body);
    assert.match(lemgo.body, /für Stadt Lemgo/);
    for (const name of others) assert.ok(!lemgo.body.includes(name), `the Lemgo report names ${name}`);
    const paderborn = await f.call('tenant2', { method: 'GET', url: `/api/v1/report?at=${AT}&format=md` });
    assert.match(paderborn.body, /für Stadt Paderborn/);
    assert.ok(!paderborn.body.includes('Lemgo (lemgo)') && !paderborn.body.includes('lemgo-rathaus'));
  });
});

