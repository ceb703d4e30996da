/**
 * Roles that hold (issue 11, part 1): only an operator changes the present or the past;
 * scheduled change sets whose date has passed are shown as overdue; a tenant learns nothing
 * through side channels (object ETags, history versions from before its use began,
 * availability's element counts); sign-in is throttled per (user name, address) with a
 * global ceiling, so nobody can lock out `admin` from elsewhere.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { EstateService } from '../src/service/EstateService.js';
import { apiFixture, PASSWORD, type ApiFixture, type Caller } from './helpers/api.js';
import { dialects } from './helpers/dialects.js';

const json = (body: string): any => JSON.parse(body); // eslint-disable-line @typescript-eslint/no-explicit-any

for (const dialect of dialects) {
  describe(`API authorization (${dialect.name})`, { skip: !(await dialect.available()) && 'no server' }, () => {
    let f: ApiFixture;
    let service: EstateService;
    const post = (as: Caller, url: string, payload: object) => f.call(as, { method: 'POST', url, payload });
    const changeSet = (id: string, effective: string, status: string, extra: object = {}) => ({ id, title: id, effective, status, changes: [{ update: { id: 'lemgo', notes: `by ${id}` } }], ...extra });
    const lemgoNow = async () => (await service.get('lemgo')).notes;

    before(async () => {
      f = await apiFixture(dialect, { loginLimit: 3, loginGlobalLimit: 8 });
      service = new EstateService(f.store, 'test');
    });
    after(() => f?.cleanup());

    test('a planner cannot write a scheduled change set at or before now; an operator can', async () => {
      const notes = await lemgoNow();
      for (const effective of ['2019-01-01', new Date(Date.now() - 1000).toISOString()]) {
        const r = await post('planner', '/api/v1/changesets', { changesets: [changeSet(`cs-past-${effective.length}`, effective, 'scheduled')] });
        assert.equal(r.statusCode, 403, r.body);
        assert.equal(json(r.body).error.code, 'FORBIDDEN');
        assert.equal(json(r.body).error.details[0].changeset, `cs-past-${effective.length}`);
      }
      assert.equal(await lemgoNow(), notes, 'the baseline is unchanged');
      assert.equal((await post('planner', '/api/v1/changesets', { changesets: [changeSet('cs-future', '2031-01-01', 'scheduled')] })).statusCode, 201);
      assert.equal((await post('operator', '/api/v1/changesets', { changesets: [changeSet('cs-op-past', '2019-01-01', 'scheduled')] })).statusCode, 201);
    });

    test('a planner may propose in the past (a plan changes nothing) but not accept it', async () => {
      const r = await post('planner', '/api/v1/changesets', { plans: [{ id: 'past-plan' }], changesets: [changeSet('cs-past-proposed', '2020-06-01', 'proposed', { plan: 'past-plan' })] });
      assert.equal(r.statusCode, 201, r.body);
      const notes = await lemgoNow();
      // Accepting waves of the past is refused for everybody (409, it would rewrite history);
      // recording them as done (`backdate`) is an operator's right only (403 for a planner).
      const accept = await post('planner', '/api/v1/plans/past-plan/accept', {});
      assert.equal(accept.statusCode, 409, accept.body);
      const backdate = await post('planner', '/api/v1/plans/past-plan/accept', { backdate: true });
      assert.equal(backdate.statusCode, 403, backdate.body);
      assert.equal(await lemgoNow(), notes);
      assert.equal((await service.changeSet('cs-past-proposed')).status, 'proposed');
      // Dropping a plan never touches the baseline: a planner may.
      assert.equal((await post('planner', '/api/v1/plans/past-plan/drop', {})).statusCode, 200);
      // An operator records a plan in the past as done.
      await post('planner', '/api/v1/changesets', { plans: [{ id: 'past-plan-2' }], changesets: [changeSet('cs-past-proposed-2', '2020-06-01', 'proposed', { plan: 'past-plan-2' })] });
      assert.equal((await post('operator', '/api/v1/plans/past-plan-2/accept', { backdate: true })).statusCode, 200);
      assert.equal((await service.changeSet('cs-past-proposed-2')).status, 'done');
    });

    test('a planner cannot cancel or accept a change set of the past by PATCH', async () => {
      await post('operator', '/api/v1/changesets', { changesets: [changeSet('cs-old-scheduled', '2020-02-01', 'scheduled')] });
      const patch = (as: Caller, status: string) => f.call(as, { method: 'PATCH', url: '/api/v1/changesets/cs-old-scheduled', payload: { status } });
      const r = await patch('planner', 'cancelled');
      assert.equal(r.statusCode, 403, r.body);
      assert.equal((await service.changeSet('cs-old-scheduled')).status, 'scheduled');
      assert.equal((await patch('operator', 'cancelled')).statusCode, 200);
    });

    test('a planner\'s per-object writes must lie in the future', async () => {
      const notes = await lemgoNow();
      const patch = await f.call('planner', { method: 'PATCH', url: '/api/v1/objects/lemgo', payload: { fields: { notes: 'planner now' }, changeset: { status: 'scheduled', effective: '2020-01-01' } } });
      assert.equal(patch.statusCode, 403, patch.body);
      const create = await post('planner', '/api/v1/objects', { object: { id: 'planner-vendor', kind: 'organization', name: 'V', type: 'vendor' }, changeset: { status: 'scheduled' } });
      assert.equal(create.statusCode, 403, 'effective defaults to now, which is not the future');
      const del = await f.call('planner', { method: 'DELETE', url: '/api/v1/objects/u-lemgo-finanzwesen?status=scheduled&effective=2021-01-01' });
      assert.equal(del.statusCode, 403, del.body);
      assert.equal(await lemgoNow(), notes);
      assert.equal((await service.get('u-lemgo-finanzwesen')).id, 'u-lemgo-finanzwesen');
      const later = await f.call('planner', { method: 'PATCH', url: '/api/v1/objects/lemgo', payload: { fields: { notes: 'planner later' }, changeset: { status: 'scheduled', effective: '2032-01-01' } } });
      assert.equal(later.statusCode, 200, later.body);
    });

    test('scheduled change sets whose date has passed are shown as overdue', async () => {
      const list = json((await f.call('viewer', { method: 'GET', url: '/api/v1/changesets?status=scheduled&limit=1000' })).body).items as { id: string; overdue: boolean }[];
      assert.equal(list.find((c) => c.id === 'cs-op-past')?.overdue, true);
      assert.equal(list.find((c) => c.id === 'cs-future')?.overdue, false);
      assert.equal(json((await f.call('viewer', { method: 'GET', url: '/api/v1/changesets/cs-2017-12-gruendung-owl-it' })).body).overdue, false, 'done is history, not overdue');
    });

    test('a tenant\'s object ETag carries no revision (plan change sets would show in it)', async () => {
      const etag = async (as: Caller) => String((await f.call(as, { method: 'GET', url: '/api/v1/objects/u-lemgo-finanzwesen' })).headers.etag);
      const before = await etag('tenant');
      assert.match(await etag('viewer'), /^"\d+\./);
      assert.doesNotMatch(before, /^"\d+\./);
      await post('planner', '/api/v1/changesets', { plans: [{ id: 'etag-plan' }], changesets: [{ id: 'cs-etag-plan', title: 'x', effective: '2033-01-01', status: 'proposed', plan: 'etag-plan', changes: [{ update: { id: 'u-lemgo-finanzwesen', users: 7 } }] }] });
      assert.equal(await etag('tenant'), before, 'a proposed change set does not change what the tenant sees');
    });

    test('a tenant\'s history starts when its own use made the object visible', async () => {
      const r = await post('operator', '/api/v1/changesets', {
        changesets: [
          { id: 'cs-h1', title: 'h1', effective: '2017-02-01', status: 'done', changes: [{ create: { id: 'hist-app', kind: 'application', name: 'Hist', category: 'Test', instances: ['pbdc-rt-1'] } }] },
          { id: 'cs-h2', title: 'h2', effective: '2017-03-01', status: 'done', changes: [{ update: { id: 'hist-app', instances: ['lem-vmc-a'] } }] },
          { id: 'cs-h3', title: 'h3', effective: '2017-04-01', status: 'done', changes: [{ create: { id: 'u-lemgo-hist', kind: 'usage', tenant: 'lemgo', application: 'hist-app', sites: ['lemgo-rathaus'] } }] },
          { id: 'cs-h4', title: 'h4', effective: '2017-05-01', status: 'done', changes: [{ update: { id: 'hist-app', notes: 'later' } }] },
        ],
      });
      assert.equal(r.statusCode, 201, r.body);
      const history = async (as: Caller | 'tenant2', id: string) => f.call(as, { method: 'GET', url: `/api/v1/objects/${id}/history` });
      assert.deepEqual(json((await history('viewer', 'hist-app')).body).versions.map((v: { changeset: string }) => v.changeset), ['cs-h1', 'cs-h2', 'cs-h4']);
      const mine = json((await history('tenant', 'hist-app')).body);
      assert.deepEqual(mine.versions.map((v: { changeset: string }) => v.changeset), ['cs-h2', 'cs-h4'], 'the version of before its use (on a Paderborn router) is not shown');
      assert.ok(!JSON.stringify(mine).includes('pbdc-rt-1'));
      assert.equal((await history('tenant2', 'hist-app')).statusCode, 404, 'paderborn never used it');
      assert.equal((await history('tenant2', 'pbdc-rt-1')).statusCode, 404);
    });

    test('a tenant\'s availability counts only the elements of its own services', async () => {
      const all = json((await f.call('viewer', { method: 'GET', url: '/api/v1/availability?maxOrder=1' })).body);
      const mine = json((await f.call('tenant', { method: 'GET', url: '/api/v1/availability?maxOrder=1' })).body);
      const total = (s: Record<string, number>) => Object.values(s).reduce((a, b) => a + b, 0);
      const staffForLemgo = json((await f.call('viewer', { method: 'GET', url: '/api/v1/availability?maxOrder=1&tenant=lemgo' })).body);
      assert.equal(total(staffForLemgo.sources), total(all.sources), 'staff see the estate-wide counts');
      assert.ok(total(mine.sources) > 0 && total(mine.sources) < total(all.sources), `${total(mine.sources)} of ${total(all.sources)}`);
      assert.deepEqual(mine.services, staffForLemgo.services);
    });

    test('sign-in is throttled per (user name, address): another address still signs in; a global ceiling holds', async () => {
      const login = (name: string, password: string, remoteAddress: string) => f.app.inject({ method: 'POST', url: '/api/v1/session', payload: { name, password }, remoteAddress });
      for (let i = 0; i < 3; i++) assert.equal((await login('admin', 'wrong password!', '10.0.0.1')).statusCode, 401);
      assert.equal((await login('admin', 'wrong password!', '10.0.0.1')).statusCode, 429, 'this address guessed enough');
      assert.equal((await login('admin', PASSWORD, '10.0.0.1')).statusCode, 429);
      assert.equal((await login('admin', PASSWORD, '10.0.0.2')).statusCode, 200, 'the real admin elsewhere is not locked out');
      // 3 failures so far; 5 more from other addresses reach the ceiling of 8.
      for (let i = 0; i < 5; i++) assert.equal((await login(`guess-${i}`, 'wrong password!', `10.1.0.${i}`)).statusCode, 401);
      const capped = await login('viewer', 'wrong password!', '10.2.0.1');
      assert.equal(capped.statusCode, 429);
      assert.match(json(capped.body).error.message, /on this server/);
    });
  });
}
