/**
 * Joint operation: candidates on the OWL-IT example and on small hand-made estates, the
 * consolidation change set (validated like any change set), and `plan joint` with
 * `--apply` through the CLI on both dialects, its JSON checked against docs/schemas.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { consolidation, jointCandidates, type JointCandidate } from '../src/planning/jointCandidates.js';
import { jointChanges } from '../src/planning/jointChanges.js';
import { applyChangeSet } from '../src/timeline/applyChangeSet.js';
import { Estate, type StoredObject } from '../src/timeline/Estate.js';
import { cli } from './helpers/cli.js';
import { dialects } from './helpers/dialects.js';
import { owlDatabase } from './helpers/owlDatabase.js';
import { owlAt } from './helpers/estates.js';
import { assertSchema as valid } from './helpers/schemas.js';

const root = join(import.meta.dirname, '..');

const byProduct = (list: readonly JointCandidate[], product: string): JointCandidate | undefined => list.find((c) => c.product === product);
const lippe = ['augustdorf', 'bad-salzuflen', 'barntrup', 'blomberg', 'detmold', 'doerentrup', 'extertal', 'horn-bad-meinberg', 'kalletal', 'kreis-lippe', 'lage', 'lemgo', 'leopoldshoehe', 'luegde', 'oerlinghausen', 'schieder-schwalenberg', 'schlangen'];
const paderborn = ['altenbeken', 'bad-lippspringe', 'bad-wuennenberg', 'borchen', 'bueren', 'delbrueck', 'hoevelhof', 'kreis-paderborn', 'lichtenau', 'paderborn', 'salzkotten'];

describe('joint-operation candidates on the OWL-IT example', () => {
  const estate = owlAt('2026-11-27');
  const candidates = jointCandidates(estate);

  test('the finance pair (Infoma newsystem, krz and GKD) is a candidate with both districts as tenants', () => {
    const c = byProduct(candidates, 'Infoma newsystem');
    assert.ok(c, `candidates: ${candidates.map((x) => x.product).join(', ')}`);
    assert.deepEqual(c.applications.map((a) => a.id), ['finanzwesen', 'finanzwesen-lippe']);
    assert.deepEqual(c.operators, ['gkd-paderborn', 'krz']);
    assert.deepEqual(c.tenants, [...lippe, ...paderborn].sort());
    assert.deepEqual(c.applications.find((a) => a.id === 'finanzwesen')!.tenants, paderborn);
    assert.deepEqual(c.versions, ['2023']);
    assert.equal(c.compatible, true);
    assert.equal(c.operator, 'owl-it', 'both providers are members of the association');
    assert.equal(c.users, c.applications.reduce((n, a) => n + a.users, 0));
    // Lippe's application serves more users, so it is the suggested keeper.
    assert.equal(c.keep, 'finanzwesen-lippe');
    assert.deepEqual(c.frees, { applications: ['finanzwesen'], size: { vcpu: 32, ram_gb: 256, storage_tb: 4 }, instances: [] });
  });

  test('keeping the GKD application instead frees what the example plan says (48 vCPU, 384 GB RAM)', () => {
    const c = consolidation(estate, byProduct(candidates, 'Infoma newsystem')!.applications, 'finanzwesen');
    assert.deepEqual(c.frees.size, { vcpu: 48, ram_gb: 384, storage_tb: 6 });
    assert.deepEqual(c.keeperSize, { vcpu: 80, ram_gb: 640, storage_tb: 10 });
    // Both run on the shared VM clusters, which stay in use: no instance is freed.
    assert.deepEqual(c.frees.instances, []);
  });

  test('LOGA is a candidate flagged for differing versions; it is gone once the 2027 consolidation is done', () => {
    const c = byProduct(candidates, 'LOGA');
    assert.ok(c);
    assert.equal(c.compatible, false);
    assert.equal(c.note, 'versions differ: 2016 vs 2017');
    const later = jointCandidates(owlAt('2028-01-01'));
    assert.equal(byProduct(later, 'LOGA'), undefined);
    assert.ok(byProduct(later, 'Infoma newsystem'));
    assert.deepEqual(jointCandidates(owlAt('2028-01-01', 'joint-finance')), [], 'the example plan consolidates the last pair');
  });

  test('the consolidation change set is valid and leaves no usage or dependency on the retired application', () => {
    const c = consolidation(estate, byProduct(candidates, 'Infoma newsystem')!.applications, 'finanzwesen');
    const { changes, usages, dependents } = jointChanges(estate, c);
    assert.equal(usages.length, 17);
    assert.deepEqual(dependents, ['personal']);
    const after = estate.clone();
    const r = applyChangeSet(after, { id: 'cs-joint', title: 'joint', effective: '2027-05-08', status: 'proposed', plan: 'p', changes });
    assert.deepEqual(r.problems, []);
    assert.deepEqual(after.referrersOf('finanzwesen-lippe'), []);
    const keeper = after.get('finanzwesen') as Extract<StoredObject, { kind: 'application' }>;
    assert.equal(keeper.status, 'joint');
    assert.equal(keeper.operator, 'owl-it');
    assert.deepEqual(keeper.size, { vcpu: 80, ram_gb: 640, storage_tb: 10 });
    const old = after.get('finanzwesen-lippe') as Extract<StoredObject, { kind: 'application' }>;
    assert.equal(old.status, 'retired');
    assert.equal(old.instances, undefined);
    assert.deepEqual(jointCandidates(after).map((x) => x.product), ['LOGA']);
  });
});

describe('joint-operation candidates on small estates', () => {
  const org = (id: string, member_of?: string[]): StoredObject => ({ kind: 'organization', id, name: id, type: 'provider', ...(member_of && { member_of }) }) as StoredObject;
  const app = (id: string, fields: Record<string, unknown>): StoredObject => ({ kind: 'application', id, name: id, ...fields }) as StoredObject;
  const usage = (id: string, application: string, tenant: string, users: number): StoredObject => ({ kind: 'usage', id, application, tenant, sites: ['s'], users }) as StoredObject;
  const base = [org('a'), org('b'), org('t1'), org('t2'), org('t3')];

  test('same product means trimmed and case-insensitive; retired and product-less applications never count', () => {
    const estate = new Estate([
      ...base,
      app('x1', { product: ' Infoma  newsystem', operator: 'a' }),
      app('x2', { product: 'infoma newsystem ', operator: 'b' }),
      app('x3', { product: 'Infoma newsystem', operator: 'b', status: 'retired' }),
      app('y1', { operator: 'a' }),
      app('y2', { operator: 'b' }),
    ]);
    const c = jointCandidates(estate);
    assert.equal(c.length, 1);
    assert.deepEqual(c[0]!.applications.map((a) => a.id), ['x1', 'x2']);
  });

  test('one operator, shared tenants: one installation split in two, no candidate; disjoint tenants: a candidate', () => {
    const shared = new Estate([...base, app('x1', { product: 'P', operator: 'a' }), app('x2', { product: 'P', operator: 'a' }), usage('u1', 'x1', 't1', 5), usage('u2', 'x2', 't1', 5)]);
    assert.deepEqual(jointCandidates(shared), []);
    const disjoint = new Estate([...base, app('x1', { product: 'P', operator: 'a' }), app('x2', { product: 'P', operator: 'a' }), usage('u1', 'x1', 't1', 5), usage('u2', 'x2', 't2', 5)]);
    assert.equal(jointCandidates(disjoint).length, 1);
    assert.equal(jointCandidates(disjoint)[0]!.operator, 'a', 'one operator: it stays');
  });

  test('the keeper: most users, then the larger size, then the id; instances only the retired ones used are freed', () => {
    const estate = new Estate([
      ...base,
      app('x1', { product: 'P', operator: 'a', instances: ['d1', 'shared'], size: { vcpu: 8 } }),
      app('x2', { product: 'P', operator: 'b', instances: ['d2', 'shared'], size: { vcpu: 16, ram_gb: 32 } }),
      app('z', { product: 'Q', instances: ['d2'] }),
      usage('u1', 'x1', 't1', 10),
      usage('u2', 'x2', 't2', 10),
    ]);
    const [c] = jointCandidates(estate);
    assert.equal(c!.keep, 'x2', 'equal users: the larger one stays');
    assert.deepEqual(c!.frees.instances, ['d1']);
    assert.deepEqual(consolidation(estate, c!.applications, 'x1').frees.instances, [], 'd2 still carries z');
    assert.equal(c!.operator, 'b', 'no common association: the keeper\'s operator');
    const tie = new Estate([...base, app('x2', { product: 'P', operator: 'a' }), app('x1', { product: 'P', operator: 'b' })]);
    assert.equal(jointCandidates(tie)[0]!.keep, 'x1');
  });

  test('dependencies on a retired application move to the keeper, keeping the tighter coupling; no self-dependency', () => {
    const estate = new Estate([
      ...base,
      app('x1', { product: 'P', operator: 'a', depends_on: [{ application: 'x2', coupling: 'tight' }, 'db'] }),
      app('x2', { product: 'P', operator: 'b' }),
      app('db', {}),
      app('m', { depends_on: ['x1', { application: 'x2', coupling: 'tight' }, 'db'] }),
      app('old', { status: 'retired', depends_on: ['x2'] }),
      usage('u1', 'x1', 't1', 10),
    ]);
    const c = consolidation(estate, jointCandidates(estate)[0]!.applications, 'x1');
    const { changes, dependents } = jointChanges(estate, c);
    assert.deepEqual(dependents, ['m'], 'a retired application keeps its history');
    assert.deepEqual(changes.find((x) => x.id === 'm')!.fields, { depends_on: [{ application: 'x1', coupling: 'tight' }, 'db'] });
    assert.deepEqual(changes.find((x) => x.id === 'x1')!.fields.depends_on, ['db']);
    assert.equal(changes.find((x) => x.id === 'x1')!.fields.size, undefined, 'no member gives a size: none is invented');
  });
});

for (const dialect of dialects) {
  describe(`plan joint (${dialect.name})`, { skip: !(await dialect.available()) && 'no server' }, () => {
    const owl = owlDatabase(dialect);
    const json = async (...args: string[]): Promise<{ code: number; body: any }> => {
      const r = await cli('--db', owl.url, ...args, '--json');
      assert.ok(r.stdout.length > 0, r.stderr);
      return { code: r.code, body: JSON.parse(r.stdout) };
    };

    test('lists the candidates as a table and as JSON of the documented shape', async () => {
      const t = await cli('--db', owl.url, 'plan', 'joint', '--at', '2026-11-27');
      assert.equal(t.code, 0, t.stderr);
      assert.match(t.stdout, /Infoma newsystem\s+finanzwesen, finanzwesen-lippe\s+gkd-paderborn, krz\s+28\s/);
      assert.match(t.stdout, /LOGA: versions differ: 2016 vs 2017/);
      const { code, body } = await json('plan', 'joint', '--at', '2026-11-27');
      assert.equal(code, 0);
      valid('plan-joint', body);
      assert.deepEqual(body.candidates.map((c: JointCandidate) => c.product), ['Infoma newsystem', 'LOGA']);
    });

    test('bad input gets a clear error and writes nothing', async () => {
      const before = (await json('changeset', 'list')).body.length;
      const cases: [string[], string, RegExp][] = [
        [['--product', 'SAP'], 'NOT_FOUND', /no joint-operation candidate for product "SAP" at 2027-05-08; candidates: "Infoma newsystem", "LOGA"/],
        [['--product', 'LOGA', '--keep', 'finanzwesen'], 'INVALID_INPUT', /"finanzwesen" is not an application of the LOGA candidate; its applications are personal, personal-gkd/],
        [[], 'USAGE', /choose the candidate to consolidate with a product/],
      ];
      for (const [args, code, message] of cases) {
        const r = await cli('--db', owl.url, 'plan', 'joint', '--apply', 'new-plan', '--effective', '2027-05-08', ...args, '--json');
        assert.equal(r.code, 2, r.stderr);
        assert.equal(JSON.parse(r.stdout).error.code, code);
        assert.match(r.stderr, message);
      }
      const taken = await cli('--db', owl.url, 'plan', 'joint', '--apply', 'joint-finance', '--product', 'Infoma newsystem', '--effective', '2027-05-08');
      assert.equal(taken.code, 2);
      assert.match(taken.stderr, /plan "joint-finance" already exists/);
      assert.equal((await json('changeset', 'list')).body.length, before);
      const plans = await cli('--db', owl.url, 'progress', '--plan', 'new-plan');
      assert.match(plans.stderr, /no plan "new-plan"/);
    });

    test('--dry-run names what would be written and warns when the date falls in a blackout; a written candidate shows its plan', async () => {
      // 20 December: year-end closing of both finance applications (15 Dec – 31 Jan every year).
      const dry = await json('plan', 'joint', '--apply', 'jf-dry', '--product', 'Infoma newsystem', '--effective', '2027-12-20', '--dry-run');
      assert.equal(dry.code, 0);
      valid('plan-joint-apply', dry.body);
      assert.equal(dry.body.written, false);
      assert.equal(dry.body.changeset.id, 'cs-2027-12-20-jf-dry');
      assert.ok(dry.body.warnings.some((w: string) => /^2027-12-20 falls in a blackout of finanzwesen: --12-15 … --01-31 every year/.test(w)), dry.body.warnings.join('\n'));
      assert.match((await cli('--db', owl.url, 'progress', '--plan', 'jf-dry')).stderr, /no plan "jf-dry"/, 'nothing written');
      const calm = await json('plan', 'joint', '--apply', 'jf-calm', '--product', 'Infoma newsystem', '--effective', '2027-05-08', '--dry-run');
      assert.deepEqual(calm.body.warnings, []);
      // The example's own plan joint-finance consolidates finance already; the listing says so.
      const listed = await json('plan', 'joint', '--at', '2027-05-08', '--product', 'Infoma newsystem');
      valid('plan-joint', listed.body);
      assert.ok(listed.body.candidates[0].plans.includes('joint-finance'), JSON.stringify(listed.body.candidates[0].plans));
    });

    test('--apply writes a proposed plan that re-points every usage; the timeline check verifies it', async () => {
      const r = await json('plan', 'joint', '--apply', 'jf', '--product', 'infoma newsystem', '--keep', 'finanzwesen', '--effective', '2027-05-08');
      assert.equal(r.code, 0);
      valid('plan-joint-apply', r.body);
      assert.equal(r.body.changeset.id, 'cs-2027-05-08-jf');
      assert.equal(r.body.usages.length, 17);
      const text = await cli('--db', owl.url, 'plan', 'joint', '--apply', 'jf-text', '--product', 'Infoma newsystem', '--effective', '2027-05-08');
      assert.match(text.stdout, /next:\n  verbund timeline check --plan jf-text\n  verbund plan accept jf-text/);

      const sets = (await json('changeset', 'list')).body.filter((c: { plan?: string }) => c.plan === 'jf');
      assert.deepEqual(sets.map((c: { id: string; status: string }) => [c.id, c.status]), [['cs-2027-05-08-jf', 'proposed']]);
      const usages = (await json('show', 'usage', '--at', '2027-06-01', '--plan', 'jf')).body as { tenant: string; application: string }[];
      assert.deepEqual(usages.filter((u) => u.application === 'finanzwesen-lippe'), []);
      assert.deepEqual(usages.filter((u) => u.application === 'finanzwesen').map((u) => u.tenant).sort(), [...lippe, ...paderborn].sort());
      const baseline = (await json('show', 'usage', '--at', '2027-06-01')).body as { application: string }[];
      assert.equal(baseline.filter((u) => u.application === 'finanzwesen-lippe').length, 17, 'the baseline is untouched');

      const check = await json('timeline', 'check', '--plan', 'jf');
      valid('timeline-check', check.body);
      assert.deepEqual(check.body.problems, []);
      const step = check.body.steps.find((s: { at: string }) => s.at.startsWith('2027-05-08'));
      assert.deepEqual(step.changesets.map((c: { id: string; status: string }) => [c.id, c.status]), [['cs-2027-05-08-jf', 'proposed']]);
      assert.equal(step.lost.length, 0, 'consolidating onto the same clusters loses no redundancy');
    });
  });
}
