/**
 * A deterministic synthetic estate: the municipal IT of an invented German Land, shaped
 * like the real thing (districts, ~400 municipalities, providers merging into an
 * association, rings and spurs, data centers, Fachverfahren with dependencies, usages, a
 * timeline of the migration and a plan), for tests, demos and benchmarks at any size
 * without real data.
 *
 * Phases run in a fixed order, each with its own random stream (`Random.fork`), and each
 * meets its share of the target counts exactly where the structure allows:
 * organizations → network (sites, devices, links) → risk groups → applications → usages →
 * timeline.
 */
import { buildApplications } from './applications.js';
import { IdRegistry } from './names.js';
import { GeneratedCount } from './netBuilder.js';
import { buildNetwork } from './network.js';
import { buildOrganizations } from './organizations.js';
import { shapeOf, type Preset } from './presets.js';
import { buildRiskGroups } from './riskGroups.js';
import { buildTimeline } from './timeline.js';
import { INITIAL_DATE } from './timelineDates.js';
import type { EstateFileDocument } from './types.js';
import { buildUsages } from './usages.js';
import { Random } from '../util/Random.js';

export type { EstateFileDocument } from './types.js';
export type { Preset } from './presets.js';

/** What to generate. */
export interface GenerateOptions {
  /** Same seed, same options ⇒ byte-identical `JSON.stringify` output. */
  seed: number;
  /**
   * Size: `small` (a few hundred objects, for tests), `region` (a twentieth of a Land,
   * ~12,000 objects; the default) or `state` (~400 municipalities, 20,000 sites, 60,000
   * devices, 100,000 links, 5,000 risk groups, 1,000 applications, 50,000 usages, 50
   * change sets).
   */
  preset?: Preset;
  /** Multiplies the preset's counts (municipalities, sites, devices, …); default 1. */
  scale?: number;
}

/**
 * Generates an estate file document. `JSON.stringify` of the result is a valid estate file
 * (docs/file-format.md): the top-level objects form the initial change set, and every
 * change set applies without problems on top of the ones before it (baseline in order,
 * then the plan's proposals).
 *
 * @param onGenerated called now and then with the number of objects generated so far.
 */
export function generateEstate(opts: GenerateOptions, onGenerated?: (objects: number) => void): EstateFileDocument {
  const shape = shapeOf(opts.preset ?? 'region', opts.scale ?? 1);
  const rng = new Random(opts.seed, 'verbund-estate');
  const ids = new IdRegistry();
  const generated = new GeneratedCount(onGenerated);

  const orgs = buildOrganizations(rng.fork('organizations'), shape, ids);
  generated.add(orgs.docs.length);
  const network = buildNetwork(rng.fork('network'), shape, orgs, ids, generated);
  const riskGroups = buildRiskGroups(rng.fork('risk-groups'), network, orgs, shape.riskGroups, ids);
  generated.add(riskGroups.length);
  const apps = buildApplications(rng.fork('applications'), orgs, network.datacenters, shape.applications, ids);
  generated.add(apps.docs.length);
  const usages = buildUsages(rng.fork('usages'), orgs, apps, network.offices, shape.usages, ids);
  generated.add(usages.length);
  const { plans, changesets } = buildTimeline(rng.fork('timeline'), ids, { orgs, network, apps, usages, changeSets: shape.changeSets });
  generated.add(changesets.reduce((s, cs) => s + cs.changes.length, 0));
  generated.finish();

  return {
    version: 1,
    initial: { id: 'initial', title: 'Bestand bei Gründung des Zweckverbands (synthetisch)', effective: INITIAL_DATE },
    organizations: orgs.docs,
    sites: network.sites,
    risk_groups: riskGroups,
    devices: network.devices,
    links: network.links,
    applications: apps.docs,
    usages,
    plans,
    changesets,
  };
}
