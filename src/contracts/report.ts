/**
 * The continuity and resilience report (`GET /report`, `report`): its languages and formats.
 */

/** The languages of the report. */
export const reportLangs = ['de', 'en'] as const;

/** A language of the report. */
export type ReportLang = (typeof reportLangs)[number];

/** The formats of the report. */
export const reportFormats = ['pdf', 'html', 'md'] as const;

/** A format of the report. */
export type ReportFormat = (typeof reportFormats)[number];

/** The query of `GET /report`. */
export interface ReportQuery {
  /** The date (default: now). */
  readonly at?: string | undefined;
  /** Also list the changes since this date. */
  readonly since?: string | undefined;
  readonly lang?: ReportLang | undefined;
  readonly format?: ReportFormat | undefined;
}
