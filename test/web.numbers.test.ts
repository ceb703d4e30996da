/**
 * Numbers typed into the web UI's forms (web/src/numbers.ts): German and English input both
 * read, whatever the UI's language; what is not a number is undefined (the form shows an
 * error), never "no value" (which would remove the field).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { parseNumber } from '../web/src/numbers.js';
import { localeOf } from '../src/model/locales.js';

test('German and English decimals in either language', () => {
  for (const lang of ['de', 'en'] as const) {
    assert.equal(parseNumber('0,98', lang), 0.98);
    assert.equal(parseNumber('0.98', lang), 0.98);
    assert.equal(parseNumber(' 99,5 ', lang), 99.5);
    assert.equal(parseNumber('-0,5', lang), -0.5);
    assert.equal(parseNumber(',5', lang), 0.5);
    assert.equal(parseNumber('12', lang), 12);
    assert.equal(parseNumber('1.234,5', lang), 1234.5);
    assert.equal(parseNumber('1,234.5', lang), 1234.5);
    assert.equal(parseNumber('1.234.567', lang), 1234567);
    assert.equal(parseNumber('12 345,6', lang), 12345.6);
  }
});

test('a lone separator before three digits is read as the language writes thousands', () => {
  assert.equal(parseNumber('1.234', 'de'), 1234);
  assert.equal(parseNumber('1,234', 'de'), 1.234);
  assert.equal(parseNumber('1,234', 'en'), 1234);
  assert.equal(parseNumber('1.234', 'en'), 1.234);
});

test('what is not a number is undefined, never zero or empty', () => {
  for (const s of ['', ' ', 'abc', '0,9x', '1,2,3', '1.2.3', '5,', '1,2.3,4', '1e5', '--1', '12.34.5'])
    for (const lang of ['de', 'en'] as const) assert.equal(parseNumber(s, lang), undefined, `${JSON.stringify(s)} (${lang})`);
});

test('every number the UI formats reads back as itself, in both languages', () => {
  fc.assert(
    fc.property(fc.double({ min: -1e9, max: 1e9, noNaN: true }), fc.integer({ min: 0, max: 6 }), fc.boolean(), (x, digits, grouping) => {
      for (const lang of ['de', 'en'] as const) {
        const locale = localeOf(lang);
        const text = new Intl.NumberFormat(locale, { maximumFractionDigits: digits, useGrouping: grouping }).format(x);
        const shown = Number(new Intl.NumberFormat('en-US', { maximumFractionDigits: digits, useGrouping: false }).format(x));
        // + 0: Intl writes minus zero as `-0`, which is zero.
        assert.equal((parseNumber(text, lang) ?? NaN) + 0, shown + 0, `${text} (${lang})`);
      }
    }),
  );
});
