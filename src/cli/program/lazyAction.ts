/**
 * The action of a command whose code is loaded only when it runs (so that a quick `show`
 * does not pay for parsers it does not use).
 */
import type { Command } from 'commander';
import type { GlobalOptions } from '../context.js';

/** A command module: `run` takes the merged options and the positional arguments, and may answer an exit code. */
export type CommandModule = { run: (opts: never, ...args: never[]) => Promise<number | void> };

/** Turns the loader of a command module into a commander action. */
export type LazyAction = (load: () => Promise<CommandModule>) => (...args: unknown[]) => Promise<void>;

/** The lazy actions of one program; `outcome.code` receives the exit code of the command that runs. */
export function lazyAction(outcome: { code: number }): LazyAction {
  return (load) =>
    async (...args: unknown[]): Promise<void> => {
      const cmd = args[args.length - 1] as Command;
      const positional = args.slice(0, -2);
      const mod = await load();
      // optsWithGlobals merges the command's own options over the global ones.
      // A command may answer with an exit code of its own (check: 1 when a service fails).
      outcome.code = (await mod.run({ ...cmd.optsWithGlobals<GlobalOptions>() } as never, ...(positional as never[]))) ?? 0;
    };
}
