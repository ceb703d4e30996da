/**
 * GET /api/v1/report: the continuity and resilience report (docs/continuity.md) as a
 * download. A tenant gets its own report, built from the same tenant views as every other
 * analysis route; plans are the operator's drafts and do not apply.
 */
import { reportQuerystring } from '../../contracts/requests/report.js';
import { renderAuditReport, reportMediaType } from '../../report/renderAuditReport.js';
import { auditReport } from '../../service/auditReport.js';
import { nowKey } from '../../timeline/time.js';
import { principalOf } from '../authorization.js';
import { clientGone } from '../clientGone.js';
import type { RoutePlugin } from '../routePlugin.js';

/**
 * Seconds the restore MIP may take per scenario in the server: the CLI's default. The solves
 * run in the analysis pool, under its deadline, and stop when the client goes away.
 */
const SERVER_TIME_LIMIT = 10;

/** Registers the report route. */
export const reportRoutes: RoutePlugin = async (app, { ctx }) => {
  app.get(
    '/report',
    {
      config: { auth: 'viewer', tenant: true },
      schema: {
        tags: ['analyses'],
        summary: 'The continuity and resilience report at a date, as PDF, HTML or Markdown (a tenant: its own services only)',
        querystring: reportQuerystring,
        produces: Object.values(reportMediaType),
        response: { 200: { description: 'The report file', type: 'string' } },
      },
    },
    async (req, reply) => {
      const { at, since, lang, format } = req.query;
      const r = await auditReport(ctx.estates, { at: at ?? nowKey(), since, principal: principalOf(req), timeLimit: SERVER_TIME_LIMIT, analysis: ctx.analysis, runner: ctx.pool, signal: clientGone(reply) });
      const body = await renderAuditReport(r, lang, format);
      const name = `verbund-report-${r.at.slice(0, 10)}${r.tenant ? `-${r.tenant.id}` : ''}.${format}`;
      return reply
        .type(reportMediaType[format])
        .header('content-disposition', `attachment; filename="${name}"`)
        .send(body);
    },
  );
};
