/** One entry for every caller (CLI, API): a report in a language and a format. */
import type { AuditReport } from '../service/auditReport.js';
import { reportDocument } from './reportDocument.js';
import { renderPdf } from './renderPdf.js';
import { renderHtml, renderMarkdown } from './renderReport.js';
import type { ReportFormat, ReportLang } from '../contracts/requests/report.js';

export type { ReportFormat } from '../contracts/requests/report.js';

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
