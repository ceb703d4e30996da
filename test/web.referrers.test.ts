/**
 * The object page's referrers (web/src/pages/ObjectPage.tsx) come from the model's reference
 * table (src/model/references.ts): every field that may point at a kind is asked, through a
 * filter the list route really has. The page's former hand copy missed `link.carrier`,
 * `organization.customer_of`, the links at a site, and every accepted risk and failover test.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { filterFields } from '../src/api/kindSchemas.js';
import { kinds } from '../src/model/kinds.js';
import { referringFields } from '../src/model/references.js';

const edges = (kind: Parameters<typeof referringFields>[0]) => referringFields(kind).map((r) => `${r.kind}.${r.field}`);

test('the referrers of each kind are every reference field that may point at it', () => {
  assert.deepEqual(edges('organization'), ['organization.member_of', 'organization.customer_of', 'site.organization', 'link.carrier', 'application.operator', 'usage.tenant']);
  assert.deepEqual(edges('site'), ['device.site', 'link.a', 'link.b', 'usage.sites', 'risk-acceptance.element', 'failover-test.failed']);
  assert.deepEqual(edges('device'), ['link.a', 'link.b', 'application.instances', 'risk-acceptance.element', 'failover-test.failed']);
  assert.deepEqual(edges('risk-group'), ['device.risk_groups', 'link.risk_groups', 'risk-acceptance.element', 'failover-test.failed']);
  assert.deepEqual(edges('link'), ['risk-acceptance.element', 'failover-test.failed']);
  assert.deepEqual(edges('application'), ['application.depends_on', 'usage.application', 'failover-test.failed']);
  assert.deepEqual(edges('usage'), []);
});

test('the hand copy the object page had is contained, and what it missed is there now', () => {
  const handCopy: Record<string, [string, string][]> = {
    organization: [['site', 'organization'], ['application', 'operator'], ['usage', 'tenant'], ['organization', 'member_of']],
    site: [['device', 'site'], ['usage', 'sites']],
    device: [['link', 'a'], ['link', 'b'], ['application', 'instances']],
    'risk-group': [['link', 'risk_groups'], ['device', 'risk_groups']],
    application: [['usage', 'application'], ['application', 'depends_on']],
  };
  for (const [kind, list] of Object.entries(handCopy)) for (const [k, f] of list) assert.ok(edges(kind as 'site').includes(`${k}.${f}`), `${kind} ← ${k}.${f}`);
  assert.ok(edges('organization').includes('link.carrier'));
  assert.ok(edges('organization').includes('organization.customer_of'));
  assert.ok(edges('site').includes('link.a') && edges('site').includes('link.b'));
});

test('every referring field is a filter of its kind\'s list route (the page asks through it)', () => {
  for (const target of kinds) for (const { kind, field } of referringFields(target)) assert.ok(filterFields(kind).includes(field), `${kind}.${field} is no filter of /${kind}s`);
});
