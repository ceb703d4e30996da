/**
 * Dates typed into the header's date field (web/src/dates.ts): the language's own form and ISO
 * are read, checked against Intl's formatting of every kind of day (property-based); what is no
 * calendar day is null, never a neighbouring day.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { localeOf } from '../src/model/locales.js';
import { addDays, formatDate, formatTime, parseDate, parseTime, partOrder } from '../web/src/dates.js';

test('the UI\'s languages: German day first, English (US) month first, each read back as shown', () => {
  const de = localeOf('de');
  const en = localeOf('en');
  assert.equal(formatDate('2026-12-03', de), '03.12.2026');
  assert.equal(formatDate('2026-12-03', en), '12/03/2026');
  assert.deepEqual(partOrder(de), ['day', 'month', 'year']);
  assert.deepEqual(partOrder(en), ['month', 'day', 'year']);
  for (const [text, locale, want] of [
    ['3.12.2026', de, '2026-12-03'],
    ['12/3/2026', en, '2026-12-03'],
    ['12/03/26', en, '2026-12-03'],
    ['2026-12-03', en, '2026-12-03'],
    // Day first is not what English shows: 03/12 is March 12.
    ['03/12/2026', en, '2026-03-12'],
    ['13/12/2026', en, null],
  ] as const)
    assert.equal(parseDate(text, locale), want, `${text} (${locale})`);
});

test('the examples: German and British forms, ISO in both', () => {
  assert.equal(formatDate('2026-12-03', 'de-DE'), '03.12.2026');
  assert.equal(formatDate('2026-12-03', 'en-GB'), '03/12/2026');
  assert.deepEqual(partOrder('de-DE'), ['day', 'month', 'year']);
  for (const [text, locale, want] of [
    ['03.12.2026', 'de-DE', '2026-12-03'],
    ['3.12.2026', 'de-DE', '2026-12-03'],
    [' 3. 12. 2026 ', 'de-DE', '2026-12-03'],
    ['03.12.26', 'de-DE', '2026-12-03'],
    ['2026-12-03', 'de-DE', '2026-12-03'],
    ['03/12/2026', 'en-GB', '2026-12-03'],
    ['2026-12-03', 'en-GB', '2026-12-03'],
    ['12/03/2026', 'en-US', '2026-12-03'],
    ['29.02.2028', 'de-DE', '2028-02-29'],
  ] as const)
    assert.equal(parseDate(text, locale), want, `${text} (${locale})`);
});

test('no date is null, not a neighbouring day', () => {
  for (const text of ['', '3.12', '32.12.2026', '29.02.2027', '00.01.2026', '3.13.2026', '2026-13-01', '2026-02-30', 'heute', '3.12.2026x', '1.2.202', '03.12.026', '123.1.2026'])
    assert.equal(parseDate(text, 'de-DE'), null, text);
  // While typing, a two-digit year is not yet the date meant.
  assert.equal(parseDate('3.12.20', 'de-DE', true), null);
  assert.equal(parseDate('3.12.2020', 'de-DE', true), '2020-12-03');
});

test('every day reads back from its form in each locale (against Intl)', () => {
  const day = fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2199, 11, 31) }).map((ms) => new Date(ms).toISOString().slice(0, 10));
  fc.assert(
    fc.property(day, fc.constantFrom('de-DE', 'en-GB', 'en-US', 'fr-FR'), (iso, locale) => {
      assert.equal(parseDate(formatDate(iso, locale), locale), iso);
      assert.equal(parseDate(iso, locale), iso);
      assert.equal(parseDate(formatDate(iso, locale), locale, true), iso);
    }),
    { numRuns: 2000 },
  );
});

test('arrow keys move a day across months and years', () => {
  assert.equal(addDays('2026-12-31', 1), '2027-01-01');
  assert.equal(addDays('2028-03-01', -1), '2028-02-29');
  assert.equal(addDays('2026-12-03', 7), '2026-12-10');
});

test('times of day: as the language writes them (24-hour German, 12-hour English), and 24-hour in both', () => {
  assert.equal(formatTime('20:05', localeOf('de')), '20:05');
  assert.match(formatTime('20:05', localeOf('en')), /^08:05\sPM$/);
  for (const [text, want] of [
    ['8:00', '08:00'],
    ['08.30', '08:30'],
    ['20', '20:00'],
    ['0:00', '00:00'],
    ['8:05 pm', '20:05'],
    ['12:00 AM', '00:00'],
    ['12:30 p.m.', '12:30'],
    [' 7 am ', '07:00'],
  ] as const)
    assert.equal(parseTime(text), want, text);
  for (const text of ['', '24:00', '8:60', '13:00 pm', '0:30 am', '8:5', 'acht', '8:00x', '123']) assert.equal(parseTime(text), null, text);
});

test('every time of day reads back from its form in each locale (against Intl)', () => {
  const time = fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 })).map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
  fc.assert(
    fc.property(time, fc.constantFrom('de-DE', 'en-US', 'en-GB'), (hhmm, locale) => {
      assert.equal(parseTime(formatTime(hhmm, locale)), hhmm);
      assert.equal(parseTime(hhmm), hhmm);
    }),
    { numRuns: 1000 },
  );
});
