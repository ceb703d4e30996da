/**
 * The planning routes the UI's Plans and Applications pages use (src/api/routes/plans.ts),
 * through the API on the OWL-IT example: plan the 2018/19 move in waves, show it, accept it;
 * joint-operation candidates and writing one as a plan; progress; the errors a form shows.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { apiFixture, type ApiFixture } from './helpers/api.js';
import { dialects } from './helpers/dialects.js';

const sqlite = dialects.find((d) => d.name === 'sqlite')!;

describe('planning routes', () => {
  let f: ApiFixture;
  before(async () => {
    f = await apiFixture(sqlite);
  });
  after(() => f?.cleanup());

  const json = async (as: 'planner' | 'viewer' | 'operator', method: 'GET' | 'POST', url: string, payload?: object) => {
    const r = await f.call(as, { method, url, ...(payload && { payload }) });
    return { status: r.statusCode, body: JSON.parse(r.body) };
  };

  test('plan waves writes a proposed plan that plan show describes wave by wave, and accept schedules it', async () => {
    const w = await json('planner', 'POST', '/api/v1/plans/waves', { name: 'move-2018', from: 'paderborn-dc', to: 'lemgo-dc', start: '2018-12-08', days: 'sat', maxApps: 3, maxVcpu: 96 });
    assert.equal(w.status, 200, JSON.stringify(w.body));
    assert.equal(w.body.written, true);
    assert.deepEqual(w.body.waves.map((x: { date: string }) => x.date), ['2019-01-26', '2019-02-02']);
    assert.ok((await json('viewer', 'GET', '/api/v1/plans')).body.items.some((p: { id: string }) => p.id === 'move-2018'));
    const show = await json('viewer', 'GET', '/api/v1/plans/move-2018');
    assert.equal(show.status, 200);
    assert.deepEqual(show.body.steps.map((s: { status: string }) => s.status), ['proposed', 'proposed']);
    assert.ok(show.body.steps.every((s: { verdict: unknown }) => s.verdict !== null));
    // Its waves lie in the past: accepting is refused, backdating needs an operator, who records them as done.
    const refused = await json('planner', 'POST', '/api/v1/plans/move-2018/accept');
    assert.equal(refused.status, 409);
    assert.deepEqual(refused.body.error.details.map((d: { changeset: string; field: string }) => `${d.changeset}.${d.field}`), ['move-2018-wave-1.effective', 'move-2018-wave-2.effective']);
    const notOperator = await json('planner', 'POST', '/api/v1/plans/move-2018/accept', { backdate: true });
    assert.equal(notOperator.status, 403);
    const accepted = await json('operator', 'POST', '/api/v1/plans/move-2018/accept', { backdate: true });
    assert.equal(accepted.status, 200, JSON.stringify(accepted.body));
    assert.deepEqual(accepted.body, { plan: 'move-2018', scheduled: [], done: ['move-2018-wave-1', 'move-2018-wave-2'] });
    const again = await json('planner', 'POST', '/api/v1/plans/move-2018/drop');
    assert.equal(again.status, 409, 'nothing proposed is left to drop');
    assert.equal(again.body.error.code, 'INVALID_TRANSITION');
  });

  test('a dry run writes nothing; an unknown plan and bad options are errors with their field', async () => {
    const dry = await json('planner', 'POST', '/api/v1/plans/waves', { name: 'dry', from: 'paderborn-dc', to: 'lemgo-dc', start: '2018-12-08', solver: 'greedy', dryRun: true });
    assert.equal(dry.body.written, false);
    assert.equal((await json('viewer', 'GET', '/api/v1/plans/dry')).body.error.code, 'UNKNOWN_PLAN');
    const bad = await json('planner', 'POST', '/api/v1/plans/waves', { name: 'x', from: 'paderborn-dc', to: 'lemgo-dc', start: '2018-12-08', maxApps: 0, timeLimit: 600 });
    assert.equal(bad.status, 400);
    assert.deepEqual(bad.body.error.details.map((d: { field: string }) => d.field).sort(), ['maxApps', 'timeLimit']);
  });

  test('joint candidates, one written as a plan; progress with the plan beside the baseline', async () => {
    const j = await json('viewer', 'GET', '/api/v1/joint?product=infoma%20NEWSYSTEM');
    assert.deepEqual(j.body.candidates.map((c: { product: string }) => c.product), ['Infoma newsystem']);
    const w = await json('planner', 'POST', '/api/v1/joint', { plan: 'joint-infoma', product: 'Infoma newsystem', effective: '2028-01-01' });
    assert.equal(w.status, 201, JSON.stringify(w.body));
    assert.equal(w.body.plan.id, 'joint-infoma');
    const p = await json('viewer', 'GET', '/api/v1/progress?plan=joint-infoma&from=2019-01-01');
    assert.equal(p.status, 200);
    assert.equal(p.body.plan.id, 'joint-infoma');
    assert.ok(p.body.dates.length > 0 && 'joint' in p.body.dates[0].counts);
  });
});
