/** `verbund plan joint [--apply PLAN]`: joint-operation candidates, or write one as a plan. */
import { VerbundError } from '../../model/errors.js';
import { applyJoint, jointCandidates } from '../../service/jointOperation.js';
import { displayInstant } from '../../timeline/time.js';
import { out, outJson, withService, type GlobalOptions } from '../context.js';
import { table } from '../table.js';

interface PlanJointOptions extends GlobalOptions {
  apply?: string;
  product?: string;
  keep?: string;
  effective?: string;
  dryRun?: boolean;
}

export async function run(opts: PlanJointOptions): Promise<void> {
  if (opts.apply === undefined && (opts.keep !== undefined || opts.effective !== undefined)) {
    throw new VerbundError('USAGE', '--keep and --effective go with --apply PLAN');
  }
  // The new plan overlays the baseline at its own date: another plan or --at has no place here.
  if (opts.apply !== undefined && (opts.plan !== undefined || opts.at !== undefined)) {
    throw new VerbundError('USAGE', '--apply writes a plan over the baseline at --effective; leave out --plan and --at');
  }
  await withService(opts, async (service) => {
    if (opts.apply !== undefined) return applied(await applyJoint(service, { plan: opts.apply, product: opts.product, keep: opts.keep, effective: opts.effective, dryRun: opts.dryRun }), opts);
    const r = await jointCandidates(service, { at: opts.at, plan: opts.plan, product: opts.product });
    const { candidates } = r;
    if (opts.json) return outJson(r);
    out(`joint-operation candidates at ${displayInstant(r.at)}${r.plan ? ` (plan ${r.plan})` : ''}: ${candidates.length}`);
    if (!candidates.length) return;
    out(
      table(
        ['product', 'applications', 'operators', 'tenants', 'users', 'versions', 'keep', 'frees vCPU', 'RAM GB', 'storage TB', 'instances freed', 'in plan'],
        candidates.map((c) => [
          c.product,
          c.applications.map((a) => a.id),
          c.operators,
          c.tenants.length,
          c.users,
          c.compatible ? c.versions : `${c.versions.join(' vs ')} (!)`,
          c.keep,
          c.frees.size.vcpu,
          c.frees.size.ram_gb,
          c.frees.size.storage_tb,
          c.frees.instances.length ? c.frees.instances : 'none',
          c.plans.length ? c.plans : '-',
        ]),
      ),
    );
    out('');
    out('keep: the application serving most users stays and becomes joint; the others are retired and their usages move to it.');
    out('frees: the size of the retired applications; instances freed: theirs that no other running application uses.');
    for (const c of candidates.filter((x) => x.note)) out(`${c.product}: ${c.note}; check the upgrade before consolidating.`);
    out('');
    out(`consolidate one: verbund plan joint --apply NAME --product "${candidates[0]!.product}" [--keep APP] [--effective DATE]`);
  });
}

function applied(r: Awaited<ReturnType<typeof applyJoint>>, opts: PlanJointOptions): void {
  if (opts.json) return outJson(r);
  const c = r.candidate;
  out(`${r.written ? 'wrote' : 'would write (dry run)'} plan ${r.plan.id} ("${r.plan.title}") with one proposed change set:`);
  out(`  ${r.changeset.id}, effective ${r.changeset.effective}: ${r.changeset.title}`);
  out(`  ${c.keep} becomes joint${c.operator ? `, operated by ${c.operator}` : ''}, size ${c.keeperSize.vcpu} vCPU / ${c.keeperSize.ram_gb} GB RAM / ${c.keeperSize.storage_tb} TB (the sum)`);
  out(`  ${r.usages.length} usages re-pointed to ${c.keep}${r.dependents.length ? `; dependencies of ${r.dependents.join(', ')} too` : ''}`);
  out(`  retired: ${c.frees.applications.join(', ')}; frees ${c.frees.size.vcpu} vCPU, ${c.frees.size.ram_gb} GB RAM, ${c.frees.size.storage_tb} TB storage${c.frees.instances.length ? `, instances ${c.frees.instances.join(', ')}` : ''}`);
  if (c.note) out(`  note: ${c.note}`);
  for (const w of r.warnings) out(`  warning: ${w}`);
  if (!r.written) return;
  out('');
  out('next:');
  out(`  verbund timeline check --plan ${r.plan.id}`);
  out(`  verbund plan accept ${r.plan.id}`);
}
