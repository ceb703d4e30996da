/**
 * The edit form's field table (web/src/fields.ts) against the model: every field of every
 * kind is there with the model's type, its choices, its unit-less or unit number, its
 * reference kinds and whether it is required — so the form never offers a raw text box for a
 * choice or a reference, and never lets a required field be removed.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { kindJsonSchemas, type JsonSchema } from '../src/api/kindSchemas.js';
import { choiceValues } from '../src/model/choices.js';
import { errorCatalogue } from '../src/model/errors.js';
import { kinds } from '../src/model/kinds.js';
import { referenceSpecs } from '../src/model/references.js';
import { fieldSpecs, requiredFields, type FieldSpec } from '../web/src/fields.js';
import de from '../web/src/i18n/de.js';
import en from '../web/src/i18n/en.js';

const isId = (s: JsonSchema | undefined) => s?.type === 'string' && typeof s.pattern === 'string' && s.pattern.includes('a-z0-9._-');

function check(kind: string, spec: FieldSpec, s: JsonSchema): void {
  const where = `${kind}.${spec.name}`;
  switch (spec.type) {
    case 'text':
    case 'multiline':
      assert.equal(s.type, 'string', where);
      assert.ok(!isId(s) && s.enum === undefined, `${where} is a reference or choice, not a text`);
      break;
    case 'texts':
      assert.equal(s.type, 'array', where);
      assert.ok(!isId(s.items as JsonSchema), where);
      break;
    case 'number':
      assert.ok(s.type === 'number' || s.type === 'integer', where);
      assert.equal(spec.integer === true, s.type === 'integer', `${where}: integer`);
      assert.equal(spec.share === true, s.maximum === 1 && s.exclusiveMinimum === 0, `${where}: a share in (0, 1]`);
      break;
    case 'choice':
      assert.deepEqual(s.enum, choiceValues(spec.set), where);
      break;
    case 'ref':
      assert.ok(isId(s), where);
      break;
    case 'refs':
      assert.ok(s.type === 'array' && isId(s.items as JsonSchema), where);
      break;
    case 'deps':
      assert.ok(s.type === 'array' && Array.isArray((s.items as JsonSchema).anyOf), where);
      break;
    case 'group':
      assert.equal(s.type, 'object', where);
      assert.deepEqual(spec.fields.map((f) => f.name).sort(), Object.keys(s.properties as object).sort(), where);
      for (const f of spec.fields) check(where, f, (s.properties as Record<string, JsonSchema>)[f.name]!);
      break;
    case 'date':
      assert.ok(s.type === 'string' && String(s.pattern).includes('\\d{4}-\\d{2}-\\d{2}'), where);
      break;
    case 'date-ranges':
      assert.deepEqual(((s.items as JsonSchema).required as string[]).sort(), ['from', 'to'], where);
      break;
  }
}

test('every field of every kind, with the model type, choices and required-ness', () => {
  for (const kind of kinds) {
    const schema = kindJsonSchemas()[kind];
    const props = schema.properties as Record<string, JsonSchema>;
    const modelFields = Object.keys(props).filter((f) => f !== 'id' && f !== 'kind');
    assert.deepEqual(fieldSpecs[kind].map((f) => f.name).sort(), modelFields.sort(), kind);
    for (const spec of fieldSpecs[kind]) check(kind, spec, props[spec.name]!);
    assert.deepEqual([...requiredFields[kind]].sort(), (schema.required as string[]).filter((f) => f !== 'id' && f !== 'kind').sort(), `${kind}: required`);
  }
});

test('every reference field is a picker for the kinds the model allows', () => {
  for (const kind of kinds) {
    for (const r of referenceSpecs[kind]) {
      const spec = fieldSpecs[kind].find((f) => f.name === r.field);
      assert.ok(spec && (spec.type === 'ref' || spec.type === 'refs' || spec.type === 'deps'), `${kind}.${r.field}`);
      assert.deepEqual(spec.kinds, r.kinds, `${kind}.${r.field}`);
    }
  }
});

test('every field has a label and every API error code a text, in German and in English', () => {
  const names = new Set(kinds.flatMap((k) => fieldSpecs[k].flatMap((f) => [f.name, ...(f.type === 'group' ? f.fields.map((g) => g.name) : [])])));
  for (const dict of [de, en] as Record<string, string>[]) {
    for (const n of names) assert.ok(dict[`field.${n}`], `field.${n}`);
    for (const code of Object.keys(errorCatalogue)) assert.ok(dict[`apiError.${code}`], `apiError.${code}`);
  }
});
