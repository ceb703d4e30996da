/** Part of `buildProgram` (main.ts): the analyses of the estate at one date: check, what-if, paths, availability, and timeline check over every date. */
import { type Command, Option } from 'commander';
import type { LazyAction } from './lazyAction.js';

/** The analyses of the estate at one date: check, what-if, paths, availability, and timeline check over every date. */
export function declareAnalysisCommands(program: Command, action: LazyAction): void {
  program
    .command('check')
    .description('verdicts per service (redundant, georedundant), the SPOF report with accepted risks; exit 1 on an open SPOF')
    .addOption(new Option('--fail-on <which>', 'which SPOFs make the exit code 1: open ones, any (accepted too), never').choices(['open', 'any', 'never']).default('open'))
    .option('--georedundancy', 'also exit 1 on open georedundancy gaps (a data-center site breaks services; data centers closer than the minimum)')
    .option('--geo-minimum-km <km>', "minimum distance between the data centers of an application (default: the BSI's 100)")
    .option('--geo-recommended-km <km>', "recommended distance between the data centers of an application (default: the BSI's 200)")
    .option('--tenant <id>', 'only the services of this tenant')
    .option('--application <id>', 'only the services of this application')
    .option('--site <id>', 'only the services at this site')
    .addOption(new Option('--verdict <verdict>', 'only the services with this verdict').choices(['surviving', 'failing', 'up', 'down', 'redundant', 'not-redundant', 'georedundant', 'not-georedundant']))
    .option('--limit <n>', 'list at most N services (and N SPOFs); the summary counts them all')
    .option('--summary', 'the counts and the SPOFs without the service lists')
    .option('--targets', 'also judge the recovery and availability targets: the restore order of each data center lost in turn against every WAZ/RTO, the availability against its target')
    .option('--scenario <file>', 'judge the recovery targets against this disaster instead (a scenario file, see plan restore); implies --targets')
    .action(action(() => import('../commands/check.js')));

  program
    .command('what-if')
    .description('what goes down, and what loses its redundancy, when these elements fail together')
    .requiredOption('--fail <ids...>', 'devices, links, sites or risk groups (several, or comma-separated)')
    .action(action(() => import('../commands/whatIf.js')));

  program
    .command('paths')
    .description('two independent paths between two ends (site → application: the service, agreeing with check), or why none exist')
    .argument('<from>', 'a site (where its users attach), a device, or an application (its instances)')
    .argument('<to>', 'an application, a site or a device')
    .option('--time-limit <seconds>', 'give up with "unknown" after this long', '10')
    .action(action(() => import('../commands/paths.js')));

  program
    .command('availability')
    .description('per service: availability, downtime minutes/year, dominant cut sets, target met?')
    .option('--tenant <id>', 'only the services of this tenant')
    .option('--application <id>', 'only the services of this application')
    .option('--site <id>', 'only the services at this site')
    .addOption(new Option('--max-order <n>', 'largest cut-set order').choices(['1', '2', '3']).default('3'))
    .option('--monte-carlo <n>', 'cross-check with N Monte Carlo samples (importance sampling)')
    .action(action(() => import('../commands/availability.js')));

  const timeline = program.command('timeline').description('the timeline as a whole');
  timeline
    .command('check')
    .description('the verdicts at every date where the estate (or the --plan overlay) changes; exit 1 if any date loses one')
    .action(action(() => import('../commands/timelineCheck.js')));
}
