/**
 * The web map's model (web/src/pages/mapModel.ts): which links are drawn, which are cut when
 * elements fail, which sites are hit, and hit-testing of segments.
 *
 *      A (dc) ──l-ab── B (office) ──l-bc── C (node, no devices)
 *      a1 ─ a2 inside A (l-a12: not drawn, both ends in A)
 *      risk group duct-1 = { l-ab, device b1 }
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildModel, cutLinks, cutOffSitesOf, failedSitesOf, KM_PER_UNIT, scaleBar, segmentDistance, type Device, type Link, type Site } from '../web/src/pages/mapModel.js';

const site = (id: string, lat: number, lon: number, type = 'office'): Site => ({ id, kind: 'site', type, location: { lat, lon } });
const sites = [site('a', 52, 8, 'datacenter'), site('b', 52, 9), site('c', 52, 10, 'node'), { id: 'nowhere', kind: 'site', type: 'office' } as Site];
const devices: Device[] = [
  { id: 'a1', kind: 'device', site: 'a', role: 'router' },
  { id: 'a2', kind: 'device', site: 'a', role: 'server' },
  { id: 'b1', kind: 'device', site: 'b', role: 'router', risk_groups: ['duct-1'] },
];
const links: Link[] = [
  { id: 'l-ab', kind: 'link', a: 'a1', b: 'b1', type: 'fibre', risk_groups: ['duct-1'] },
  { id: 'l-bc', kind: 'link', a: 'b1', b: 'c', type: 'copper' },
  { id: 'l-a12', kind: 'link', a: 'a1', b: 'a2', type: 'virtual' },
  { id: 'l-lost', kind: 'link', a: 'b1', b: 'nowhere', type: 'fibre' },
];
const model = buildModel(sites, devices, links);
const drawn = (idx: Iterable<number>) => [...idx].map((i) => model.links[i]!.id).sort();

test('only links between two different placed sites are drawn, as one segment each', () => {
  assert.deepEqual(model.links.map((l) => l.id), ['l-ab', 'l-bc']);
  assert.equal(model.seg.length, 8);
  assert.equal(model.sites.length, 3, 'a site without coordinates is not placed');
  assert.deepEqual(model.members.get('duct-1')?.sort(), ['b1', 'l-ab']);
});

test('failing a link, a device, a site or a risk group cuts the drawn links they carry', () => {
  assert.deepEqual(drawn(cutLinks(model, new Set(['l-bc']))), ['l-bc']);
  assert.deepEqual(drawn(cutLinks(model, new Set(['b1']))), ['l-ab', 'l-bc']);
  assert.deepEqual(drawn(cutLinks(model, new Set(['c']))), ['l-bc']);
  assert.deepEqual(drawn(cutLinks(model, new Set(['a']))), ['l-ab']);
  assert.deepEqual(drawn(cutLinks(model, new Set(['duct-1']))), ['l-ab', 'l-bc']);
  assert.deepEqual(drawn(cutLinks(model, new Set(['unknown']))), []);
});

test('the sites hit: failed sites and the sites of failed devices, also through risk groups', () => {
  assert.deepEqual([...failedSitesOf(model, new Set(['duct-1']))].sort(), ['b']);
  assert.deepEqual([...failedSitesOf(model, new Set(['a2', 'c']))].sort(), ['a', 'c']);
  assert.deepEqual([...failedSitesOf(model, new Set(['l-bc']))], []);
});

test('segment distance: to the nearest point of the segment, clamped at its ends', () => {
  const seg = Float64Array.from([0, 0, 10, 0]);
  assert.equal(segmentDistance(seg, 0, 5, 3), 3);
  assert.equal(segmentDistance(seg, 0, -4, 3), 5);
  assert.equal(segmentDistance(seg, 0, 13, 4), 5);
});

test('the scale bar: a round length at most 120 px wide, true to the distances between sites', () => {
  for (let pxPerUnit = 3; pxPerUnit < 1e6; pxPerUnit *= 1.37) {
    const { km, px } = scaleBar(pxPerUnit);
    const mantissa = km / 10 ** Math.floor(Math.log10(km) + 1e-9);
    assert.ok([1, 2, 5].some((m) => Math.abs(mantissa - m) < 1e-9), `${km} km is not 1, 2 or 5 × 10ⁿ`);
    assert.ok(px <= 120 + 1e-9 && px > 120 / 2.5, `${px} px`);
  }
  // Lemgo to Paderborn as the crow flies (haversine, an independent formula): the projection's
  // distance in map units times the bar's kilometres per unit agrees within 1 %.
  const at = (id: string, lat: number, lon: number): Site => ({ id, kind: 'site', name: id, type: 'office', location: { lat, lon } }) as Site;
  const m = buildModel([at('lemgo', 52.028, 8.9), at('paderborn', 51.7189, 8.7575)], [], []);
  const units = Math.hypot(m.sitePos[0]! - m.sitePos[2]!, m.sitePos[1]! - m.sitePos[3]!);
  const rad = Math.PI / 180;
  const h = Math.sin(((51.7189 - 52.028) * rad) / 2) ** 2 + Math.cos(52.028 * rad) * Math.cos(51.7189 * rad) * Math.sin(((8.7575 - 8.9) * rad) / 2) ** 2;
  const haversine = 2 * 6371 * Math.asin(Math.sqrt(h));
  assert.ok(Math.abs(units * KM_PER_UNIT - haversine) / haversine < 0.01, `${units * KM_PER_UNIT} km against ${haversine} km`);
});

test('the sites cut off: where users of a service that is down work, except the failed ones', () => {
  const down = [{ site: 'a' }, { site: 'b' }, { site: 'a' }, { site: 'c' }];
  assert.deepEqual([...cutOffSitesOf(down, new Set(['c']))], ['a', 'b']);
  assert.deepEqual([...cutOffSitesOf([], new Set(['c']))], []);
});
