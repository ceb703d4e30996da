/**
 * The check filtered and paged (docs/api.md, "Check: summary, filters, pages"): every filtered
 * answer is the whole-estate answer restricted to the services that pass — also when it was
 * computed without the whole (a municipality's question analyses only its own services) —
 * and the pages of a list, put together, are the list.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { generateEstate } from '../src/synthetic/generateEstate.js';
import { readEstatePath } from '../src/interop/readEstatePath.js';
import { toEstateDocument } from '../src/interop/toEstateDocument.js';
import { AnalysisService, type CheckQuery, type CheckReport } from '../src/service/AnalysisService.js';
import { EstateService } from '../src/service/EstateService.js';
import { networkReport } from '../src/engine/networkReport.js';
import type { Store } from '../src/store/openStore.js';
import { cli } from './helpers/cli.js';
import { dialects } from './helpers/dialects.js';

const estates = {
  owl: () => readEstatePath(join(import.meta.dirname, '..', 'examples', 'owl-it')),
  small: () => toEstateDocument(JSON.parse(JSON.stringify(generateEstate({ seed: 3, preset: 'small' }))), 'small.json'),
};

/** What the filtered check must answer: the whole check restricted by hand. */
function restrict(whole: CheckReport, keep: (s: CheckReport['services'][number]) => boolean) {
  const services = whole.services.filter(keep);
  const kept = new Set(services.map((s) => `${s.usage}@${s.site}`));
  const spofs = whole.spofs
    .map((sp) => ({ element: sp.element, breaks: sp.breaks.filter((b) => kept.has(`${b.usage}@${b.site}`)) }))
    .filter((sp) => sp.breaks.length > 0);
  return { services, spofs };
}

