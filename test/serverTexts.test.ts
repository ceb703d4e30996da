/**
 * The texts the server writes, as codes with parameters: every title template reads its own
 * English text back (and nothing else), every code has a German and an English text in the web
 * UI whose placeholders are the parameters the server sends, and the API answers the code next
 * to titles it wrote (plans, change sets, plan steps, history) and null next to a user's own.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readGraphml } from '../src/interop/readGraphml.js';
import { readSndlib } from '../src/interop/readSndlib.js';
import { snapshotDocument } from '../src/interop/toFileDocument.js';
import { describeBlackout } from '../src/planning/calendar.js';
import { english, serverTextCodes, textOf, type ServerTextCode } from '../src/service/serverTexts.js';
import de from '../web/src/i18n/de.js';
import en from '../web/src/i18n/en.js';
import { apiFixture, type ApiFixture } from './helpers/api.js';
import { dialects } from './helpers/dialects.js';

const json = (body: string): any => JSON.parse(body); // eslint-disable-line @typescript-eslint/no-explicit-any

/** Parameters of each code, as the server fills them. */
const samples: Record<ServerTextCode, Record<string, string | number>> = {
  'plan.move': { from: 'paderborn-dc', to: 'lemgo-dc' },
  'plan.wave': { wave: 2, waves: 3, to: 'lemgo-dc', applications: 'finanzwesen, personal' },
  'plan.joint': { product: 'Infoma newsystem' },
  'plan.jointChange': { product: 'Infoma newsystem', keep: 'finanzwesen', retired: 'finanzwesen-lippe' },
  'netbox.sync': { added: 3, removed: 0, changed: 12 },
  'object.create': { id: 'krz-nordost.abgabenwerk' },
  'object.update': { id: 'lemgo' },
  'object.delete': { id: 'old-router' },
  'estate.initial': {},
  'import.network': { network: 'Abilene', format: 'GraphML', file: 'Abilene.graphml' },
  'estate.snapshot': { at: '2026-12-03 14:05 UTC' },
  'plan.restore': { fail: 'lemgo-dc, duct-lemgo-nord' },
  'restore.incident': { fail: 'lemgo-dc', count: 12 },
  'restore.dependenciesServed': { step: 1, steps: 9, tenants: 2 },
  'restore.dependencies': { step: 1, steps: 9 },
  'restore.stepServed': { step: 2, steps: 9, applications: 'verzeichnisdienst, datenbank-lemgo', tenants: 3 },
  'restore.step': { step: 2, steps: 9, applications: 'verzeichnisdienst' },
  'joint.consolidates': { applications: 'finanzwesen, finanzwesen-lippe', product: 'Infoma newsystem (Kommunal)', keep: 'finanzwesen' },
  'joint.frees': { usages: 17, keep: 'finanzwesen', vcpu: 12, ram: 48.5, storage: 0.25 },
  'joint.freesInstances': { usages: 1, keep: 'loga', vcpu: 4, ram: 16, storage: 1, instances: 'vm-loga-2, krz.vm-3' },
  'joint.freesCheck': { usages: 3, keep: 'loga', vcpu: 0, ram: 0, storage: 0, versions: '2016 vs 2023' },
  'joint.freesInstancesCheck': { usages: 3, keep: 'loga', vcpu: 2, ram: 8, storage: 0.5, instances: 'vm-a', versions: '2016 vs 2023' },
  'joint.blackout': { at: '2027-12-20', application: 'finanzwesen', from: '--12-15', to: '--01-31' },
  'joint.blackoutReason': { at: '2027-12-20', application: 'finanzwesen', from: '2027-12-01', to: '2028-01-10', reason: 'Jahresabschluss' },
  'waves.tightToTarget': { from: 'a', to: 'b', site: 'lemgo-dc' },
  'waves.alreadyScheduled': { applications: 'x, y', count: 2, plan: 'future', changesets: 'w-1, w-2', dates: '2031-02-01, 2031-02-08' },
  'waves.resolved': { count: 2 },
  'waves.lateOverrun': { device: 'new-1', free: 4, dimension: 'vcpu', date: '2028-03-01', end: '2027-12-31', placed: 16, applications: 'x, y' },
};

