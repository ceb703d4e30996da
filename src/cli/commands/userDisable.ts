/** `verbund user disable NAME [--enable]`: a disabled user cannot sign in and its tokens stop working. */
import { out, outJson, type GlobalOptions } from '../context.js';
import { withAccounts } from './userAccounts.js';

export async function run(opts: GlobalOptions & { enable?: boolean }, name: string): Promise<void> {
  await withAccounts(opts, async (accounts) => {
    const u = await accounts.setDisabled(name, opts.enable !== true);
    if (opts.json) return outJson(u);
    out(`${u.name} is ${u.disabled ? 'disabled' : 'enabled'}`);
  });
}
