/**
 * A plain brute-force oracle for the semantics of docs/analysis.md, written for clarity, not speed: fail each
 * element, search the graph, decide each service. The engine must agree with it.
 *
 * - Nodes are devices, plus sites without devices; edges are links.
 * - Failing a site fails its devices (or its own node); a risk group fails its members.
 * - A service is (usage, site of the usage). Its users attach at the site's access devices
 *   (all its devices if none is an access device; the site node if it has no devices).
 * - It is up under F iff some attach point survives F and the component of that point in
 *   (graph − F) holds a surviving instance of the application and of every application in
 *   its depends_on closure.
 */
import type { Estate, StoredObject } from '../../src/timeline/Estate.js';

/** One service of the estate. */
export interface OracleService {
  readonly usage: string;
  readonly tenant: string;
  readonly application: string;
  readonly site: string;
  /** Node ids where its users attach. */
  readonly attach: readonly string[];
  /** The application and its depends_on closure. */
  readonly needs: readonly string[];
}

/** A failure element. */
export interface OracleElement {
  readonly id: string;
  readonly kind: 'device' | 'link' | 'site' | 'risk-group';
  readonly nodes: readonly string[];
  readonly links: readonly string[];
}

function depIds(app: StoredObject): string[] {
  const deps = (app as { depends_on?: (string | { application: string })[] }).depends_on ?? [];
  return deps.map((d) => (typeof d === 'string' ? d : d.application));
}

/** Every service, in usage then site order. */
export function oracleServices(estate: Estate): OracleService[] {
  const devicesAt = new Map<string, StoredObject[]>();
  for (const d of estate.ofKind('device')) {
    const list = devicesAt.get(d.site) ?? [];
    list.push(d);
    devicesAt.set(d.site, list);
  }
  const out: OracleService[] = [];
  for (const u of [...estate.ofKind('usage')].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    const needs = new Set<string>();
    const stack = [u.application];
    while (stack.length) {
      const a = stack.pop()!;
      if (needs.has(a)) continue;
      needs.add(a);
      const app = estate.get(a);
      if (app) stack.push(...depIds(app));
    }
    for (const site of u.sites) {
      const devices = devicesAt.get(site) ?? [];
      const access = devices.filter((d) => (d as { role: string }).role === 'access');
      const attach = devices.length === 0 ? [site] : (access.length ? access : devices).map((d) => d.id);
      out.push({ usage: u.id, tenant: u.tenant, application: u.application, site, attach, needs: [...needs] });
    }
  }
  return out;
}

/** Every failure element: devices, links, sites and risk groups. */
export function oracleElements(estate: Estate): OracleElement[] {
  const out: OracleElement[] = [];
  const devices = [...estate.ofKind('device')];
  const links = [...estate.ofKind('link')];
  for (const d of devices) out.push({ id: d.id, kind: 'device', nodes: [d.id], links: [] });
  for (const l of links) out.push({ id: l.id, kind: 'link', nodes: [], links: [l.id] });
  for (const s of estate.ofKind('site')) {
    const at = devices.filter((d) => d.site === s.id).map((d) => d.id);
    out.push({ id: s.id, kind: 'site', nodes: at.length ? at : [s.id], links: [] });
  }
  for (const g of estate.ofKind('risk-group')) {
    out.push({
      id: g.id,
      kind: 'risk-group',
      nodes: devices.filter((d) => d.risk_groups?.includes(g.id)).map((d) => d.id),
      links: links.filter((l) => l.risk_groups?.includes(g.id)).map((l) => l.id),
    });
  }
  return out;
}

/** True if the service is up when the given nodes and links have failed. */
export function oracleIsUp(estate: Estate, s: OracleService, failedNodes: ReadonlySet<string>, failedLinks: ReadonlySet<string>): boolean {
  const adjacency = new Map<string, string[]>();
  for (const l of estate.ofKind('link')) {
    if (failedLinks.has(l.id) || failedNodes.has(l.a) || failedNodes.has(l.b)) continue;
    adjacency.set(l.a, [...(adjacency.get(l.a) ?? []), l.b]);
    adjacency.set(l.b, [...(adjacency.get(l.b) ?? []), l.a]);
  }
  for (const start of s.attach) {
    if (failedNodes.has(start)) continue;
    const seen = new Set([start]);
    const queue = [start];
    while (queue.length) for (const n of adjacency.get(queue.shift()!) ?? []) if (!seen.has(n)) (seen.add(n), queue.push(n));
    const ok = s.needs.every((a) => {
      const app = estate.get(a) as { instances?: string[] } | undefined;
      return (app?.instances ?? []).some((i) => !failedNodes.has(i) && seen.has(i));
    });
    if (ok) return true;
  }
  return false;
}

/** The elements (other than the service's own site) whose single failure breaks it. */
export function oracleBreakers(estate: Estate, s: OracleService, elements = oracleElements(estate)): string[] {
  return elements
    .filter((e) => !(e.kind === 'site' && e.id === s.site))
    .filter((e) => !oracleIsUp(estate, s, new Set(e.nodes), new Set(e.links)))
    .map((e) => e.id)
    .sort();
}