describe('server texts', () => {
  test('every stored title reads back as its code and parameters', () => {
    for (const code of serverTextCodes) {
      const text = english(code, samples[code]);
      const back = textOf(text);
      if (code.startsWith('waves.') || code.startsWith('joint.blackout')) assert.equal(back, null, `${code} is a warning, never stored`);
      else assert.deepEqual(back, { code, params: samples[code] }, text);
    }
  });

  test('the importers\' titles (raw networks, an export\'s snapshot) read back as their codes', async () => {
    const fixtures = join(import.meta.dirname, 'fixtures');
    const read = (dir: string, file: string) => new Uint8Array(readFileSync(join(fixtures, dir, file)));
    const graphml = readGraphml(read('topologyzoo', 'Abilene.graphml'), 'Abilene.graphml').doc.initial!.title!;
    assert.deepEqual(textOf(graphml), { code: 'import.network', params: { network: 'Abilene', format: 'GraphML', file: 'Abilene.graphml' } }, graphml);
    for (const [file, format] of [['abilene.txt', 'SNDlib native'], ['abilene.xml', 'SNDlib XML']] as const) {
      const title = readSndlib(read('sndlib', file), file).doc.initial!.title!;
      assert.deepEqual(textOf(title), { code: 'import.network', params: { network: 'abilene', format, file } }, title);
    }
    for (const [at, shown] of [['2026-12-03T00:00:00.000Z', '2026-12-03'], ['2026-12-03T14:05:00.000Z', '2026-12-03 14:05 UTC']] as const) {
      const title = (snapshotDocument(at, [], [], []).initial as { title: string }).title;
      assert.deepEqual(textOf(title), { code: 'estate.snapshot', params: { at: shown } }, title);
    }
  });

  test('a title of a user\'s own has no code', () => {
    for (const title of ['Umzug der Finanzsoftware', 'Move', 'Wave 1 of 2 to lemgo-dc', 'Wave one of 2 to x: a', 'update Lemgo', 'update lemgo now', 'Initial estate of Lippe', 'NetBox sync: some added']) assert.equal(textOf(title), null, title);
  });

  test('the web UI has a text for each code in German and English, with the server\'s parameters', () => {
    for (const code of serverTextCodes)
      for (const [lang, dict] of [['de', de], ['en', en]] as const) {
        const text = (dict as Record<string, string>)[`server.${code}`];
        assert.ok(text, `${lang}: server.${code}`);
        for (const [, name] of text.matchAll(/\{(\w+)\}/g)) assert.ok(name! in samples[code], `${lang} server.${code}: {${name}} is no parameter`);
      }
  });
});

