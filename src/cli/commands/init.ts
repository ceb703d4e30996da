/** `verbund init`: creates or migrates the database. */
import { out, withService, type GlobalOptions } from '../context.js';

export async function run(opts: GlobalOptions): Promise<void> {
  await withService(opts, async (_service, store) => {
    out(`database ready (${store.dialect})`);
  });
}
