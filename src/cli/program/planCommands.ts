/** Part of `buildProgram` (main.ts): the migration and restore plans: plan waves, restore, show, accept, drop, joint. */
import { type Command, Option } from 'commander';
import type { LazyAction } from './lazyAction.js';

/** The migration and restore plans: plan waves, restore, show, accept, drop, joint. */
export function declarePlanCommands(program: Command, action: LazyAction): void {
  const plan = program.command('plan').description('migration plans: waves of a data-center move, joint operation');
  plan
    .command('waves')
    .description('plan the move of a site\'s applications to another site in dated waves; writes a proposed plan')
    .requiredOption('--name <plan>', 'id of the plan to write')
    .requiredOption('--from <site>', 'source site')
    .requiredOption('--to <site>', 'target site')
    .requiredOption('--start <date>', 'first possible cut-over date')
    .option('--end <date>', 'last possible cut-over date (default: start + 2 years)')
    .option('--days <weekdays>', 'allowed cut-over weekdays, comma-separated (mon … sun)', 'sat')
    .option('--max-apps <n>', 'applications per wave')
    .option('--max-vcpu <n>', 'vCPU per wave')
    .option('--target-devices <list>', 'DEVICE (receives every instance) or SOURCE=TARGET[+TARGET] (receives the instances on SOURCE), comma-separated; default: the target\'s devices of each instance\'s role')
    .option('--title <text>', 'title of the plan')
    .addOption(new Option('--solver <solver>', 'mip: optimal (or the gap at the time limit); greedy: fast, no guarantee').choices(['mip', 'greedy']).default('mip'))
    .option('--time-limit <seconds>', 'time limit of the MIP solver', '60')
    .option('--dry-run', 'print the plan without writing it')
    .action(action(() => import('../commands/planWaves.js')));
  plan
    .command('restore')
    .description('the restore order after a disaster (failed data center, encrypted devices or applications): dependencies first, RTO deadlines, users weighted by criticality; writes a proposed plan')
    .requiredOption('--name <plan>', 'id of the plan to write')
    .option('--fail <ids...>', 'failed applications, devices, sites or risk groups (several, or comma-separated)')
    .option('--scenario <file>', 'a scenario file (YAML: fail, start, slot_hours, shifts, apps_per_slot, vcpu_per_slot); options given here win')
    .option('--start <date-time>', 'when the disaster happened (default: --at, or now); shifts are read in its UTC offset')
    .option('--slot-hours <h>', 'length of a restore slot in hours (default 1)')
    .option('--shifts <list>', 'staff shifts, hours of the day, e.g. 06-14,14-22 (default 00-24)')
    .option('--apps-per-slot <n>', 'applications restorable per slot')
    .option('--vcpu-per-slot <n>', 'vCPU restorable per slot')
    .option('--title <text>', 'title of the plan')
    .addOption(new Option('--solver <solver>', 'mip: optimal (or the gap at the time limit); greedy: fast, with a lower bound').choices(['mip', 'greedy']).default('mip'))
    .option('--time-limit <seconds>', 'time limit of the MIP solver', '30')
    .option('--dry-run', 'print the order without writing it')
    .action(action(() => import('../commands/planRestore.js')));
  plan
    .command('show')
    .description('the waves of a plan: date, applications, size, split dependencies, verdict after each')
    .argument('<plan>')
    .action(action(() => import('../commands/planShow.js')));
  plan
    .command('accept')
    .description('schedule every proposed change set of a plan (proposed → scheduled); refused if a wave lies in the past')
    .argument('<plan>')
    .option('--backdate', 'record the waves dated before now as done (they happened as planned), the others scheduled')
    .action(action(() => import('../commands/planAccept.js')));
  plan
    .command('drop')
    .description('cancel every proposed change set of a plan')
    .argument('<plan>')
    .action(action(() => import('../commands/planDrop.js')));
  plan
    .command('joint')
    .description('joint-operation candidates (same product, separate instances for different providers) and what consolidating them frees; --apply writes a proposed plan')
    .option('--apply <plan>', 'write a proposed plan that consolidates one candidate')
    .option('--product <product>', 'the candidate to apply (its product)')
    .option('--keep <application>', 'the application that stays (default: the one serving most users)')
    .option('--effective <date>', 'date of the consolidation (default: the first day of next month)')
    .option('--dry-run', 'with --apply: show what would be written (and warnings: a date in a blackout), write nothing')
    .action(action(() => import('../commands/planJoint.js')));
}
