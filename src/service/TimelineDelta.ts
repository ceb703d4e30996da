/**
 * What the change sets of one timeline step touch, as the incremental timeline check needs
 * it (docs/analysis.md, "timeline check"): the graph elements whose presence, ends, site,
 * role, status or risk groups may have changed, and the applications, usages and sites whose
 * services may have changed. Collected from each change with the object before and after it.
 */
import type { StoredObject } from '../timeline/Estate.js';
import type { Estate } from '../timeline/Estate.js';
import type { WalkChangeSet } from './walkTimeline.js';

/** The ids one step's change sets touch. */
export class TimelineDelta {
  /** Devices, and sites whose own node (a site without devices) may have changed. */
  readonly nodes = new Set<string>();
  readonly links = new Set<string>();
  /** Sites changed themselves: all their nodes count as touched. */
  readonly sites = new Set<string>();
  /** Risk groups changed themselves: all their members count as touched. */
  readonly riskGroups = new Set<string>();
  /** Sites whose services' attach points may have changed. */
  readonly serviceSites = new Set<string>();
  readonly applications = new Set<string>();
  readonly usages = new Set<string>();
  /** A change of a kind the check does not know how to bound: recompute everything. */
  unbounded = false;
  private readonly ids = new Set<string>();
  private readonly before = new Map<string, StoredObject | undefined>();

  /** Notes the objects a change set touches, as they are before it applies. */
  note(cs: WalkChangeSet, estate: Estate): void {
    for (const c of cs.changes) {
      if (!this.before.has(c.id)) this.before.set(c.id, estate.get(c.id));
      this.ids.add(c.id);
    }
  }

  /** True if no device, link, site or risk group changed: the graph is the same. */
  get graphUnchanged(): boolean {
    return this.nodes.size === 0 && this.links.size === 0 && this.sites.size === 0 && this.riskGroups.size === 0 && !this.unbounded;
  }

  /** Classifies the noted objects by the estate after the step. */
  close(estate: Estate): this {
    for (const id of this.ids) {
      const b = this.before.get(id);
      const a = estate.get(id);
      for (const o of [b, a]) if (o) this.classify(o);
      if (!a && !b) this.unbounded = true;
    }
    return this;
  }

  private classify(o: StoredObject): void {
    switch (o.kind) {
      case 'device':
        this.nodes.add(o.id);
        // The site's own node appears or disappears with its first or last device.
        this.nodes.add(o.site);
        this.serviceSites.add(o.site);
        return;
      case 'link':
        this.links.add(o.id);
        return;
      case 'site':
        this.sites.add(o.id);
        this.nodes.add(o.id);
        this.serviceSites.add(o.id);
        return;
      case 'risk-group':
        this.riskGroups.add(o.id);
        return;
      case 'application':
        this.applications.add(o.id);
        return;
      case 'usage':
        this.usages.add(o.id);
        return;
      // Neither the graph nor the services read these.
      case 'organization':
      case 'risk-acceptance':
      case 'failover-test':
        return;
      default:
        this.unbounded = true;
    }
  }
}
