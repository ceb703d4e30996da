/** `verbund changeset status ID STATUS`: moves a change set along its life cycle. */
import type { ChangeSetStatus } from '../../timeline/changeSet.js';
import { out, withService, type GlobalOptions } from '../context.js';

export async function run(opts: GlobalOptions, id: string, status: ChangeSetStatus): Promise<void> {
  await withService(opts, async (service) => {
    await service.setStatus([{ id, to: status }]);
    out(`${id} is now ${status}`);
  });
}
