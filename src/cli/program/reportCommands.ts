/** Part of `buildProgram` (main.ts): what the estate reports over time: report and the migration progress (`progress`). */
import { type Command, Option } from 'commander';
import type { LazyAction } from './lazyAction.js';

/** What the estate reports over time: report and the migration progress (`progress`). */
export function declareReportCommands(program: Command, action: LazyAction): void {
  program
    .command('report')
    .description('the continuity and resilience report at --at (German by default): verdicts, SPOFs per application and municipality, accepted risks, data-center distances, availability, recovery targets against the restore order, failover tests, changes')
    .addOption(new Option('--format <format>', 'output format').choices(['pdf', 'html', 'md']).default('html'))
    .option('-o, --out <file>', 'write to a file (required for pdf; otherwise stdout)')
    .addOption(new Option('--lang <lang>', 'language').choices(['de', 'en']).default('de'))
    .option('--tenant <org>', 'the report a tenant gets: its own services only')
    .option('--since <date>', 'also list the changes since this date')
    .option('--scenario <file>', 'measure recovery targets against this scenario (as plan restore takes it); default: the worst data-center loss, one application per hour')
    .option('--time-limit <seconds>', 'time limit of the restore MIP per scenario', '10')
    .action(action(() => import('../commands/report.js')));

  program
    .command('progress')
    .description('per date, applications by status (legacy, migrating, migrated, joint, planned, retired), with and without --plan')
    .option('--from <date>', 'first date (default: the first change)')
    .option('--to <date>', 'last date (default: the last change)')
    .action(action(() => import('../commands/progress.js')));
}