for (const [name, read] of Object.entries(estates)) {
  describe(`check filters and pages (${name})`, () => {
    let store: Store;
    let cleanup: () => Promise<void>;
    let estates: EstateService;
    let whole: CheckReport;
    before(async () => {
      ({ store, cleanup } = await dialects[0]!.fresh());
      estates = new EstateService(store, 'test');
      const r = read();
      await estates.importDocument(r.doc, {}, r.problems);
      whole = await new AnalysisService(estates).check();
      assert.ok(whole.summary.services > 10 && whole.spofs.length > 0, 'an estate with services and SPOFs');
    });
    after(async () => {
      await store.close();
      await cleanup();
    });

    test('filtered by tenant, application, site and verdict: the whole answer restricted, computed afresh', async () => {
      const first = whole.services[0]!;
      const cases: [CheckQuery, (s: CheckReport['services'][number]) => boolean][] = [
        ...[...new Set(whole.services.map((s) => s.tenant))].slice(0, 6).map((t): [CheckQuery, (s: CheckReport['services'][number]) => boolean] => [{ tenant: t }, (s) => s.tenant === t]),
        [{ application: first.application }, (s) => s.application === first.application],
        [{ site: first.site }, (s) => s.site === first.site],
        [{ verdict: 'failing' }, (s) => !s.survives],
        [{ verdict: 'surviving' }, (s) => s.survives],
        [{ verdict: 'up' }, (s) => s.up],
        [{ tenant: first.tenant, verdict: 'failing' }, (s) => s.tenant === first.tenant && !s.survives],
        [{ tenant: 'nobody' }, () => false],
      ];
      for (const [query, keep] of cases) {
        // A fresh service: nothing of the whole estate's analysis is cached.
        const r = await new AnalysisService(estates).check({}, query);
        const want = restrict(whole, keep);
        const label = JSON.stringify(query);
        assert.deepEqual(r.services, want.services, label);
        assert.deepEqual(
          r.spofs.map((sp) => ({ element: sp.element, breaks: sp.breaks })).sort((a, b) => (a.element < b.element ? -1 : 1)),
          want.spofs.sort((a, b) => (a.element < b.element ? -1 : 1)),
          label,
        );
        for (const sp of r.spofs) assert.equal(sp.broken, sp.breaks.length, label);
        const up = want.services.filter((s) => s.up).length;
        const surviving = want.services.filter((s) => s.survives).length;
        const { services, failing, down, open, accepted, redundant } = r.summary;
        assert.deepEqual({ services, up: r.summary.up, surviving: r.summary.surviving, failing, down, spofs: open + accepted }, { services: want.services.length, up, surviving, failing: want.services.length - surviving, down: want.services.length - up, spofs: want.spofs.length }, label);
        assert.equal(redundant, want.services.filter((s) => s.redundant).length, label);
        assert.equal(r.page.spofs.total, want.spofs.length, label);
        // The failover tests of the applications checked (read for them alone), as the whole has
        // them; a filter every service passes checks them all.
        const apps = new Set(want.services.map((s) => s.application));
        const all = want.services.length === whole.summary.services;
        assert.deepEqual(r.continuity.applications, all ? whole.continuity.applications : whole.continuity.applications.filter((a) => apps.has(a.application)), label);
        assert.deepEqual(r.continuity.warnings, all ? whole.continuity.warnings : whole.continuity.warnings.filter((w) => apps.has(w.split(':')[0]!)), label);
        assert.deepEqual(r.network, whole.network, label);
      }
    });

    test('the network facts (from the blocks of the survivability when they are built) are the network report of the graph', async () => {
      const snap = await new AnalysisService(estates).snapshot();
      assert.deepEqual(whole.network, networkReport(snap.projection));
      assert.ok(whole.network.articulationPoints.length > 0 && whole.network.biconnectedComponents.length > 0);
    });

    test('pages put together are the list; SPOFs come most breaking first; breaks are cut at the limit', async () => {
      const service = new AnalysisService(estates);
      const services: CheckReport['services'] = [];
      for (let offset = 0; ; offset += 7) {
        const r = await service.check({}, { offset, limit: 7, spofLimit: 0 });
        assert.deepEqual(r.page.services, { offset, limit: 7, total: whole.summary.services });
        assert.equal(r.spofs.length, 0);
        services.push(...r.services);
        if (r.services.length < 7) break;
      }
      assert.deepEqual(services, whole.services);
      const spofs: CheckReport['spofs'] = [];
      for (let offset = 0; offset < whole.spofs.length; offset += 2) spofs.push(...(await service.check({}, { limit: 0, spofOffset: offset, spofLimit: 2, breaksLimit: 1 })).spofs);
      assert.deepEqual(
        spofs.map((s) => [s.element, s.broken]),
        whole.spofs.map((s) => [s.element, s.breaks.length]),
      );
      for (let i = 1; i < spofs.length; i++) assert.ok(spofs[i - 1]!.broken >= spofs[i]!.broken, 'most breaking first');
      for (const s of spofs) assert.ok(s.breaks.length === 1, 'one break listed');
      // The tenants of a SPOF count every service it breaks, not only the listed ones.
      assert.deepEqual(
        spofs.map((s) => s.tenants),
        whole.spofs.map((s) => s.tenants),
      );
    });
  });
}

describe('check on the command line, filtered', () => {
  let url = '';
  let cleanup: () => Promise<void>;
  before(async () => {
    const fresh = await dialects[0]!.fresh();
    await fresh.store.close();
    ({ url, cleanup } = fresh);
    assert.equal((await cli('--db', url, 'import', join(import.meta.dirname, '..', 'examples', 'owl-it'))).code, 0);
  });
  after(async () => {
    await cleanup();
  });

  test('--tenant with --json: only its services, the SPOFs counting only them; --summary lists none', async () => {
    const r = await cli('--db', url, '--json', 'check', '--tenant', 'lemgo', '--verdict', 'failing', '--fail-on', 'any');
    assert.equal(r.code, 1, r.stderr);
    const body = JSON.parse(r.stdout) as CheckReport;
    assert.ok(body.applications.length > 0 && body.applications.every((a) => body.services.some((s) => s.application === a.application)), 'only the applications checked');
    assert.ok(body.services.length > 0 && body.services.every((s) => s.tenant === 'lemgo' && !s.survives));
    assert.ok(body.spofs.every((sp) => sp.tenants.length === 1 && sp.tenants[0]!.tenant === 'lemgo'));
    assert.equal(body.summary.services, body.services.length);
    const summary = await cli('--db', url, 'check', '--summary');
    assert.doesNotMatch(summary.stdout, /services that do not survive/);
    assert.match(summary.stdout, /single points of failure \(\d+: \d+ open/);
    assert.equal((await cli('--db', url, 'check', '--limit', 'many')).code, 2);
  });
});
