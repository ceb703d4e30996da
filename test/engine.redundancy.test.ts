/**
 * Redundant and georedundant (docs/analysis.md "check") against the brute-force oracle of
 * BRIEF §4 on random estates, and the data-center distances against known distances.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { BSI_GEO_THRESHOLDS, datacenterDistances, greatCircleKm } from '../src/engine/datacenterDistances.js';
import { buildProjection } from '../src/engine/projection.js';
import { buildServices } from '../src/engine/services.js';
import { Estate, type StoredObject } from '../src/timeline/Estate.js';
import { owlAt } from './helpers/estates.js';
import { analysedRecipe, recipes } from './helpers/randomEstates.js';
import { oracleBreakers, oracleElements, oracleIsUp, oracleServices } from './helpers/serviceOracle.js';

describe('redundant and georedundant against the brute-force oracle', () => {
  test('random estates: redundant iff up and only data-center sites break it; georedundant iff up and none does; survives = both', () => {
    const counts = { redundantOnly: 0, georedundantOnly: 0, both: 0 };
    fc.assert(
      fc.property(recipes(5, 4, 10), (recipe) => {
        const { estate, surv, verdicts, datacenters } = analysedRecipe(recipe);
        const elements = oracleElements(estate);
        oracleServices(estate).forEach((s, i) => {
          const up = oracleIsUp(estate, s, new Set(), new Set());
          const breakers = up ? oracleBreakers(estate, s, elements) : [];
          const redundant = up && breakers.every((id) => datacenters.has(id));
          const georedundant = up && !breakers.some((id) => datacenters.has(id));
          assert.deepEqual(verdicts[i], { redundant, georedundant }, `${s.usage}@${s.site}: breakers ${breakers.join(',')}`);
          assert.equal(surv.services[i]!.survives, redundant && georedundant);
          if (redundant && !georedundant) counts.redundantOnly++;
          if (georedundant && !redundant) counts.georedundantOnly++;
          if (redundant && georedundant) counts.both++;
        });
      }),
      { numRuns: 1500, seed: 20261203 },
    );
    // The property means something only if every combination occurs.
    assert.ok(counts.redundantOnly > 20 && counts.georedundantOnly > 20 && counts.both > 20, JSON.stringify(counts));
  });
});

describe('data-center distances', () => {
  test('great-circle distances match published ones', () => {
    // Airports (IATA coordinates): FRA–MUC about 304 km, JFK–LHR about 5 540 km.
    assert.ok(Math.abs(greatCircleKm({ lat: 50.0333, lon: 8.5706 }, { lat: 48.3538, lon: 11.7861 }) - 304) < 6);
    assert.ok(Math.abs(greatCircleKm({ lat: 40.6398, lon: -73.7789 }, { lat: 51.4775, lon: -0.4614 }) - 5540) < 15);
    assert.equal(greatCircleKm({ lat: 52, lon: 8 }, { lat: 52, lon: 8 }), 0);
  });

  const estate = (sites: { id: string; type: string; lat?: number; lon?: number }[], instances: string[]): Estate => {
    const objects: object[] = [];
    for (const s of sites) {
      objects.push({ kind: 'site', id: s.id, name: s.id, type: s.type, ...(s.lat !== undefined && { location: { lat: s.lat, lon: s.lon } }) });
      objects.push({ kind: 'device', id: `${s.id}-srv`, name: 'srv', site: s.id, role: 'server' });
    }
    objects.push({ kind: 'application', id: 'app', name: 'app', instances: instances.map((s) => `${s}-srv`) });
    return new Estate(objects as StoredObject[]);
  };
  const flagOf = (e: Estate, thresholds = BSI_GEO_THRESHOLDS) => {
    const p = buildProjection(e);
    return datacenterDistances(p, buildServices(p, e), e, thresholds)[0]!;
  };

  test('flags: none, single, unknown location, below the minimum, below the recommendation, ok', () => {
    const lemgo = { id: 'lemgo', type: 'datacenter', lat: 52.0277, lon: 8.9043 };
    const paderborn = { id: 'paderborn', type: 'datacenter', lat: 51.7305, lon: 8.7815 };
    const koeln = { id: 'koeln', type: 'datacenter', lat: 50.9375, lon: 6.9603 };
    const frankfurt = { id: 'frankfurt', type: 'datacenter', lat: 50.1109, lon: 8.6821 };
    const office = { id: 'office', type: 'office', lat: 52, lon: 8 };
    assert.deepEqual(flagOf(estate([office], ['office'])), { application: 'app', sites: [], distanceKm: null, flag: 'none' });
    assert.deepEqual(flagOf(estate([lemgo, office], ['lemgo', 'office'])), { application: 'app', sites: ['lemgo'], distanceKm: null, flag: 'single' });
    assert.equal(flagOf(estate([lemgo, { id: 'x', type: 'datacenter' }], ['lemgo', 'x'])).flag, 'unknown');
    const lp = flagOf(estate([lemgo, paderborn], ['lemgo', 'paderborn']));
    assert.equal(lp.flag, 'below-minimum');
    assert.ok(lp.distanceKm! > 33 && lp.distanceKm! < 37, `Lemgo–Paderborn is about 35 km, got ${lp.distanceKm}`);
    assert.equal(flagOf(estate([lemgo, koeln], ['lemgo', 'koeln'])).flag, 'below-recommended', 'Lemgo–Köln is about 180 km');
    // The largest distance counts: one pair far enough apart is what survives a regional disaster.
    const three = flagOf(estate([lemgo, paderborn, frankfurt], ['lemgo', 'paderborn', 'frankfurt']));
    assert.deepEqual(three.sites, ['lemgo', 'paderborn', 'frankfurt']);
    assert.equal(three.flag, 'ok');
    assert.ok(three.distanceKm! > 200);
    assert.equal(flagOf(estate([lemgo, paderborn], ['lemgo', 'paderborn']), { minimumKm: 20, recommendedKm: 30 }).flag, 'ok', 'thresholds are configurable');
  });

  test('the OWL-IT example: one data center now; Lemgo and Paderborn in parallel in March 2019, too close', () => {
    const now = owlAt('2026-11-27');
    const p = buildProjection(now, { retired: 'exclude' });
    const rows = datacenterDistances(p, buildServices(p, now), now);
    assert.ok(rows.length > 0 && rows.every((r) => r.flag === 'single' && r.sites[0] === 'lemgo-dc'));
    const parallel = owlAt('2019-03-05');
    const q = buildProjection(parallel, { retired: 'exclude' });
    const finance = datacenterDistances(q, buildServices(q, parallel), parallel).find((r) => r.application === 'finanzwesen')!;
    assert.deepEqual(finance.sites.sort(), ['lemgo-dc', 'paderborn-dc']);
    assert.equal(finance.flag, 'below-minimum');
  });
});
