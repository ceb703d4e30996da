/**
 * The `verbund` command line. Commands are declared in program/ and their code is loaded only when
 * run, so that a quick `show` does not pay for parsers it does not use.
 */
import { Command, CommanderError } from 'commander';
import { errorCatalogue, formatProblem, VerbundError } from '../model/errors.js';
import { io, type GlobalOptions } from './context.js';
import { declareAnalysisCommands } from './program/analysisCommands.js';
import { declareEstateCommands } from './program/estateCommands.js';
import { declareGenerateCommand } from './program/generateCommand.js';
import { lazyAction } from './program/lazyAction.js';
import { declarePlanCommands } from './program/planCommands.js';
import { declareReportCommands } from './program/reportCommands.js';
import { declareServerCommands } from './program/serverCommands.js';

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
 * that both say the same): the global options here, the commands by group in program/, in
 * the order `--help` lists them. `outcome.code` receives the exit code of the command that runs.
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

  const action = lazyAction(outcome);
  declareEstateCommands(program, action);
  declareAnalysisCommands(program, action);
  declarePlanCommands(program, action);
  declareReportCommands(program, action);
  declareServerCommands(program, action);
  declareGenerateCommand(program, action);

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
