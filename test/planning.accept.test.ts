/**
 * Safe acceptance (docs/planning.md, "Accepting a plan"): accepting never rewrites history,
 * re-planning what an accepted plan schedules is named, `--from X --to X` is refused, and
 * blackouts that cannot mean a range are refused with the field named.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { toEstateDocument } from '../src/interop/toEstateDocument.js';
import type { VerbundError } from '../src/model/errors.js';
import { EstateService } from '../src/service/EstateService.js';
import { planWaves } from '../src/service/PlanningService.js';
import { setPlanStatus } from '../src/service/planReport.js';
import { dialects } from './helpers/dialects.js';

const estate = {
  version: 1,
  initial: { effective: '2030-01-01' },
  sites: [
    { id: 'old-dc', name: 'Old DC', type: 'datacenter' },
    { id: 'new-dc', name: 'New DC', type: 'datacenter' },
  ],
  devices: [
    { id: 'old-vm', name: 'old', site: 'old-dc', role: 'cluster' },
    { id: 'new-vm', name: 'new', site: 'new-dc', role: 'cluster', capacity: { vcpu: 100 } },
  ],
  applications: ['x', 'y'].map((id) => ({ id, name: id, instances: ['old-vm'], size: { vcpu: 8 } })),
};

describe('safe acceptance', () => {
  let service: EstateService;
  let cleanup: () => Promise<void> = async () => undefined;
  before(async () => {
    const fresh = await dialects[0]!.fresh();
    cleanup = fresh.cleanup;
    service = new EstateService(fresh.store, 'tester');
    const read = toEstateDocument(estate, 'accept.yaml');
    assert.deepEqual(read.problems, []);
    await service.importDocument(read.doc);
  });
  after(() => cleanup());

  const plan = (name: string, extra: object = {}) => planWaves(service, { name, from: 'old-dc', to: 'new-dc', start: '2031-02-01', days: 'sat', maxApps: 1, solver: 'greedy', ...extra });

  test('--from and --to the same site is refused', async () => {
    await assert.rejects(plan('same', { to: 'old-dc' }), (e: VerbundError) => e.code === 'USAGE' && /--from and --to are both "old-dc"/.test(e.message));
  });

  test('a plan in the future is scheduled; re-planning its applications warns; a wave before "now" is refused, and backdated only by an operator, as done', async () => {
    await plan('future');
    const r = await setPlanStatus(service, 'future', 'scheduled');
    assert.deepEqual(r, { changed: ['future-wave-1', 'future-wave-2'], done: [] });

    // Before the accepted plan's waves: its applications are still to move, and re-planning them is named.
    const again = await plan('straddles', { start: '2031-01-04' });
    // The same warning as a code with parameters, for a client to show in its user's language.
    const notice = again.notices.find((n) => n.code === 'waves.alreadyScheduled');
    assert.deepEqual(notice?.params, { applications: 'x, y', count: 2, plan: 'future', changesets: 'future-wave-1, future-wave-2', dates: '2031-02-01, 2031-02-08' });
    assert.deepEqual(again.notices.map((n) => n.message), again.warnings);
    assert.ok(again.warnings.some((w) => /^x, y are scheduled already by the accepted plan future \(future-wave-1 on 2031-02-01, future-wave-2 on 2031-02-08\); this plan moves them again/.test(w)), again.warnings.join('\n'));
    // Seen from 2031-01-08, the first wave (2031-01-04) has happened, the second (2031-01-11) not yet.
    const now = '2031-01-08T00:00:00.000Z';
    await assert.rejects(setPlanStatus(service, 'straddles', 'scheduled', { now }), (e: VerbundError) => e.code === 'INVALID_TRANSITION' && e.problems.length === 1 && e.problems[0]!.changeset === 'straddles-wave-1' && e.problems[0]!.field === 'effective');
    await assert.rejects(setPlanStatus(service, 'straddles', 'scheduled', { now, backdate: true }), (e: VerbundError) => e.code === 'FORBIDDEN');
    assert.ok((await service.changeSets()).filter((h) => h.plan === 'straddles').every((h) => h.status === 'proposed'), 'nothing written');
    const backdated = await setPlanStatus(service, 'straddles', 'scheduled', { now, backdate: true, mayBackdate: true });
    assert.deepEqual(backdated, { changed: ['straddles-wave-2'], done: ['straddles-wave-1'] });
    const status = new Map((await service.changeSets()).map((h) => [h.id, h.status]));
    assert.equal(status.get('straddles-wave-1'), 'done');
    assert.equal(status.get('straddles-wave-2'), 'scheduled');
  });

  test('a reversed dated blackout and one mixing an annual and a dated end are refused with the field named', async () => {
    for (const [blackout, message] of [
      [{ from: '2031-12-20', to: '2031-12-01' }, /"2031-12-01" is before "2031-12-20"/],
      [{ from: '--12-01', to: '2032-01-15' }, /mixes an annual \(--MM-DD\) and a dated \(YYYY-MM-DD\) end/],
    ] as const) {
      await assert.rejects(
        service.addChangeSets({ plans: [], changesets: [{ id: `bad-${blackout.to}`, title: 'blackout', effective: '2031-01-01', status: 'scheduled', changes: [{ op: 'update', id: 'x', fields: { blackouts: [blackout] } }] }] }),
        (e: VerbundError) => e.problems.some((p) => p.id === 'x' && p.field === 'blackouts.0.to' && message.test(p.message)),
      );
    }
  });
});
