/**
 * One municipality's check (docs/api.md, "Check: summary, filters, pages"): for every tenant
 * of the OWL-IT example, of a generated estate and of random estates, the check asked for
 * that tenant alone — computed without the whole estate's verdicts, on a fresh snapshot and
 * on one that already answered other tenants (sharing the graph's block-cut structures) —
 * equals the whole estate's check restricted to the tenant's services.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { BSI_GEO_THRESHOLDS } from '../src/engine/datacenterDistances.js';
import { runTask } from '../src/service/analysisTask.js';
import type { CheckReport } from '../src/service/checkReport.js';
import { Snapshot } from '../src/service/Snapshot.js';
import { Estate, type StoredObject } from '../src/timeline/Estate.js';
import type { TimeKey } from '../src/timeline/time.js';
import { generatedEstate, owlAt } from './helpers/estates.js';
import { objectsOf, recipes } from './helpers/randomEstates.js';

const AT = '2026-01-01T00:00:00.000Z' as TimeKey;
const snapshotOf = (estate: Estate): Snapshot => Snapshot.of('test', AT, null, estate, []);
const check = (snap: Snapshot, tenant?: string): CheckReport => runTask(snap, { op: 'check', query: { ...(tenant !== undefined && { tenant }) }, georedundancy: BSI_GEO_THRESHOLDS });

/** Services and SPOFs of a report, SPOFs in id order with the services they break. */
function verdicts(r: CheckReport) {
  return {
    services: r.services,
    spofs: r.spofs.map((sp) => ({ element: sp.element, gap: sp.gap, breaks: sp.breaks })).sort((a, b) => (a.element < b.element ? -1 : 1)),
    summary: r.summary,
  };
}

/** Every tenant's own check equals the whole check restricted to it (fresh and shared snapshots). */
function everyTenantAgrees(estate: Estate): number {
  const whole = check(snapshotOf(estate));
  const tenants = [...new Set(whole.services.map((s) => s.tenant))].sort();
  const shared = snapshotOf(estate);
  for (const tenant of tenants) {
    const services = whole.services.filter((s) => s.tenant === tenant);
    const kept = new Set(services.map((s) => `${s.usage}@${s.site}`));
    const spofs = whole.spofs
      .map((sp) => ({ element: sp.element, gap: sp.gap, breaks: sp.breaks.filter((b) => kept.has(`${b.usage}@${b.site}`)) }))
      .filter((sp) => sp.breaks.length > 0)
      .sort((a, b) => (a.element < b.element ? -1 : 1));
    for (const snap of [snapshotOf(estate), shared]) {
      const own = verdicts(check(snap, tenant));
      assert.deepEqual(own.services, services, tenant);
      assert.deepEqual(own.spofs, spofs, tenant);
      assert.equal(own.summary.services, services.length, tenant);
      assert.equal(own.summary.surviving, services.filter((s) => s.survives).length, tenant);
      assert.equal(own.summary.redundant, services.filter((s) => s.redundant).length, tenant);
      assert.equal(own.summary.georedundant, services.filter((s) => s.georedundant).length, tenant);
    }
    // A question about most of the services computes the whole once for everyone.
    if (services.length * 2 <= whole.services.length && shared.memo.survivability === undefined) assert.ok(shared.memo.structures, 'a small tenant shares the structures, not the whole');
  }
  return tenants.length;
}

describe('one municipality: its check equals the whole check restricted to it', () => {
  test('every tenant of the OWL-IT example, today and at a later date', () => {
    for (const date of ['2026-01-01', '2031-01-01']) assert.ok(everyTenantAgrees(owlAt(date)) >= 3, date);
  });

  test('every tenant of a generated estate', () => {
    assert.ok(everyTenantAgrees(generatedEstate({ seed: 5, preset: 'small' })) >= 5);
  });

  test('every tenant of random estates', () => {
    fc.assert(
      fc.property(recipes(6, 3, 14), (recipe) => {
        everyTenantAgrees(new Estate(objectsOf(recipe) as StoredObject[]));
      }),
      { numRuns: 300, seed: 11 },
    );
  });
});
