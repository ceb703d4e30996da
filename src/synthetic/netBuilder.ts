/**
 * Collects the sites, devices and links of a generated network and names them. Device ids
 * are `<site>.<suffix>` and a site's links `<site>.l<n>` / `<site>.up<n>`, so an id alone
 * tells a reader where a thing is.
 */
import type { IdRegistry } from './names.js';
import type { DeviceDoc, DeviceRole, LinkDoc, LinkType, SiteDoc } from './types.js';

/** Counts generated objects and reports every so often. */
export class GeneratedCount {
  private count = 0;
  private reported = 0;

  constructor(
    private readonly onGenerated: ((objects: number) => void) | undefined,
    private readonly every = 10_000,
  ) {}

  /** Counts `n` more objects. */
  add(n = 1): void {
    this.count += n;
    if (this.onGenerated && this.count - this.reported >= this.every) {
      this.reported = this.count;
      this.onGenerated(this.count);
    }
  }

  /** Reports the final count. */
  finish(): void {
    this.reported = this.count;
    this.onGenerated?.(this.count);
  }
}

/** The growing network. */
export class NetBuilder {
  readonly sites: SiteDoc[] = [];
  readonly devices: DeviceDoc[] = [];
  readonly links: LinkDoc[] = [];
  private readonly seq = new Map<string, number>();

  constructor(
    readonly ids: IdRegistry,
    private readonly generated: GeneratedCount,
  ) {}

  /** The next `<prefix><n>` for a per-prefix counter starting at 1. */
  nextName(prefix: string): string {
    const n = (this.seq.get(prefix) ?? 0) + 1;
    this.seq.set(prefix, n);
    return `${prefix}${n}`;
  }

  /** Adds a site whose id is already claimed. */
  addSite(site: SiteDoc): SiteDoc {
    this.sites.push(site);
    this.generated.add();
    return site;
  }

  /** Adds a device `<site>.<suffix>`. */
  addDevice(site: SiteDoc, suffix: string, role: DeviceRole, name: string, extra?: Partial<DeviceDoc>): DeviceDoc {
    const d: DeviceDoc = { id: this.ids.claim(`${site.id}.${suffix}`), name, site: site.id, role, ...extra };
    this.devices.push(d);
    this.generated.add();
    return d;
  }

  /** Adds a link with an explicit id. */
  addLink(id: string, a: string, b: string, type: LinkType, extra?: Partial<LinkDoc>): LinkDoc {
    const l: LinkDoc = { id: this.ids.claim(id), a, b, type, ...extra };
    this.links.push(l);
    this.generated.add();
    return l;
  }

  /** Adds a link inside a site, named `<site>.l<n>`. */
  intra(site: SiteDoc, a: string, b: string, type: LinkType, capacityGbps: number): LinkDoc {
    return this.addLink(this.nextName(`${site.id}.l`), a, b, type, { capacity_gbps: capacityGbps });
  }
}
