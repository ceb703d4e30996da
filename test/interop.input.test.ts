/**
 * Input that is never misread (docs/file-format.md, "CSV", "Encodings", "Limits"): CSV numbers by a declared convention
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

describe('input the command line refuses clearly', () => {
  // Nested mappings: a merge patch walks them, one call per level.
  const deep = (n: number) => '{"a":'.repeat(n) + '1' + '}'.repeat(n);

  test('5,000-deep nesting in YAML or JSON is bad input (exit 2), not a stack overflow', async () => {
    const json = join(tmp, 'deep.json');
    const update = (notes: string) => `{"id":"cs-deep","title":"deep","effective":"2030-01-01","status":"scheduled","changes":[{"update":{"id":"x","capacity":${notes}}}]}`;
    writeFileSync(json, `{"sites":[{"id":"x","name":"x","type":"node"}],"changesets":[${update(deep(5000))}]}`);
    const yaml = join(tmp, 'deep.yaml');
    writeFileSync(yaml, `sites:\n  - { id: x, name: x, type: node }\nchangesets:\n  - ${update(deep(5000))}\n`);
    for (const file of [json, yaml]) {
      const r = await cli('--db', db(), 'import', file);
      assert.equal(r.code, 2, r.stderr);
      assert.match(r.stderr, /nested more than 64 levels deep/);
      assert.doesNotMatch(r.stderr, /internal|call stack/i);
    }
  });

  test('a database in a folder that does not exist is bad input (exit 2)', async () => {
    const r = await cli('--db', join(tmp, 'no-such-folder', 'x.db'), 'show', 'site');
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /the folder .*no-such-folder does not exist/);
  });

  test('top-level objects into a non-empty estate: the one real problem, with the hint to use --changeset', async () => {
    const file = db();
    assert.equal((await cli('--db', file, 'import', join(import.meta.dirname, 'fixtures', 'mini.yaml'))).code, 0);
    const more = join(tmp, 'more.yaml');
    writeFileSync(more, 'sites:\n  - { id: new-node, name: New, type: node }\n');
    const r = await cli('--db', file, '--json', 'import', more);
    assert.equal(r.code, 2);
    const details = JSON.parse(r.stdout).error.details;
    assert.equal(details.length, 1, r.stdout);
    assert.equal(details[0].code, 'CONFLICT');
    assert.match(details[0].message, /already exists: the top-level objects .* --changeset ID/);
    assert.equal((await cli('--db', file, 'import', more, '--changeset', 'more-sites', '--effective', '2020-01-01')).code, 0);
    // Re-importing a whole file: only its taken change-set ids, found before any replay.
    const again = await cli('--db', file, '--json', 'import', join(import.meta.dirname, 'fixtures', 'mini.yaml'));
    assert.ok(JSON.parse(again.stdout).error.details.every((p: { code: string }) => p.code === 'CONFLICT'), again.stdout);
  });

  test('notes and other free text have limits', async () => {
    const long = join(tmp, 'long.yaml');
    writeFileSync(long, `organizations:\n  - { id: o, name: O, type: vendor, notes: "${'x'.repeat(10_001)}" }\nchangesets:\n  - { id: cs, title: "${'t'.repeat(201)}", effective: 2030-01-01, status: scheduled, changes: [] }\n`);
    const r = await cli('--db', db(), 'import', long);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /o\.notes: .*10000/);
    assert.match(r.stderr, /change set cs: title: title has 201 characters; at most 200/);
  });
});

describe('YAML read on the fast path', () => {
  test('reads exactly what the position-keeping parser reads: the OWL-IT example and a generated estate', async () => {
    const { readdirSync, readFileSync } = await import('node:fs');
    const { parseDocument } = await import('yaml');
    const { stringify } = await import('yaml');
    const { parseEstateText } = await import('../src/interop/parseEstateText.js');
    const { toEstateDocument } = await import('../src/interop/toEstateDocument.js');
    const { generateEstate } = await import('../src/synthetic/generateEstate.js');
    const examples = join(import.meta.dirname, '..', 'examples', 'owl-it');
    const texts = readdirSync(examples).filter((f) => f.endsWith('.yaml')).map((f) => readFileSync(join(examples, f), 'utf8'));
    texts.push(stringify(generateEstate({ seed: 3, preset: 'small' })));
    // Scalars the two parsers might read differently under YAML 1.2's core schema.
    texts.push('organizations:\n  - { id: o, name: 0o17, type: vendor, ags: 05766044, notes: ~ }\n  - { id: p, name: "yes", type: vendor, tags: [true, 1e3, .inf, -0, 0x1F, null, 2019-01-01, no, 1_000, 0b11, 1_0.5, .NaN, +12, 0o17] }\n');
    for (const text of texts) {
      const slow = toEstateDocument(parseDocument(text, { uniqueKeys: true }).toJS({ maxAliasCount: 1000 }), 'f.yaml');
      const fast = parseEstateText(text, 'f.yaml', 'yaml');
      assert.deepEqual(fast.doc, slow.doc);
      assert.deepEqual(fast.problems, slow.problems);
    }
  });

  test('problems found after the fast path are still located by line and column; anchors take the bounded path', async () => {
    const file = join(tmp, 'bad-fast.yaml');
    writeFileSync(file, 'organizations:\n  - { id: krz, name: krz, type: provider }\nsites:\n  - id: s1\n    name: S1\n    type: moon\n');
    const r = await cli('--db', db(), 'import', file);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /bad-fast\.yaml:6:5: change set initial: s1\.type:/);
    const bomb = join(tmp, 'bomb.yaml');
    const lines = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 12; i++) lines.push(`a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]`);
    writeFileSync(bomb, lines.join('\n') + '\n');
    const b = await cli('--db', db(), 'import', bomb);
    assert.equal(b.code, 2);
    assert.match(b.stderr, /bomb\.yaml/);
  });
});

describe('locating without a second parse', () => {
  test('a section and an item of a block list are where the position-keeping parser puts them', async () => {
    const { readdirSync, readFileSync } = await import('node:fs');
    const { LineCounter, parseDocument, isNode } = await import('yaml');
    const { blockItemPosition } = await import('../src/interop/parseEstateText.js');
    const examples = join(import.meta.dirname, '..', 'examples', 'owl-it');
    let checked = 0;
    for (const f of readdirSync(examples).filter((x) => x.endsWith('.yaml'))) {
      const text = readFileSync(join(examples, f), 'utf8');
      const lineCounter = new LineCounter();
      const doc = parseDocument(text, { lineCounter });
      const lines = text.split('\n');
      for (const key of Object.keys(doc.toJS() as object)) {
        const items = doc.get(key, true);
        const count = Array.isArray((doc.toJS() as Record<string, unknown>)[key]) ? ((doc.toJS() as Record<string, unknown[]>)[key]!).length : 0;
        for (let i = 0; i < count; i++) {
          const node = (items as { items: unknown[] }).items[i];
          assert.ok(isNode(node) && node.range);
          const want = lineCounter.linePos(node.range[0]);
          assert.deepEqual(blockItemPosition(lines, [key, i]), { line: want.line, column: want.col }, `${f} ${key}[${i}]`);
          checked++;
        }
      }
    }
    assert.ok(checked > 100, `${checked} items`);
    assert.equal(blockItemPosition(['changesets: [{id: a}]'], ['changesets', 0]), undefined, 'a flow list is left to the parser');
  });
});
