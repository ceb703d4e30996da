/**
 * Input that is never misread (issue 11, part 4): CSV numbers by a declared convention
 * (German Excel exports included), ambiguous cells refused with row and column, a hint for
 * the wrong separator; Latin-1 files named as such with the line.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { readCsvNumber } from '../src/interop/csvNumber.js';
import { cli } from './helpers/cli.js';

const tmp = mkdtempSync(join(tmpdir(), 'verbund-input-'));
let n = 0;
const db = () => join(tmp, `t${n++}.db`);
const orgs = 'organizations:\n  - { id: krz, name: krz, type: provider }\n';

/** A folder with the organization and one CSV file of sites; its path. */
function folder(csv: string | Buffer, name = 'sites.csv'): string {
  const dir = join(tmp, `f${n++}`);
  mkdirSync(dir);
  writeFileSync(join(dir, '0-orgs.yaml'), orgs);
  writeFileSync(join(dir, name), csv);
  return dir;
}

const site = async (file: string, id: string) => JSON.parse((await cli('--db', file, 'show', 'site', id, '--json')).stdout);

describe('CSV numbers by a declared convention', () => {
  test('"1,200" is never silently 1.2: ambiguous without a locale, 1200 in en, 1.2 in de', async () => {
    const dir = folder('id,name,type,organization,capacity.power_kw\ndc,DC,datacenter,krz,"1,200"\n');
    const refused = await cli('--db', db(), 'import', dir);
    assert.equal(refused.code, 2, refused.stderr);
    assert.match(refused.stderr, /sites\.csv: row 2: dc\.capacity\.power_kw: "1,200" is ambiguous: 1200 with a decimal point, 1\.2 with a decimal comma; say which with --csv-locale en or --csv-locale de/);
    const en = db();
    assert.equal((await cli('--db', en, 'import', dir, '--csv-locale', 'en')).code, 0);
    assert.equal((await site(en, 'dc')).capacity.power_kw, 1200);
    const de = db();
    const semicolons = folder('id;name;type;organization;capacity.power_kw\ndc;DC;datacenter;krz;1,200\n');
    assert.equal((await cli('--db', de, 'import', semicolons, '--csv-locale', 'de')).code, 0);
    assert.equal((await site(de, 'dc')).capacity.power_kw, 1.2);
  });

  test('a German Excel export (BOM, CRLF, ";", decimal commas, thousands points) imports correctly', async () => {
    const text = 'id;name;type;organization;location.lat;location.lon;capacity.power_kw;capacity.racks\r\n' + 'lemgo-dc;Rechenzentrum Lemgo;datacenter;krz;52,0277;8,9043;1.250,5;40\r\n' + 'node-a;"Knoten; A";node;;51,9;8,7;;\r\n';
    const dir = folder(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]));
    for (const locale of [[], ['--csv-locale', 'de']]) {
      const file = db();
      const r = await cli('--db', file, 'import', dir, ...locale);
      assert.equal(r.code, 0, r.stderr);
      const dc = await site(file, 'lemgo-dc');
      assert.deepEqual(dc.location, { lat: 52.0277, lon: 8.9043 });
      assert.deepEqual(dc.capacity, { power_kw: 1250.5, racks: 40 });
      assert.equal((await site(file, 'node-a')).name, 'Knoten; A');
    }
  });

  test('a wrong separator gets a hint; a cell that is no number in the declared notation names row and column', async () => {
    const german = folder('id;name;type;organization\ndc;DC;datacenter;krz\n');
    const r = await cli('--db', db(), 'import', german, '--csv-locale', 'en');
    assert.equal(r.code, 2);
    assert.match(r.stderr, /sites\.csv: row 1: the header has ';' — is this a German Excel export\? use --csv-locale de/);
    const dir = folder('id;name;type;organization;capacity.power_kw\ndc;DC;datacenter;krz;1.5\n');
    const strict = await cli('--db', db(), 'import', dir, '--csv-locale', 'de');
    assert.equal(strict.code, 2);
    assert.match(strict.stderr, /sites\.csv: row 2: dc\.capacity\.power_kw: "1\.5" is not a number in the German \(1\.234,5\) notation/);
  });

  test('every reading of a cell, against both conventions', () => {
    const cases: [string, 'de' | 'en' | 'auto', number | 'error'][] = [
      ['12', 'auto', 12],
      ['1,5', 'auto', 1.5],
      ['0.25', 'auto', 0.25],
      ['1.200', 'auto', 'error'],
      ['1,200', 'auto', 'error'],
      ['1.234,5', 'auto', 1234.5],
      ['1,234.5', 'auto', 1234.5],
      ['1.200', 'de', 1200],
      ['1.200', 'en', 1.2],
      ['1,5', 'en', 'error'],
      ['1e3', 'en', 1000],
      ['-3,5', 'de', -3.5],
      ['12.34.5', 'auto', 'error'],
      ['0x10', 'auto', 'error'],
      ['', 'auto', 'error'],
    ];
    for (const [cell, locale, want] of cases) {
      const r = readCsvNumber(cell, locale);
      assert.deepEqual('value' in r ? r.value : 'error', want, `${cell} (${locale})`);
    }
  });
});

describe('file encodings', () => {
  test('a Latin-1 file is named as such, with the line', async () => {
    const yaml = Buffer.from('organizations:\n  - id: kreis\n    name: Kreis Lippe\n    notes: Stra\xdfe\n    type: district\n', 'latin1');
    const dir = join(tmp, 'latin1');
    mkdirSync(dir);
    writeFileSync(join(dir, 'orgs.yaml'), yaml);
    const r = await cli('--db', db(), 'import', dir);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /orgs\.yaml:4: the file is not UTF-8 but looks like Latin-1 \(ISO-8859-1\/Windows-1252\), e\.g\. "notes: Straße"/);
    const csv = folder(Buffer.from('id,name,type,organization\ndc,M\xfcnster,datacenter,krz\n', 'latin1'));
    const c = await cli('--db', db(), 'import', csv);
    assert.equal(c.code, 2);
    assert.match(c.stderr, /sites\.csv:2: the file is not UTF-8 but looks like Latin-1/);
  });
});
