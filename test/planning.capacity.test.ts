/**
 * Target capacity over time: the free capacity of the receiving devices comes from the
 * timeline, so a cluster added by a scheduled change set (new racks) lets more move from its
 * date on — and what already runs on the target counts against it. On both dialects.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { toEstateDocument } from '../src/interop/toEstateDocument.js';
import { EstateService } from '../src/service/EstateService.js';
import { planWaves } from '../src/service/PlanningService.js';
import type { VerbundError } from '../src/model/errors.js';
import { dialects } from './helpers/dialects.js';

//   old-dc: old-vm (cluster) ── runs a, b, c (8 vCPU each)
//   new-dc: new-vm-1 (cluster, 20 vCPU, 4 of them used by `resident`)
//           new-vm-2 (cluster, 16 vCPU) added on 2027-03-01 by a scheduled change set
const estate = {
  version: 1,
  initial: { effective: '2027-01-01' },
  sites: [
    { id: 'old-dc', name: 'Old DC', type: 'datacenter' },
    { id: 'new-dc', name: 'New DC', type: 'datacenter' },
  ],
  devices: [
    { id: 'old-vm', name: 'old cluster', site: 'old-dc', role: 'cluster' },
    { id: 'new-vm-1', name: 'new cluster 1', site: 'new-dc', role: 'cluster', capacity: { vcpu: 20 } },
  ],
  links: [{ id: 'l1', a: 'old-vm', b: 'new-vm-1', type: 'fibre' }],
  applications: ['a', 'b', 'c'].map((id) => ({ id, name: id, instances: ['old-vm'], size: { vcpu: 8 } })).concat([{ id: 'resident', name: 'resident', instances: ['new-vm-1'], size: { vcpu: 4 } }]),
  changesets: [
    {
      id: 'new-racks',
      title: 'second cluster in the new DC',
      effective: '2027-03-01',
      status: 'scheduled',
      changes: [{ create: { kind: 'device', id: 'new-vm-2', name: 'new cluster 2', site: 'new-dc', role: 'cluster', capacity: { vcpu: 16 } } }],
    },
  ],
};

for (const dialect of dialects) {
  describe(`target capacity over time (${dialect.name})`, { skip: !(await dialect.available()) && 'no server' }, () => {
    let service: EstateService;
    let cleanup: () => Promise<void> = async () => undefined;
    before(async () => {
      const fresh = await dialect.fresh();
      cleanup = fresh.cleanup;
      service = new EstateService(fresh.store, 'tester');
      const { doc, problems } = toEstateDocument(estate, 'capacity.yaml');
      assert.deepEqual(problems, []);
      await service.importDocument(doc);
    });
    after(async () => {
      await cleanup().catch(() => undefined);
    });

    test('16 vCPU free until the new cluster arrives: one wave for all waits for it; two applications per wave move two before it', async () => {
      for (const solver of ['greedy', 'mip'] as const) {
        const one = await planWaves(service, { name: `one-${solver}`, from: 'old-dc', to: 'new-dc', start: '2027-02-01', days: 'mon', solver, timeLimit: 10, dryRun: true });
        assert.deepEqual(one.waves.map((w) => [w.date, w.applications]), [['2027-03-01', ['a', 'b', 'c']]], solver);
        const two = await planWaves(service, { name: `two-${solver}`, from: 'old-dc', to: 'new-dc', start: '2027-02-01', days: 'mon', maxApps: 2, solver, timeLimit: 10, dryRun: true });
        assert.deepEqual(two.waves.map((w) => [w.date, w.applications.length]), [['2027-02-01', 2], ['2027-03-01', 1]], solver);
      }
    });

    test('without the new cluster the third application never fits: the error says so', async () => {
      await assert.rejects(
        planWaves(service, { name: 'too-early', from: 'old-dc', to: 'new-dc', start: '2027-02-01', end: '2027-02-28', days: 'mon', solver: 'greedy', dryRun: true }),
        (e: VerbundError) => e.code === 'PLAN_INFEASIBLE' && /moving everything needs 24 vcpu at the target; it has 16 free/.test(e.problems.map((p) => p.message).join('\n')),
      );
    });
  });
}
