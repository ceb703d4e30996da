import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync, mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { cli } from './helpers/cli.js';

const tmp = mkdtempSync(join(tmpdir(), 'verbund-interop-'));
let n = 0;
const db = () => join(tmp, `t${n++}.db`);
const fixture = (name: string) => join(import.meta.dirname, 'fixtures', name);

async function tableCounts(file: string): Promise<string> {
  const r = await cli('--db', file, 'changeset', 'list', '--json');
  return r.stdout;
}

describe('import errors: every problem located, exit 2, nothing written', () => {
  test('YAML: file, line, column, change set, id and field of every problem', async () => {
    const file = db();
    const r = await cli('--db', file, 'import', fixture('bad.yaml'));
    assert.equal(r.code, 2);
    assert.doesNotMatch(r.stderr, /at .*\.ts:\d+/, 'no stack trace');
    const lines = r.stderr.trim().split('\n').slice(1).map((l) => l.trim());
    assert.ok(lines.length >= 10, r.stderr);
    const has = (re: RegExp) => assert.ok(lines.some((l) => re.test(l)), `${re} in\n${r.stderr}`);
    has(/bad\.yaml:2:43: change set initial: krz\.colour: unknown field "colour"/);
    has(/bad\.yaml:3:7: .*Bad_Id\.id: an id is a slug/);
    has(/bad\.yaml:7:5: .*lemgo-dc\.type: .*expected one of/);
    has(/bad\.yaml:8:17: .*lemgo-dc\.location\.lat: latitude/);
    has(/bad\.yaml:10:25: .*r1\.site: "lemgo-rz" does not exist/);
    has(/bad\.yaml:11:55: .*r2\.availability/);
    has(/bad\.yaml:14:22: .*l2\.b: a link cannot connect r1 to itself/);
    has(/bad\.yaml:18:5: change set cs1: effective: "2019-02-30" is not a real calendar date/);
    has(/bad\.yaml:21:9: change set cs1: nothing: update of "nothing"/);
    has(/bad\.yaml:26:5: change set cs2: plan: unknown plan "nope"/);
    assert.equal(await tableCounts(file), '[]\n');
  });

  test('malformed YAML and JSON say where', async () => {
    const y = join(tmp, 'broken.yaml');
    writeFileSync(y, 'sites:\n  - id: a\n    name: [unclosed\n');
    const ry = await cli('--db', db(), 'import', y);
    assert.equal(ry.code, 2);
    assert.match(ry.stderr, /broken\.yaml:\d+:\d+: malformed YAML/);
    const j = join(tmp, 'broken.json');
    writeFileSync(j, '{\n  "sites": [\n    { "id": "a", }\n  ]\n}\n');
    const rj = await cli('--db', db(), 'import', j);
    assert.equal(rj.code, 2);
    assert.match(rj.stderr, /broken\.json:3:\d+: malformed JSON/);
  });

  test('unknown sections, kinds in the wrong group and bad change shapes are reported', async () => {
    const f = join(tmp, 'shape.yaml');
    writeFileSync(f, 'servers: []\nsites:\n  - { id: s, kind: device, name: x }\nchangesets:\n  - id: c\n    title: t\n    effective: 2020-01-01\n    status: done\n    changes:\n      - rename: { id: s }\n');
    const r = await cli('--db', db(), 'import', f);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /shape\.yaml:1:1: unknown section "servers"/);
    assert.match(r.stderr, /shape\.yaml:3:\d+: .*kind "device" in the sites section/);
    assert.match(r.stderr, /shape\.yaml:10:\d+: .*a change is one of/);
  });

  test('100 MB of binary garbage: a clear error, quickly, nothing written', async () => {
    const f = join(tmp, 'garbage.yaml');
    writeFileSync(f, randomBytes(100 * 1024 * 1024));
    const file = db();
    const started = Date.now();
    const r = await cli('--db', file, 'import', f);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /garbage\.yaml: not a YAML text file \(binary data/);
    assert.ok(Date.now() - started < 20_000);
    assert.equal(await tableCounts(file), '[]\n');
  });

  test('CSV: rows located, numbers and lists converted, references checked', async () => {
    const dir = join(tmp, 'csv');
    mkdirSync(dir);
    writeFileSync(join(dir, '0-orgs.yaml'), 'organizations:\n  - { id: krz, name: krz, type: provider }\n');
    writeFileSync(join(dir, 'sites.csv'), 'id,name,type,organization,location.lat,location.lon\nlemgo-dc,RZ Lemgo,datacenter,krz,52.03,8.90\nnode-a,Knoten A,node,,51.9,8.7\n');
    writeFileSync(join(dir, 'devices.csv'), 'id,name,site,role,capacity.vcpu\nr1,R1,lemgo-dc,router,\nc1,C1,lemgo-dc,cluster,256\n');
    writeFileSync(join(dir, 'links.csv'), 'id,a,b,type,length_km,risk_groups\nl1,r1,node-a,fibre,12.5,\n');
    const file = db();
    const ok = await cli('--db', file, 'import', dir);
    assert.equal(ok.code, 0, ok.stderr);
    const c1 = JSON.parse((await cli('--db', file, 'show', 'device', 'c1', '--json')).stdout);
    assert.deepEqual(c1.capacity, { vcpu: 256 });
    const l1 = JSON.parse((await cli('--db', file, 'show', 'link', 'l1', '--json')).stdout);
    assert.equal(l1.length_km, 12.5);

    const bad = join(tmp, 'csvbad');
    mkdirSync(bad);
    writeFileSync(join(bad, 'devices.csv'), 'id,name,site,role,capacity.vcpu,colour\nr1,R1,nowhere,router,many,red\nr2,R2,nowhere,rooter,1,\n');
    const r = await cli('--db', db(), 'import', bad);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /devices\.csv: row 2: r1\.capacity\.vcpu: "many" is not a number/);
    assert.match(r.stderr, /devices\.csv: row 2: r1\.colour: unknown column "colour"/);
    assert.match(r.stderr, /devices\.csv: row 3: change set initial: r2\.role: /);
  });
});

