/**
 * Maps one NetBox pull to the objects Verbund derives from it, with the import report
 * (docs/netbox.md). The rules run in dependency order: organizations, sites, devices, links
 * (with the passive parts collapsed into risk groups), circuit groups, power, applications.
 */
import type { StoredObject } from '../../timeline/Estate.js';
import { mapApplications } from './mapApplications.js';
import { mapCircuitGroups } from './mapCircuitGroups.js';
import { mapDevices } from './mapDevices.js';
import { mapLinks } from './mapLinks.js';
import { mapOrganizations } from './mapOrganizations.js';
import { mapPower } from './mapPower.js';
import { mapSites } from './mapSites.js';
import { MappingContext, type MappedObject } from './MappingContext.js';
import type { NetboxMap } from './NetboxMap.js';
import { NetboxIds } from './NetboxIds.js';
import type { NetboxPull } from './NetboxPull.js';
import type { ImportReport } from './ImportReport.js';

/** What a pull maps to. */
export interface NetboxMapping {
  readonly objects: readonly MappedObject[];
  readonly report: ImportReport;
}

/**
 * Maps `pull`; `existing` (the current estate) only decides ids: an object the sync wrote
 * before keeps its id.
 */
export function mapNetbox(pull: NetboxPull, map: NetboxMap, existing: Iterable<StoredObject>, mapFile = 'mapping file'): NetboxMapping {
  const ctx = new MappingContext(pull, map, new NetboxIds(existing));
  mapOrganizations(ctx);
  mapSites(ctx);
  mapDevices(ctx);
  mapLinks(ctx);
  mapCircuitGroups(ctx);
  mapPower(ctx);
  mapApplications(ctx, mapFile);
  return { objects: [...ctx.objects.values()], report: ctx.report.build() };
}
