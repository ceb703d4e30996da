/** `verbund user passwd NAME [--password-stdin]`: sets a new password and ends the user's sessions. */
import { out, type GlobalOptions } from '../context.js';
import { readPassword, withAccounts } from './userAccounts.js';

export async function run(opts: GlobalOptions & { passwordStdin?: boolean }, name: string): Promise<void> {
  const password = (await readPassword(opts.passwordStdin, true))!;
  await withAccounts(opts, async (accounts) => {
    await accounts.setPassword(name, password);
    out(`password of ${name} set; its sessions have ended`);
  });
}
