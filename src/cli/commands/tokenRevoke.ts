/** `verbund token revoke ID`: the token stops working at once. */
import { out, type GlobalOptions } from '../context.js';
import { withAccounts } from './userAccounts.js';

export async function run(opts: GlobalOptions, id: string): Promise<void> {
  await withAccounts(opts, async (accounts) => {
    await accounts.revokeToken(id);
    out(`token ${id} revoked`);
  });
}
