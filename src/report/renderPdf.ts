/**
 * Prints the HTML report to PDF with headless Chromium through playwright-core: the system's
 * Chromium (Debian's package, the one the e2e tests use; `VERBUND_CHROMIUM` overrides the
 * path), never a downloaded browser. Every page carries the report's date, the estate
 * version and its page number in the footer.
 */
import { existsSync } from 'node:fs';
import { VerbundError } from '../model/errors.js';
import type { ReportDocument } from './reportDocument.js';
import { escapeHtml, renderHtml } from './renderReport.js';

/** Where Chromium is looked for. */
export function chromiumPath(): string {
  return process.env.VERBUND_CHROMIUM ?? '/usr/bin/chromium';
}

/** The PDF of a report document. */
export async function renderPdf(d: ReportDocument): Promise<Buffer> {
  const executablePath = chromiumPath();
  if (!existsSync(executablePath)) throw new VerbundError('USAGE', `PDF needs Chromium at ${executablePath} (install Debian's chromium, or set VERBUND_CHROMIUM); --format html or md work without it`);
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath, headless: true, args: ['--no-sandbox'] });
  try {
    const page = await browser.newPage();
    await page.setContent(renderHtml(d), { waitUntil: 'load' });
    const page_ = escapeHtml(d.pageLabel.page).replace('{page}', '<span class="pageNumber"></span>').replace('{pages}', '<span class="totalPages"></span>');
    const footer = `<div style="font-size:8pt;width:100%;padding:0 12mm;display:flex;justify-content:space-between;font-family:Arial,sans-serif;color:#333">
<span style="flex:1;padding-right:6mm">${escapeHtml(d.title)} · ${escapeHtml(d.pageLabel.at)}: ${escapeHtml(d.at)} · ${escapeHtml(d.pageLabel.version)}: ${escapeHtml(d.version)}</span><span style="white-space:nowrap">${page_}</span></div>`;
    return await page.pdf({ format: 'A4', printBackground: true, displayHeaderFooter: true, headerTemplate: '<span></span>', footerTemplate: footer, margin: { top: '15mm', bottom: '18mm', left: '12mm', right: '12mm' }, tagged: true, outline: true });
  } finally {
    await browser.close();
  }
}
