/**
 * What the user and token commands share: the account service over the CLI's store, and
 * reading a password without echo (or from stdin for scripts).
 */
import { VerbundError } from '../../model/errors.js';
import { AccountService } from '../../service/AccountService.js';
import { io, withService, type GlobalOptions } from '../context.js';

/** Runs `fn` with the account service of the global options' store. */
export function withAccounts<T>(opts: GlobalOptions, fn: (accounts: AccountService) => Promise<T>): Promise<T> {
  return withService(opts, (_service, store) => fn(new AccountService(store)));
}

/** Where a password comes from: stdin (`--password-stdin`), else the terminal, else nowhere. */
export async function readPassword(fromStdin: boolean | undefined, required: boolean): Promise<string | undefined> {
  if (fromStdin) return (await readAll(process.stdin)).replace(/\r?\n$/, '');
  if (!process.stdin.isTTY) {
    if (required) throw new VerbundError('USAGE', 'no terminal to ask for the password on: pipe it in with --password-stdin');
    return undefined;
  }
  const first = await ask('password: ');
  const second = await ask('again: ');
  if (first !== second) throw new VerbundError('INVALID_INPUT', 'the two passwords differ');
  return first;
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  let s = '';
  for await (const chunk of stream) s += String(chunk);
  return s;
}

/** Reads a line from the terminal in raw mode, echoing nothing. */
function ask(prompt: string): Promise<string> {
  io.stderr(prompt);
  const stdin = process.stdin;
  return new Promise((resolve, reject) => {
    let value = '';
    stdin.setRawMode(true);
    stdin.resume();
    stdin.setEncoding('utf8');
    const done = (e?: Error): void => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off('data', onData);
      io.stderr('\n');
      if (e) reject(e);
      else resolve(value);
    };
    const onData = (chunk: string): void => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') return done();
        if (ch === '\u0003') return done(new VerbundError('USAGE', 'cancelled'));
        if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
        else value += ch;
      }
    };
    stdin.on('data', onData);
  });
}
