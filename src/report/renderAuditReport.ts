/** One entry for every caller (CLI, API): a report in a language and a format. */
import type { AuditReport } from '../service/auditReport.js';
import { reportDocument } from './reportDocument.js';
import { renderPdf } from './renderPdf.js';
import { renderHtml, renderMarkdown } from './renderReport.js';
import type { ReportLang } from './reportText.js';

/** The formats of the report. */
export const reportFormats = ['pdf', 'html', 'md'] as const;
/** A format of the report. */
export type ReportFormat = (typeof reportFormats)[number];

/** Media types of the formats. */
export const reportMediaType: Readonly<Record<ReportFormat, string>> = {
  pdf: 'application/pdf',
  html: 'text/html; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
};

/** The report's bytes in a format. */
export async function renderAuditReport(r: AuditReport, lang: ReportLang, format: ReportFormat): Promise<Buffer> {
  const d = reportDocument(r, lang);
  if (format === 'pdf') return renderPdf(d);
  return Buffer.from(format === 'html' ? renderHtml(d) : renderMarkdown(d), 'utf8');
}
