/** `verbund what-if --fail ID…`: services down and degraded when elements fail together. */
import { AnalysisService } from '../../service/AnalysisService.js';
import { displayInstant } from '../../timeline/time.js';
import { io, out, outJson, withService, type GlobalOptions } from '../context.js';
import { table } from '../table.js';

interface WhatIfOptions extends GlobalOptions {
  fail: string[];
}

export async function run(opts: WhatIfOptions): Promise<void> {
  const ids = opts.fail.flatMap((x) => x.split(',')).map((x) => x.trim()).filter(Boolean);
  await withService(opts, async (service) => {
    const r = await new AnalysisService(service).whatIf(ids, { at: opts.at, plan: opts.plan });
    for (const u of r.unresolved) io.stderr(`verbund: warning: "${u}" is out of service at this date (retired, or a link to a retired device): failing it changes nothing\n`);
    if (opts.json) return outJson(r);
    out(`what if ${r.failed.filter((x) => !r.unresolved.includes(x)).join(', ')} fail at ${displayInstant(r.at)}${r.plan ? ` (plan ${r.plan})` : ''}:`);
    out(`${r.down.length} services down (${r.down.reduce((n, x) => n + x.users, 0)} users), ${r.degraded.length} degraded (still up, but now broken by a single further element that did not break them before)`);
    if (r.byTenant.length) {
      out('');
      out('by tenant:');
      out(table(['tenant', 'down', 'users down', 'degraded'], r.byTenant.map((t) => [t.tenant, t.down, t.users, t.degraded])));
      out('');
      out('by application:');
      out(table(['application', 'down', 'users down', 'degraded'], r.byApplication.map((t) => [t.application, t.down, t.users, t.degraded])));
    }
    if (r.down.length) {
      out('');
      out('down:');
      out(table(['usage', 'site', 'tenant', 'application', 'users'], r.down.map((x) => [x.usage, x.site, x.tenant, x.application, x.users])));
    }
    if (r.degraded.length) {
      out('');
      out('degraded:');
      out(table(['usage', 'site', 'tenant', 'application', 'now also broken by'], r.degraded.slice(0, 30).map((x) => [x.usage, x.site, x.tenant, x.application, x.newBreakers.slice(0, 4).map((b) => b.id).join(', ')])));
      if (r.degraded.length > 30) out(`… and ${r.degraded.length - 30} more (--json for all)`);
    }
    out('');
    out(`components left: ${r.components.length}${r.components.length > 1 ? ` (sizes ${r.components.slice(0, 6).map((c) => c.length).join(', ')}${r.components.length > 6 ? ', …' : ''})` : ''}`);
  });
}
