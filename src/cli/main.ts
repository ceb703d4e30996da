/**
 * The `verbund` command line. Commands are declared here and their code is loaded only when
 * run, so that a quick `show` does not pay for parsers it does not use.
 */
import { Command, CommanderError, Option } from 'commander';
import { errorCatalogue, formatProblem, VerbundError } from '../model/errors.js';
import { io, type GlobalOptions } from './context.js';
import { changeSetStatuses } from '../timeline/changeSet.js';

// `verbund check | head` closes the pipe early: that is the reader's choice, not an error.
// Registered once per process, not per run (tests run the CLI many times in one process).
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});

/** Runs the CLI with `argv` (as process.argv); resolves to the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  const outcome = { code: 0 };
  const program = buildProgram(outcome);
  try {
    await program.parseAsync(argv as string[]);
    return outcome.code;
  } catch (e) {
    return reportError(e, program.opts<GlobalOptions>());
  }
}

/**
 * Declares every command and option (docs/cli.md documents each; test/cli.docs.test.ts checks
 * that both say the same). `outcome.code` receives the exit code of the command that runs.
 */
export function buildProgram(outcome: { code: number }): Command {
  const program = new Command('verbund')
    .description('One source of truth for shared municipal data centers, kept as a timeline.')
    .version('0.1.0')
    .option('--db <path>', 'SQLite file or postgres:// URL (default: $VERBUND_DATABASE_URL, $VERBUND_DB or ./verbund.db)')
    .option('--at <date>', 'the date (YYYY-MM-DD) or date-time to look at (default: now)')
    .option('--plan <plan>', 'overlay the proposed change sets of this plan')
    .option('--json', 'print JSON for scripts')
    .option('--user <name>', 'who records changes (default: $VERBUND_USER or the login name)')
    .option('--debug', 'show stack traces of internal errors')
    .exitOverride()
    .configureOutput({ writeErr: (s) => io.stderr(s), writeOut: (s) => io.stdout(s) })
    .showHelpAfterError();

  const action =
    (load: () => Promise<{ run: (opts: never, ...args: never[]) => Promise<number | void> }>) =>
    async (...args: unknown[]): Promise<void> => {
      const cmd = args[args.length - 1] as Command;
      const positional = args.slice(0, -2);
      const mod = await load();
      // optsWithGlobals merges the command's own options over the global ones.
      // A command may answer with an exit code of its own (check: 1 when a service fails).
      outcome.code = (await mod.run({ ...cmd.optsWithGlobals<GlobalOptions>() } as never, ...(positional as never[]))) ?? 0;
    };

  program.command('init').description('create (or migrate) the database').action(action(() => import('./commands/init.js')));

  program
    .command('import')
    .description('import estate files (YAML, JSON, CSV; a file or a folder) or a raw network (GraphML, SNDlib) as one transaction')
    .argument('<path>', 'file or folder')
    .addOption(new Option('--format <format>', 'input format (default: from the extension; .graphml is GraphML; SNDlib needs --format sndlib)').choices(['yaml', 'json', 'csv', 'graphml', 'sndlib']))
    .option('--kind <kind>', 'kind of the objects of a CSV file (default: from its name)')
    .addOption(new Option('--csv-locale <locale>', "numbers in CSV cells: de (';' separator, 1.234,5 — German Excel), en (',' separator, 1,234.5); default: the separator from the header, and ambiguous cells refused").choices(['de', 'en', 'auto']))
    .option('--effective <date>', 'effective date of the top-level objects (default: the file\'s initial.effective)')
    .option('--changeset <id>', 'id of the change set the top-level objects form')
    .action(action(() => import('./commands/import.js')));

  // `import netbox` is a subcommand: commander dispatches on the first word (a folder named
  // "netbox" is imported as ./netbox).
  program.commands
    .find((c) => c.name() === 'import')!
    .command('netbox')
    .description('pull NetBox (live, or recorded files with --from) and write what changed as one change set (docs/netbox.md)')
    .option('--url <url>', 'base URL of the NetBox, e.g. https://netbox.example')
    .option('--token-file <file>', 'file holding the NetBox API token (never printed or stored)')
    .option('--from <dir>', 'read recorded API answers from a folder instead (one <app>.<model>.json[.gz] per endpoint, status.json)')
    .option('--map <file>', 'mapping file: tenant and site types, roles, applications and usages (default: netbox-map.yaml in --from DIR if there)')
    .option('--dry-run', 'print the difference and write nothing')
    .action(action(() => import('./commands/importNetbox.js')));

  program
    .command('export')
    .description('write the estate as a file: every change set, or with --at the estate at that date and what follows')
    .addOption(new Option('--format <format>', 'output format').choices(['yaml', 'json']).default('yaml'))
    .option('-o, --out <file>', 'write to a file instead of stdout')
    .action(action(() => import('./commands/export.js')));

  program
    .command('show')
    .description('list the objects of a kind, or show one object, at --at (and --plan)')
    .argument('<kind>', 'organization, site, risk-group, device, link, application, usage, risk-acceptance (or plural)')
    .argument('[id]', 'one object')
    .action(action(() => import('./commands/show.js')));

  program
    .command('history')
    .description('every version of one object, with change set, author and who recorded it')
    .argument('<id>')
    .action(action(() => import('./commands/history.js')));

  program
    .command('diff')
    .description('what changed between two dates')
    .requiredOption('--from <date>', 'start date')
    .option('--to <date>', 'end date (default: now)')
    .action(action(() => import('./commands/diff.js')));

  const changeset = program.command('changeset').description('change sets of the timeline');
  changeset
    .command('list')
    .description('every change set, in timeline order')
    .action(action(() => import('./commands/changesetList.js')));
  changeset
    .command('add')
    .description('add the change sets (and plans) of a file, as one transaction')
    .argument('<file>')
    .action(action(() => import('./commands/changesetAdd.js')));
  changeset
    .command('status')
    .description('change the status of a change set (proposed → scheduled → done, or cancelled)')
    .argument('<id>')
    .addArgument(new Command().createArgument('<status>', 'new status').choices(changeSetStatuses))
    .action(action(() => import('./commands/changesetStatus.js')));

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
    .option('--scenario <file>', 'judge the recovery targets against this disaster (a scenario file, see plan restore); default: each data center lost in turn')
    .option('--no-targets', 'leave out the recovery and availability targets (no restore order, no availability analysis)')
    .action(action(() => import('./commands/check.js')));

  program
    .command('what-if')
    .description('what goes down, and what loses its redundancy, when these elements fail together')
    .requiredOption('--fail <ids...>', 'devices, links, sites or risk groups (several, or comma-separated)')
    .action(action(() => import('./commands/whatIf.js')));

  program
    .command('paths')
    .description('two independent paths between two ends (site → application: the service, agreeing with check), or why none exist')
    .argument('<from>', 'a site (where its users attach), a device, or an application (its instances)')
    .argument('<to>', 'an application, a site or a device')
    .option('--time-limit <seconds>', 'give up with "unknown" after this long', '10')
    .action(action(() => import('./commands/paths.js')));

  program
    .command('availability')
    .description('per service: availability, downtime minutes/year, dominant cut sets, target met?')
    .option('--tenant <id>', 'only the services of this tenant')
    .option('--application <id>', 'only the services of this application')
    .option('--site <id>', 'only the services at this site')
    .addOption(new Option('--max-order <n>', 'largest cut-set order').choices(['1', '2', '3']).default('3'))
    .option('--monte-carlo <n>', 'cross-check with N Monte Carlo samples (importance sampling)')
    .action(action(() => import('./commands/availability.js')));

  const timeline = program.command('timeline').description('the timeline as a whole');
  timeline
    .command('check')
    .description('the verdicts at every date where the estate (or the --plan overlay) changes; exit 1 if any date loses one')
    .action(action(() => import('./commands/timelineCheck.js')));

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
    .action(action(() => import('./commands/planWaves.js')));
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
    .action(action(() => import('./commands/planRestore.js')));
  plan
    .command('show')
    .description('the waves of a plan: date, applications, size, split dependencies, verdict after each')
    .argument('<plan>')
    .action(action(() => import('./commands/planShow.js')));
  plan
    .command('accept')
    .description('schedule every proposed change set of a plan (proposed → scheduled); refused if a wave lies in the past')
    .argument('<plan>')
    .option('--backdate', 'record the waves dated before now as done (they happened as planned), the others scheduled')
    .action(action(() => import('./commands/planAccept.js')));
  plan
    .command('drop')
    .description('cancel every proposed change set of a plan')
    .argument('<plan>')
    .action(action(() => import('./commands/planDrop.js')));
  plan
    .command('joint')
    .description('joint-operation candidates (same product, separate instances for different providers) and what consolidating them frees; --apply writes a proposed plan')
    .option('--apply <plan>', 'write a proposed plan that consolidates one candidate')
    .option('--product <product>', 'the candidate to apply (its product)')
    .option('--keep <application>', 'the application that stays (default: the one serving most users)')
    .option('--effective <date>', 'date of the consolidation (default: the first day of next month)')
    .option('--dry-run', 'with --apply: show what would be written (and warnings: a date in a blackout), write nothing')
    .action(action(() => import('./commands/planJoint.js')));

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
    .action(action(() => import('./commands/report.js')));

  program
    .command('progress')
    .description('per date, applications by status (legacy, migrating, migrated, joint, planned, retired), with and without --plan')
    .option('--from <date>', 'first date (default: the first change)')
    .option('--to <date>', 'last date (default: the last change)')
    .action(action(() => import('./commands/progress.js')));

  program
    .command('serve')
    .description('serve the HTTP API (and its docs at /api/docs) until SIGTERM/SIGINT')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--port <port>', 'port to listen on', '4680')
    .option('--body-limit <mib>', 'largest request body in MiB (default 10)')
    .option('--trust-proxy', 'trust X-Forwarded-* headers of a reverse proxy')
    .option('--analysis-threads <n>', 'worker threads for the analyses (default: the number of cores)')
    .option('--analysis-queue <n>', 'analyses that may wait for a thread before OVERLOADED (default 4 per thread)')
    .option('--analysis-timeout <seconds>', 'deadline of one analysis, waiting included (default 120)')
    .addOption(new Option('--log-level <level>', 'JSON log level').choices(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'))
    .action(action(() => import('./commands/serve.js')));
  const user = program.command('user').description('users of the server (roles: viewer, planner, operator, admin, tenant)');
  user
    .command('add')
    .description('add a user; asks for the password on a terminal')
    .argument('<name>')
    .addOption(new Option('--role <role>', 'its role').choices(['viewer', 'planner', 'operator', 'admin', 'tenant']).makeOptionMandatory())
    .option('--tenant <org>', 'the organization a tenant is bound to')
    .option('--password-stdin', 'read the password from stdin')
    .action(action(() => import('./commands/userAdd.js')));
  user.command('list').description('every user').action(action(() => import('./commands/userList.js')));
  user.command('disable').description('disable a user (--enable: enable again)').argument('<name>').option('--enable', 'enable instead').action(action(() => import('./commands/userDisable.js')));
  user.command('passwd').description('set a user\'s password; ends its sessions').argument('<name>').option('--password-stdin', 'read the password from stdin').action(action(() => import('./commands/userPasswd.js')));
  const token = program.command('token').description('API tokens (Authorization: Bearer …)');
  token
    .command('create')
    .description('create a token for a user and print it (only this once)')
    .argument('<user>')
    .option('--name <name>', 'what the token is for')
    .option('--expires <days>', 'expire after this many days (default: never)')
    .action(action(() => import('./commands/tokenCreate.js')));
  token.command('list').description('tokens, never their secrets').option('--of <user>', 'only the tokens of this user').action(action(() => import('./commands/tokenList.js')));
  token.command('revoke').description('revoke a token by its id').argument('<id>').action(action(() => import('./commands/tokenRevoke.js')));

  program
    .command('demo')
    .description('create a fresh database with the OWL-IT example and an admin, then serve the web UI (--no-serve: print a summary and exit)')
    .option('--no-serve', 'print the summary and exit instead of serving')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--port <port>', 'port to listen on', '4680')
    .action(action(() => import('./commands/demo.js')));

  program
    .command('generate')
    .description('write a synthetic estate, deterministic from --seed')
    .addOption(new Option('--preset <preset>', 'size').choices(['small', 'region', 'state']).default('small'))
    .option('--seed <n>', 'random seed', '1')
    .option('--scale <factor>', 'multiply the preset\'s counts')
    .addOption(new Option('--format <format>', 'output format').choices(['json', 'yaml']).default('json'))
    .option('-o, --out <file>', 'write to a file instead of stdout')
    .action(action(() => import('./commands/generate.js')));

  return program;
}

function reportError(e: unknown, opts: GlobalOptions): number {
  if (e instanceof CommanderError) {
    if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return 0;
    return errorCatalogue.USAGE.exit;
  }
  const err =
    e instanceof VerbundError
      ? e
      : new VerbundError('INTERNAL', `internal error: ${(e as Error)?.message ?? String(e)}${opts.debug ? '' : ' (run with --debug for details)'}`);
  if (opts.json) {
    io.stdout(`${JSON.stringify({ error: { code: err.code, message: err.message, details: err.problems } }, null, 2)}\n`);
  }
  io.stderr(`verbund: ${err.message}\n`);
  const shown = err.problems.slice(0, 200);
  for (const p of shown) io.stderr(`  ${formatProblem(p)}\n`);
  if (err.problems.length > shown.length) io.stderr(`  … and ${err.problems.length - shown.length} more (use --json for all)\n`);
  if (opts.debug && !(e instanceof VerbundError)) io.stderr(`${(e as Error)?.stack ?? ''}\n`);
  return err.exit;
}
