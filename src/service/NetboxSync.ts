/**
 * The NetBox import as a use case (docs/netbox.md): map a pull, diff it against the current
 * estate, and write the difference as one `done` change set at the pull time, by
 * "netbox sync", with the NetBox URL and version in its notes — or write nothing when nothing
 * changed, or when it is a dry run.
 */
import { diffAgainstEstate, type SyncDiff } from '../interop/netbox/diffAgainstEstate.js';
import type { ImportReport } from '../interop/netbox/ImportReport.js';
import { mapNetbox } from '../interop/netbox/mapNetbox.js';
import type { NetboxMap } from '../interop/netbox/NetboxMap.js';
import type { NetboxPull } from '../interop/netbox/NetboxPull.js';
import type { EstateService } from './EstateService.js';
import { english } from './serverTexts.js';

/** The author of every sync change set. */
const NETBOX_SYNC_AUTHOR = 'netbox sync';

/** Options of a sync. */
export interface NetboxSyncOptions {
  readonly map?: NetboxMap;
  /** Name of the mapping file, for messages. */
  readonly mapFile?: string;
  readonly dryRun?: boolean;
  /** When the pull was taken (default now); the change set's effective instant. */
  readonly pulledAt?: Date;
}

/** What a sync did. */
export interface NetboxSyncResult {
  readonly url: string;
  readonly version: string;
  readonly pulledAt: string;
  /** Id of the change set written; absent on a dry run or when nothing changed. */
  readonly changeset?: string;
  readonly dryRun: boolean;
  readonly diff: Omit<SyncDiff, 'changes'> & { readonly changes: number };
  readonly objects: Record<string, number>;
  readonly report: ImportReport;
}

/** Maps, diffs and (unless dry) writes one pull. */
export async function syncNetbox(service: EstateService, pull: NetboxPull, opts: NetboxSyncOptions = {}): Promise<NetboxSyncResult> {
  const pulledAt = (opts.pulledAt ?? new Date()).toISOString();
  const { estate } = await service.estate({ at: pulledAt });
  const map = opts.map ?? {};
  const mapping = mapNetbox(pull, map, estate.values(), opts.mapFile);
  const diff = diffAgainstEstate(mapping.objects, estate, { applications: (map.applications?.length ?? 0) + (map.usages?.length ?? 0) > 0 });
  const objects: Record<string, number> = {};
  for (const o of mapping.objects) objects[o.kind] = (objects[o.kind] ?? 0) + 1;
  const { changes, ...rest } = diff;
  const result = { url: pull.url, version: pull.version, pulledAt, dryRun: opts.dryRun ?? false, diff: { ...rest, changes: changes.length }, objects, report: mapping.report };
  if (opts.dryRun || changes.length === 0) return result;
  const id = `netbox-sync-${pulledAt.replace(/[-:]/g, '').replace(/\.\d+Z$/, 'z').toLowerCase()}`;
  await service.addChangeSets({
    plans: [],
    changesets: [
      {
        id,
        title: english('netbox.sync', { added: diff.added.length, removed: diff.removed.length, changed: diff.changed.length }),
        effective: pulledAt,
        status: 'done',
        author: NETBOX_SYNC_AUTHOR,
        notes: `Pulled from NetBox ${pull.version} at ${pull.url}`,
        changes,
      },
    ],
  });
  return { ...result, changeset: id };
}
