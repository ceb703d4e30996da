/**
 * The edit form's patch (web/src/pages/editDraft.ts): what is typed becomes the field's
 * value; a field is removed (null in the merge patch) only when removed explicitly — never
 * because a number did not parse or an input was emptied.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fieldSpecs } from '../web/src/fields.js';
import { patchOf, toDraft, type DraftValue } from '../web/src/pages/editDraft.js';

const app = { id: 'finanzwesen', kind: 'application', name: 'Finanzwesen', target_availability: 0.995, size: { vcpu: 8, ram_gb: 32 }, instances: ['srv-1'], depends_on: ['db', { application: 'ad', coupling: 'tight' }] };
const specs = fieldSpecs.application;
const drafts = (lang: 'de' | 'en') => Object.fromEntries(specs.map((s) => [s.name, toDraft(s, (app as Record<string, unknown>)[s.name], lang)])) as Record<string, DraftValue>;

test('an untouched form is no change; numbers show in the language', () => {
  assert.deepEqual(patchOf(specs, app, drafts('de'), new Set(), 'de'), { patch: {}, errors: {} });
  assert.equal(drafts('de').target_availability, '0,995');
  assert.equal(drafts('en').target_availability, '0.995');
});

test('a German decimal is a number, not a deletion (the bug this form fixes)', () => {
  for (const lang of ['de', 'en'] as const) {
    const d = { ...drafts(lang), target_availability: '0,98' };
    assert.deepEqual(patchOf(specs, app, d, new Set(), lang), { patch: { target_availability: 0.98 }, errors: {} });
  }
});

test('no number, or an emptied field, is an error at the field and nothing is removed', () => {
  const bad = patchOf(specs, app, { ...drafts('de'), target_availability: 'hoch' }, new Set(), 'de');
  assert.deepEqual(bad, { patch: {}, errors: { target_availability: 'notANumber' } });
  const empty = patchOf(specs, app, { ...drafts('de'), target_availability: '', size: { vcpu: '', ram_gb: '32', storage_tb: '' } }, new Set(), 'de');
  assert.deepEqual(empty, { patch: {}, errors: { target_availability: 'emptyUseRemove', 'size.vcpu': 'emptyUseRemove' } });
});

test('removal is explicit: a field, or one number of a group', () => {
  const r = patchOf(specs, app, drafts('de'), new Set(['target_availability', 'size.ram_gb']), 'de');
  assert.deepEqual(r, { patch: { target_availability: null, size: { ram_gb: null } }, errors: {} });
  // Removing a field that has no value writes nothing.
  assert.deepEqual(patchOf(specs, app, drafts('de'), new Set(['product']), 'de'), { patch: {}, errors: {} });
});

test('lists: references and dependencies with their coupling', () => {
  const d = { ...drafts('de'), instances: ['srv-1', 'srv-2', ''], depends_on: [{ application: 'ad', coupling: 'loose' }] };
  assert.deepEqual(patchOf(specs, app, d, new Set(), 'de').patch, { instances: ['srv-1', 'srv-2'], depends_on: [{ application: 'ad', coupling: 'loose' }] });
  const users = patchOf(fieldSpecs.usage, { users: 10 }, { ...Object.fromEntries(fieldSpecs.usage.map((s) => [s.name, toDraft(s, undefined, 'de')])), users: '2,5' }, new Set(), 'de');
  assert.deepEqual(users.errors, { users: 'notAnInteger' });
});
