/** `verbund availability`: per service availability, downtime and dominant cut sets. */
import { VerbundError } from '../../model/errors.js';
import { AnalysisService } from '../../service/AnalysisService.js';
import { displayInstant } from '../../timeline/time.js';
import { out, outJson, withService, type GlobalOptions } from '../context.js';
import { table } from '../table.js';

interface AvailabilityOptions extends GlobalOptions {
  tenant?: string;
  application?: string;
  site?: string;
  maxOrder: '1' | '2' | '3';
  monteCarlo?: string;
}

export async function run(opts: AvailabilityOptions): Promise<void> {
  const monteCarlo = opts.monteCarlo === undefined ? undefined : Number(opts.monteCarlo);
  if (monteCarlo !== undefined && !(Number.isInteger(monteCarlo) && monteCarlo > 0)) throw new VerbundError('USAGE', `--monte-carlo takes a positive number of samples, got "${opts.monteCarlo}"`);
  await withService(opts, async (service) => {
    const r = await new AnalysisService(service).availability({
      at: opts.at,
      plan: opts.plan,
      tenant: opts.tenant,
      application: opts.application,
      site: opts.site,
      maxOrder: Number(opts.maxOrder) as 1 | 2 | 3,
      monteCarlo,
    });
    if (opts.json) return outJson(r);
    out(`availability at ${displayInstant(r.at)}${r.plan ? ` (plan ${r.plan})` : ''}: ${r.summary.services} services, cut sets up to order ${r.maxOrder}, ${r.summary.misses} below target`);
    out(`element figures: ${Object.entries(r.sources).map(([k, v]) => `${v} from ${k}`).join(', ')} (see docs/availability.md for the defaults)`);
    out('');
    out(
      table(
        ['usage', 'site', 'availability', 'min/year', 'target', '', 'dominant cut set', ...(monteCarlo ? ['Monte Carlo 95 % (min/year)'] : [])],
        r.services.map((x) => [
          x.usage,
          x.site,
          x.downWithoutFailures ? 'down' : `${(x.availability * 100).toFixed(4)} %`,
          x.downtimeMinutesPerYear.toFixed(1),
          x.target !== undefined ? `${(x.target * 100).toFixed(2)} %` : '',
          x.meetsTarget === false ? 'MISS' : '',
          x.cutSets[0] ? `${x.cutSets[0].elements.join(' + ')} (${(x.cutSets[0].probability * 525_600).toFixed(1)} min)` : '',
          ...(x.monteCarlo ? [`${(x.monteCarlo.low * 525_600).toFixed(1)}–${(x.monteCarlo.high * 525_600).toFixed(1)}${x.monteCarlo.warning ? ' (!)' : ''}`] : []),
        ]),
      ),
    );
  });
}
