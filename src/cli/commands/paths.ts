/** `verbund paths FROM TO`: two independent paths, or a minimal reason why none exist. */
import { VerbundError } from '../../model/errors.js';
import { AnalysisService, type PathsReport } from '../../service/AnalysisService.js';
import { displayInstant } from '../../timeline/time.js';
import { out, outJson, withService, type GlobalOptions } from '../context.js';

interface PathsOptions extends GlobalOptions {
  timeLimit: string;
}

export async function run(opts: PathsOptions, from: string, to: string): Promise<number> {
  const seconds = Number(opts.timeLimit);
  if (!(seconds > 0)) throw new VerbundError('USAGE', `--time-limit takes seconds, got "${opts.timeLimit}"`);
  return withService(opts, async (service) => {
    const r = await new AnalysisService(service).paths(from, to, { at: opts.at, plan: opts.plan, timeLimitMs: seconds * 1000 });
    if (opts.json) {
      outJson(r);
      return r.status === 'found' ? 0 : 1;
    }
    out(`paths from ${r.from.kind} ${r.from.id} (${r.from.nodes.join(', ')}) to ${r.to.kind} ${r.to.id} (${r.to.nodes.join(', ')}) at ${displayInstant(r.at)}${r.plan ? ` (plan ${r.plan})` : ''}`);
    // Which definition applies (docs/analysis.md "paths").
    const rule =
      r.mode === 'service'
        ? `no shared link, device, risk group or site other than ${r.shareable.join(', ')} (the service's own site and the data centers)`
        : 'no shared link, device, site or risk group other than the ends';
    out(`as a ${r.mode === 'service' ? 'service (site → application)' : 'node-to-node question'}`);
    out('');
    if (r.status === 'found') {
      out(`independent (${rule}): yes`);
      r.paths.forEach((p, i) => out(`  path ${i + 1}: ${hops(p)}`));
    } else {
      out(`independent (${rule}): ${r.status === 'none' ? 'no' : 'unknown (time limit reached)'}`);
      if (r.reason) out(`  reason: ${r.reason.message}`);
      const plain = r.nodeLinkDisjoint;
      out('');
      out(`sharing no device and no link (risk groups ignored): ${plain.status === 'found' ? 'yes' : 'no'}`);
      if (plain.status === 'found') plain.paths.forEach((p, i) => out(`  path ${i + 1}: ${hops(p)}`));
      else if (plain.reason) out(`  reason: ${plain.reason.message}`);
    }
    return r.status === 'found' ? 0 : 1;
  });
}

function hops(p: PathsReport['paths'][number]): string {
  const parts: string[] = [];
  p.nodes.forEach((n, i) => {
    parts.push(n);
    if (i < p.links.length) parts.push(`-[${p.links[i]}]-`);
  });
  return parts.join(' ');
}