describe('server texts in API answers', () => {
  let f: ApiFixture;
  before(async () => {
    f = await apiFixture(dialects[0]!);
  });
  after(() => f?.cleanup());

  test('change sets, plans, plan steps and the history carry the code of titles the server wrote', async () => {
    // A change of one field with no title: the server writes `update lemgo`.
    const patch = await f.call('planner', { method: 'PATCH', url: '/api/v1/objects/lemgo', payload: { fields: { notes: 'server text' }, changeset: { status: 'scheduled', effective: '2031-03-01' } } });
    assert.equal(patch.statusCode, 200, patch.body);
    const list = json((await f.call('viewer', { method: 'GET', url: '/api/v1/changesets?limit=1000' })).body).items as { title: string; text: unknown }[];
    const mine = list.find((c) => c.title === 'update lemgo');
    assert.deepEqual(mine?.text, { code: 'object.update', params: { id: 'lemgo' } });
    assert.ok(list.some((c) => c.text === null), 'the example\'s own titles have none');
    for (const c of list) assert.deepEqual(c.text, textOf(c.title));
    const history = json((await f.call('viewer', { method: 'GET', url: '/api/v1/objects/lemgo/history' })).body);
    assert.ok(history.versions.every((v: { title: string; text: unknown }) => JSON.stringify(v.text) === JSON.stringify(textOf(v.title))));
    // A plan planned by the server: its title and its waves' titles.
    const waves = await f.call('planner', { method: 'POST', url: '/api/v1/plans/waves', payload: { name: 'texts', from: 'paderborn-dc', to: 'lemgo-dc', start: '2018-12-08', solver: 'greedy', maxApps: 3, maxVcpu: 96 } });
    assert.equal(waves.statusCode, 200, waves.body);
    assert.deepEqual(json(waves.body).notices.map((n: { message: string }) => n.message), json(waves.body).warnings);
    const show = json((await f.call('viewer', { method: 'GET', url: '/api/v1/plans/texts' })).body);
    assert.deepEqual(show.plan.text, { code: 'plan.move', params: { from: 'paderborn-dc', to: 'lemgo-dc' } });
    assert.ok(show.steps.length > 0);
    show.steps.forEach((s: { text: { code: string; params: { wave: number; waves: number } } }, i: number) => {
      assert.equal(s.text.code, 'plan.wave');
      assert.deepEqual([s.text.params.wave, s.text.params.waves], [i + 1, show.steps.length]);
    });
    const plans = json((await f.call('viewer', { method: 'GET', url: '/api/v1/plans' })).body).items;
    assert.deepEqual(plans.find((p: { id: string }) => p.id === 'texts').text, show.plan.text);
    // One of its change sets on its own, with its changes (whose ids the server keeps beside the fields).
    const one = await f.call('viewer', { method: 'GET', url: `/api/v1/changesets/${show.steps[0].changeset}` });
    assert.equal(one.statusCode, 200, one.body);
    assert.deepEqual(json(one.body).text, show.steps[0].text);
    assert.ok(json(one.body).changes.every((c: { update?: { id?: string } }) => typeof c.update?.id === 'string'));
  });

  test('a restore plan: its title, its incident and each step carry their codes', async () => {
    const payload = { name: 'restore-texts', fail: ['lemgo-dc'], start: '2031-06-02T08:00:00+02:00', appsPerSlot: 2, solver: 'greedy' };
    const dry = await f.call('viewer', { method: 'POST', url: '/api/v1/plans/restore', payload: { ...payload, dryRun: true } });
    assert.equal(dry.statusCode, 200, dry.body);
    const wanted = { code: 'plan.restore', params: { fail: 'lemgo-dc' } };
    assert.deepEqual([json(dry.body).title, json(dry.body).text], ['Restore after the failure of lemgo-dc', wanted]);
    const r = await f.call('planner', { method: 'POST', url: '/api/v1/plans/restore', payload });
    assert.equal(r.statusCode, 200, r.body);
    const restore = json(r.body) as { steps: { changeset: string; step: number; restored: string[]; served: { tenant: string }[] }[] };
    assert.ok(restore.steps.length > 1);
    const show = json((await f.call('viewer', { method: 'GET', url: '/api/v1/plans/restore-texts' })).body) as { plan: { text: unknown }; steps: { changeset: string; title: string; text: { code: string; params: Record<string, string | number> } }[] };
    assert.deepEqual(show.plan.text, wanted);
    const byId = new Map(show.steps.map((s) => [s.changeset, s]));
    assert.equal(byId.get('restore-texts-incident')?.text.code, 'restore.incident');
    assert.equal(byId.get('restore-texts-incident')?.text.params.fail, 'lemgo-dc');
    for (const s of restore.steps) {
      const { text, title } = byId.get(s.changeset)!;
      const tenants = new Set(s.served.map((x) => x.tenant)).size;
      const code = s.restored.length ? (tenants ? 'restore.stepServed' : 'restore.step') : tenants ? 'restore.dependenciesServed' : 'restore.dependencies';
      assert.deepEqual(text, { code, params: { step: s.step, steps: restore.steps.length, ...(tenants && { tenants }), ...(s.restored.length && { applications: s.restored.join(', ') }) } }, title);
    }
  });

  test('a joint operation: its plan and change set carry their titles\' and notes\' codes, answered and stored; its warnings are notices', async () => {
    type Text = { code: string; params: Record<string, string | number> } | null;
    type Answer = {
      plan: { title: string; text: Text; notes: string; notesText: Text };
      changeset: { id: string; title: string; text: Text; notes: string; notesText: Text };
      candidate: { product: string; keep: string; applications: { id: string }[]; note: string | null; frees: { applications: string[]; instances: string[]; size: { vcpu: number; ram_gb: number; storage_tb: number } } };
      usages: string[];
      warnings: string[];
      notices: { code: string; params: Record<string, string | number>; message: string }[];
      blackouts: { application: string; from: string; to: string; reason: string | null }[];
    };
    // 20 December falls in the finance applications' year-end closing: warnings, as notices too.
    const dry = await f.call('planner', { method: 'POST', url: '/api/v1/joint', payload: { plan: 'joint-texts-dry', product: 'Infoma newsystem', effective: '2027-12-20', dryRun: true } });
    assert.equal(dry.statusCode, 200, dry.body);
    const d = json(dry.body) as Answer;
    assert.ok(d.blackouts.length > 0);
    // The English text as it was written before the codes (the CLI prints it).
    const before = d.blackouts.map((b) => `2027-12-20 falls in a blackout of ${b.application}: ${describeBlackout({ from: b.from, to: b.to, ...(b.reason && { reason: b.reason }) })}`);
    assert.deepEqual(d.warnings, before);
    assert.deepEqual(d.notices.map((n) => n.message), before);
    assert.deepEqual(
      d.notices.map((n) => [n.code, n.params]),
      d.blackouts.map((b) => [b.reason ? 'joint.blackoutReason' : 'joint.blackout', { at: '2027-12-20', application: b.application, from: b.from, to: b.to, ...(b.reason && { reason: b.reason }) }]),
    );

    const w = await f.call('planner', { method: 'POST', url: '/api/v1/joint', payload: { plan: 'joint-texts', product: 'Infoma newsystem', effective: '2028-01-01' } });
    assert.equal(w.statusCode, 201, w.body);
    const r = json(w.body) as Answer;
    const c = r.candidate;
    const fr = c.frees;
    // Unchanged English: the notes as jointOperation wrote them before they had codes.
    const planNotes = `Consolidates ${c.applications.map((a) => a.id).join(', ')} (${c.product}) onto ${c.keep}.`;
    const notes = `${r.usages.length} usages move to ${c.keep}; frees ${fr.size.vcpu} vCPU, ${fr.size.ram_gb} GB RAM, ${fr.size.storage_tb} TB storage${fr.instances.length ? ` and the instances ${fr.instances.join(', ')}` : ''}.${c.note ? ` Check first: ${c.note}.` : ''}`;
    assert.deepEqual([r.plan.notes, r.changeset.notes], [planNotes, notes]);
    assert.deepEqual(r.plan.text, { code: 'plan.joint', params: { product: c.product } });
    assert.deepEqual(r.changeset.text, { code: 'plan.jointChange', params: { product: c.product, keep: c.keep, retired: fr.applications.join(', ') } });
    assert.deepEqual(r.plan.notesText, { code: 'joint.consolidates', params: { applications: c.applications.map((a) => a.id).join(', '), product: c.product, keep: c.keep } });
    const code = fr.instances.length ? (c.note ? 'joint.freesInstancesCheck' : 'joint.freesInstances') : c.note ? 'joint.freesCheck' : 'joint.frees';
    assert.deepEqual(r.changeset.notesText, {
      code,
      params: { usages: r.usages.length, keep: c.keep, vcpu: fr.size.vcpu, ram: fr.size.ram_gb, storage: fr.size.storage_tb, ...(fr.instances.length && { instances: fr.instances.join(', ') }), ...(c.note && { versions: c.note.replace(/^versions differ: /, '') }) },
    });
    // Stored: the plan (list and report) and the change set answer the same codes when read back.
    const plans = json((await f.call('viewer', { method: 'GET', url: '/api/v1/plans' })).body).items as { id: string; notes: string; notesText: Text; text: Text }[];
    const listed = plans.find((p) => p.id === 'joint-texts')!;
    assert.deepEqual([listed.notes, listed.text, listed.notesText], [planNotes, r.plan.text, r.plan.notesText]);
    const show = json((await f.call('viewer', { method: 'GET', url: '/api/v1/plans/joint-texts' })).body);
    assert.deepEqual([show.plan.notes, show.plan.notesText], [planNotes, r.plan.notesText]);
    const got = await f.call('viewer', { method: 'GET', url: `/api/v1/changesets/${r.changeset.id}` });
    assert.equal(got.statusCode, 200, got.body);
    const cs = json(got.body);
    assert.deepEqual([cs.title, cs.text, cs.notes, cs.notesText], [r.changeset.title, r.changeset.text, notes, r.changeset.notesText]);
    // A user's own notes have no code.
    const own = await f.call('planner', { method: 'POST', url: '/api/v1/changesets', payload: { changesets: [{ id: 'own-notes', title: 'Mine', effective: '2031-01-01', status: 'scheduled', notes: 'Consolidates by hand.', changes: [] }] } });
    assert.equal(own.statusCode, 201, own.body);
    assert.equal(json(own.body).changesets[0].notesText, null);
  });
});
