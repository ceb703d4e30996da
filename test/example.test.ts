/**
 * The OWL-IT example: it imports cleanly, its municipalities are the real ones, and export
 * then import gives the same estate at every date of its timeline.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { parse } from 'csv-parse/sync';
import { cli } from './helpers/cli.js';

const tmp = mkdtempSync(join(tmpdir(), 'verbund-example-'));
const example = join(import.meta.dirname, '..', 'examples', 'owl-it');

describe('OWL-IT example', () => {
  const db = join(tmp, 'owl.db');

  test('imports without a problem', async () => {
    const r = await cli('--db', db, 'import', example);
    assert.equal(r.code, 0, r.stderr);
  });

  test('has all 26 municipalities of Lippe and Paderborn with their official keys and names', async () => {
    const register = parse(readFileSync(join(import.meta.dirname, 'fixtures', 'municipalities', 'kreis_lippe_paderborn_gemeinden.csv')), { columns: true, bom: true }) as { ags: string; name: string }[];
    const orgs = JSON.parse((await cli('--db', db, 'show', 'organization', '--at', '2020-01-01', '--json')).stdout) as { type: string; ags?: string; name: string }[];
    const municipalities = orgs.filter((o) => o.type === 'municipality');
    assert.equal(municipalities.length, 26);
    for (const row of register) {
      const m = municipalities.find((o) => o.ags === row.ags);
      assert.ok(m, `AGS ${row.ags} (${row.name}) is missing`);
      // The register writes "Lemgo, Alte Hansestadt"; the example may drop the suffix.
      assert.ok(row.name.startsWith(m.name.replace(/^(Stadt|Gemeinde) /, '')) || m.name.includes(row.name.split(',')[0]!), `${m.name} vs ${row.name}`);
    }
  });

  test('tells the story: applications move from Paderborn to Lemgo between 2018 and 2020', async () => {
    const before = JSON.parse((await cli('--db', db, 'show', 'application', 'finanzwesen', '--at', '2018-06-01', '--json')).stdout);
    const after = JSON.parse((await cli('--db', db, 'show', 'application', 'finanzwesen', '--at', '2021-06-01', '--json')).stdout);
    const devices = JSON.parse((await cli('--db', db, 'show', 'device', '--at', '2021-06-01', '--json')).stdout) as { id: string; site: string }[];
    const siteOf = (id: string) => devices.find((d) => d.id === id)?.site;
    assert.ok(before.instances.every((i: string) => i.startsWith('pbdc')), 'finance ran in Paderborn in 2018');
    assert.ok(after.instances.every((i: string) => siteOf(i) === 'lemgo-dc'), 'finance runs in Lemgo in 2021');
    const history = await cli('--db', db, 'history', 'finanzwesen');
    assert.match(history.stdout, /2019-03-16\s+update/);
    const rgs = JSON.parse((await cli('--db', db, 'show', 'risk-group', '--json')).stdout) as { id: string; type: string }[];
    assert.ok(rgs.some((g) => g.id === 'trench-detmolder-str' && g.type === 'trench'));
    assert.ok(rgs.some((g) => g.type === 'duct'));
  });

  test('records the single data center as an accepted risk, and shows every verdict', async () => {
    const accepted = JSON.parse((await cli('--db', db, 'show', 'risk-acceptance', '--at', '2026-11-27', '--json')).stdout) as { id: string; element: string; review_by: string }[];
    assert.deepEqual(accepted.map((a) => [a.element, a.review_by]), [['lemgo-dc', '2027-06-30']]);
    assert.equal(JSON.parse((await cli('--db', db, 'show', 'risk-acceptance', '--at', '2020-01-01', '--json')).stdout).length, 0, 'accepted when the second data center went');
    const check = JSON.parse((await cli('--db', db, 'check', '--at', '2026-11-27', '--json')).stdout) as {
      services: { redundant: boolean; georedundant: boolean; site: string }[];
      spofs: { element: string; status: string; gap: string }[];
    };
    const verdicts = new Set(check.services.map((s) => `${s.redundant}/${s.georedundant}`));
    assert.deepEqual([...verdicts].sort(), ['false/false', 'true/false'], 'redundant and not; one data center: never georedundant');
    const status = (id: string): string => {
      const spof = check.spofs.find((x) => x.element === id);
      return spof ? `${spof.gap}/${spof.status}` : 'no SPOF';
    };
    assert.equal(status('lemgo-dc'), 'georedundancy/accepted');
    for (const id of ['up-luegde-rathaus-ar-1', 'duct-lemgo-nord', 'power-pb-umspannwerk']) assert.equal(status(id), 'redundancy/open', id);
    assert.ok(check.services.filter((s) => s.site === 'luegde-rathaus').every((s) => !s.redundant), "Lügde's spur");
  });

  test('export then import gives the same estate at every date where it changes', async () => {
    const out = join(tmp, 'owl-export.yaml');
    assert.equal((await cli('--db', db, 'export', '--out', out)).code, 0);
    const copy = join(tmp, 'copy.db');
    const r = await cli('--db', copy, 'import', out);
    assert.equal(r.code, 0, r.stderr);
    const list = JSON.parse((await cli('--db', db, 'changeset', 'list', '--json')).stdout) as { effective: string; plan?: string }[];
    const dates = [...new Set(list.map((c) => c.effective))];
    const plans = [...new Set(list.map((c) => c.plan).filter((p): p is string => !!p))];
    for (const at of ['2016-01-01', ...dates]) {
      for (const plan of [undefined, ...plans]) {
        const args = plan ? ['--plan', plan] : [];
        const estate = async (file: string) => {
          const parts = [];
          for (const kind of ['organization', 'site', 'risk-group', 'device', 'link', 'application', 'usage']) parts.push((await cli('--db', file, 'show', kind, '--at', at, '--json', ...args)).stdout);
          return parts.join('');
        };
        assert.equal(await estate(copy), await estate(db), `estate at ${at}${plan ? ` in plan ${plan}` : ''}`);
      }
    }
  });
});
