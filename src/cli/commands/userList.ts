/** `verbund user list`: the users of the server. */
import { out, outJson, type GlobalOptions } from '../context.js';
import { table } from '../table.js';
import { withAccounts } from './userAccounts.js';

export async function run(opts: GlobalOptions): Promise<void> {
  await withAccounts(opts, async (accounts) => {
    const users = await accounts.listUsers();
    if (opts.json) return outJson(users);
    if (!users.length) return out('no users');
    out(table(['name', 'role', 'tenant', 'disabled', 'created'], users.map((u) => [u.name, u.role, u.tenant ?? '', u.disabled ? 'yes' : '', u.createdAt.slice(0, 10)])));
  });
}
