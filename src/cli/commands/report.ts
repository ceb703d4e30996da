/** `verbund report`: the continuity and resilience report at a date, as PDF, HTML or Markdown. */
import { writeFileSync } from 'node:fs';
import { VerbundError } from '../../model/errors.js';
import { renderAuditReport, type ReportFormat } from '../../report/renderAuditReport.js';
import type { ReportLang } from '../../report/reportText.js';
import { auditReport } from '../../service/auditReport.js';
import { nowKey } from '../../timeline/time.js';
import { actingUser, io, out, withService, type GlobalOptions } from '../context.js';
import { positiveNumber } from '../positiveNumber.js';
import { readScenario } from './planRestore.js';

interface ReportOptions extends GlobalOptions {
  format: ReportFormat;
  lang: ReportLang;
  out?: string;
  tenant?: string;
  since?: string;
  scenario?: string;
  timeLimit: string;
}

export async function run(opts: ReportOptions): Promise<void> {
  if (opts.plan !== undefined) throw new VerbundError('USAGE', 'the report describes the baseline at a date; --plan does not apply (use plan show or check --plan)');
  if (opts.format === 'pdf' && opts.out === undefined) throw new VerbundError('USAGE', '--format pdf writes a file: give -o FILE');
  const scenario = opts.scenario === undefined ? undefined : readScenario(opts.scenario);
  const bytes = await withService(opts, async (service) => {
    const principal = { name: actingUser(opts), role: opts.tenant === undefined ? ('admin' as const) : ('tenant' as const), tenant: opts.tenant ?? null };
    const r = await auditReport(service, { at: opts.at ?? nowKey(), principal, since: opts.since, scenario, timeLimit: positiveNumber(opts.timeLimit, '--time-limit') });
    return renderAuditReport(r, opts.lang, opts.format);
  });
  if (opts.out === undefined) return io.stdout(bytes.toString('utf8'));
  writeFileSync(opts.out, bytes);
  out(`wrote ${opts.out} (${opts.format}, ${bytes.length} bytes)`);
}
