/** `verbund user add NAME --role R [--tenant ORG] [--password-stdin]`: adds a user of the server. */
import { out, outJson, type GlobalOptions } from '../context.js';
import { readPassword, withAccounts } from './userAccounts.js';

export async function run(opts: GlobalOptions & { role: string; tenant?: string; passwordStdin?: boolean }, name: string): Promise<void> {
  const password = await readPassword(opts.passwordStdin, false);
  await withAccounts(opts, async (accounts) => {
    const u = await accounts.addUser({ name, role: opts.role, tenant: opts.tenant, password });
    if (opts.json) return outJson(u);
    out(`added ${u.role} ${u.name}${u.tenant ? ` (tenant of ${u.tenant})` : ''}${password === undefined ? '; no password: it signs in with tokens only (verbund token create)' : ''}`);
  });
}
