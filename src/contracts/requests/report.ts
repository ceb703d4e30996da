/** The request of the continuity and resilience report (docs/continuity.md, docs/api.md "Report"). */
import type { RequestOf } from './shared.js';

/** The report's file formats. */
export const reportFormats = ['pdf', 'html', 'md'] as const;

/** A file format of the report. */
export type ReportFormat = (typeof reportFormats)[number];

/** The report's languages (German first: the default). */
export const reportLangs = ['de', 'en'] as const;

/** A language of the report. */
export type ReportLang = (typeof reportLangs)[number];

/** `GET /report`: the date, the changes since, the language and the format. */
export const reportQuerystring = {
  type: 'object',
  additionalProperties: false,
  properties: {
    at: { type: 'string', maxLength: 40, description: 'The date (default: now).' },
    since: { type: 'string', maxLength: 40, description: 'Also list the changes since this date.' },
    lang: { type: 'string', enum: reportLangs, default: 'de' },
    format: { type: 'string', enum: reportFormats, default: 'html' },
  },
} as const;

/** `GET /report`'s query. */
export type ReportQuerystring = RequestOf<typeof reportQuerystring>;
