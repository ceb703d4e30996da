/**
 * What every command gets: the global options, the store and the service, opened lazily.
 */
import { userInfo } from 'node:os';
import { openStore, resolveLocation, type Store } from '../store/openStore.js';
import { EstateService } from '../service/EstateService.js';

/** Global options of the CLI. */
export interface GlobalOptions {
  readonly db?: string;
  readonly at?: string;
  readonly plan?: string;
  readonly json?: boolean;
  readonly debug?: boolean;
  readonly user?: string;
}

/**
 * A use case's request (src/contracts/requests) as the command's options hold it: the same
 * names (commander turns `--max-apps` into `maxApps`), numbers as the text typed, which the
 * command checks and converts.
 */
export type OptionsOf<Request> = { readonly [K in keyof Request]: Request[K] extends number | undefined ? string | Extract<Request[K], undefined> : Request[K] };

/** The acting user for the audit: --user, VERBUND_USER, or the login name. */
export function actingUser(opts: GlobalOptions): string {
  if (opts.user) return opts.user;
  if (process.env.VERBUND_USER) return process.env.VERBUND_USER;
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}

/** Opens the store of the global options and runs `fn` with a service; always closes. */
export async function withService<T>(opts: GlobalOptions, fn: (service: EstateService, store: Store) => Promise<T>): Promise<T> {
  const store = await openStore(resolveLocation(opts));
  try {
    return await fn(new EstateService(store, actingUser(opts)), store);
  } finally {
    await store.close();
  }
}

/** Where the CLI prints; tests swap it to capture output without touching process streams. */
export const io = {
  stdout: (s: string): void => {
    process.stdout.write(s);
  },
  stderr: (s: string): void => {
    process.stderr.write(s);
  },
};

/** Writes a line to stdout. */
export function out(line = ''): void {
  io.stdout(`${line}\n`);
}

/** Writes a value as JSON to stdout. */
export function outJson(value: unknown): void {
  io.stdout(`${JSON.stringify(value, null, 2)}\n`);
}