describe('export and import', () => {
  test('export then import into a fresh database gives the same estate at every date', async () => {
    const a = db();
    assert.equal((await cli('--db', a, 'import', fixture('mini.yaml'))).code, 0);
    for (const format of ['yaml', 'json']) {
      const out = join(tmp, `export.${format}`);
      assert.equal((await cli('--db', a, 'export', '--format', format, '--out', out)).code, 0);
      const b = db();
      const r = await cli('--db', b, 'import', out);
      assert.equal(r.code, 0, r.stderr);
      for (const at of ['2016-01-01', '2017-01-01', '2019-01-01', '2026-12-01', '2027-01-01', '2030-01-01']) {
        for (const plan of [[], ['--plan', 'p1']]) {
          for (const kind of ['application', 'device', 'link', 'risk-group']) {
            const x = await cli('--db', a, 'show', kind, '--at', at, '--json', ...plan);
            const y = await cli('--db', b, 'show', kind, '--at', at, '--json', ...plan);
            assert.equal(y.stdout, x.stdout, `${format} ${kind} at ${at} ${plan.join(' ')}`);
          }
        }
      }
    }
  });

  test('export --at writes the estate at that date and the change sets after it', async () => {
    const a = db();
    await cli('--db', a, 'import', fixture('mini.yaml'));
    const out = join(tmp, 'snapshot.yaml');
    assert.equal((await cli('--db', a, '--at', '2020-01-01', 'export', '--out', out)).code, 0);
    const text = readFileSync(out, 'utf8');
    assert.match(text, /effective: 2020-01-01/);
    assert.doesNotMatch(text, /id: cs1\n/);
    assert.match(text, /id: cs2\n/);
    const b = db();
    assert.equal((await cli('--db', b, 'import', out)).code, 0);
    for (const at of ['2020-01-01', '2027-06-01']) {
      const x = await cli('--db', a, 'show', 'application', '--at', at, '--json');
      const y = await cli('--db', b, 'show', 'application', '--at', at, '--json');
      assert.equal(y.stdout, x.stdout);
    }
  });
});

describe('documentation', () => {
  test('the full example of docs/file-format.md is examples/minimal/estate.yaml and imports cleanly', async () => {
    const docText = readFileSync(join(import.meta.dirname, '..', 'docs', 'file-format.md'), 'utf8');
    const file = join(import.meta.dirname, '..', 'examples', 'minimal', 'estate.yaml');
    assert.ok(docText.includes(readFileSync(file, 'utf8')), 'the doc shows the file as it is');
    const target = db();
    const r = await cli('--db', target, 'import', file);
    assert.equal(r.code, 0, r.stderr);
    const fin = JSON.parse((await cli('--db', target, 'show', 'application', 'finanzwesen', '--at', '2027-06-05T04:00Z', '--plan', 'cluster-b', '--json')).stdout);
    assert.deepEqual(fin.instances, ['dc-cluster-a', 'dc-cluster-b']);
    const south = JSON.parse((await cli('--db', target, 'show', 'link', 'link-south', '--json')).stdout);
    assert.deepEqual(south.risk_groups, ['trench-south']);
  });
});
