/**
 * Joint-operation candidates (docs/planning.md, "Candidates"): applications of the same product that one operator
 * could run once for the customers of several providers, and what consolidating them frees.
 * Pure: reads one estate at one instant.
 */
import type { Application } from '../model/objectSchemas.js';
import type { Estate, StoredObject } from '../timeline/Estate.js';
// The shapes this file produces are part of the API's contract: declared in src/contracts.
import type { JointApplication, JointCandidate, Size } from '../contracts/planning.js';
export type { JointApplication, JointCandidate, Size };

/** An application object of the estate. */
export type ApplicationObject = Extract<StoredObject, { kind: 'application' }>;

/** The key that makes products equal: trimmed, inner blanks collapsed, case-insensitive. */
export function productKey(product: string): string {
  return product.trim().replace(/\s+/g, ' ').toLowerCase();
}

/**
 * Every joint-operation candidate of an estate, sorted by product.
 *
 * Applications form a group when they have the same {@link productKey} and are not retired.
 * A group is a candidate when it has at least two applications and two of them run
 * separately for different customers: they have different operators, or no tenant uses
 * both. Instances are not compared: an instance is a device, often a shared VM cluster,
 * so two installations of one product may well share one (OWL-IT's finance pair does);
 * each application object is its own installation.
 */
export function jointCandidates(estate: Estate): JointCandidate[] {
  const groups = new Map<string, ApplicationObject[]>();
  for (const a of estate.ofKind('application')) {
    if (a.status === 'retired' || a.product === undefined || a.product.trim() === '') continue;
    const key = productKey(a.product);
    const list = groups.get(key);
    if (list) list.push(a);
    else groups.set(key, [a]);
  }
  const uses = usagesByApplication(estate);
  const out: JointCandidate[] = [];
  for (const apps of groups.values()) {
    if (apps.length < 2) continue;
    const members = apps.map((a) => jointApplication(a, uses.get(a.id) ?? [])).sort((x, y) => (x.id < y.id ? -1 : 1));
    if (!hasSeparatePair(members)) continue;
    out.push(consolidation(estate, members, suggestKeeper(members)));
  }
  return out.sort((a, b) => (productKey(a.product) < productKey(b.product) ? -1 : 1));
}

/**
 * The candidate of `group` with `keep` as the application that stays: what it frees,
 * the keeper's size afterwards, the joint operator.
 */
export function consolidation(estate: Estate, group: readonly JointApplication[], keep: string): JointCandidate {
  const keeper = group.find((a) => a.id === keep);
  if (!keeper) throw new Error(`${keep} is not in the group`);
  const retired = group.filter((a) => a.id !== keep);
  const retiredIds = new Set(retired.map((a) => a.id));
  const stillUsed = new Set<string>();
  for (const a of estate.ofKind('application')) {
    if (a.status !== 'retired' && !retiredIds.has(a.id)) for (const d of a.instances ?? []) stillUsed.add(d);
  }
  const freed = new Set(retired.flatMap((a) => a.instances).filter((d) => !stillUsed.has(d)));
  const versions = distinct(group.map((a) => a.version));
  const compatible = new Set(versions.map((v) => v.trim().toLowerCase())).size <= 1;
  const app = estate.get(keep) as ApplicationObject;
  return {
    product: app.product!.trim(),
    applications: [...group],
    operators: distinct(group.map((a) => a.operator)),
    tenants: distinct(group.flatMap((a) => a.tenants)),
    users: group.reduce((n, a) => n + a.users, 0),
    versions,
    compatible,
    note: compatible ? null : `versions differ: ${versions.join(' vs ')}`,
    keep,
    operator: jointOperator(estate, group) ?? keeper.operator,
    keeperSize: sumSizes(group.map((a) => a.size)),
    frees: { applications: retired.map((a) => a.id), size: sumSizes(retired.map((a) => a.size)), instances: [...freed].sort() },
  };
}

/** The members of a candidate group as {@link jointCandidates} describes them. */
export function jointApplication(a: ApplicationObject, usages: readonly { tenant: string; users?: number | undefined }[]): JointApplication {
  return {
    id: a.id,
    name: a.name,
    operator: a.operator ?? null,
    version: a.version?.trim() || null,
    status: a.status ?? null,
    tenants: distinct(usages.map((u) => u.tenant)),
    users: usages.reduce((n, u) => n + (u.users ?? 0), 0),
    usages: usages.length,
    instances: [...(a.instances ?? [])],
    size: sizeOf(a.size),
  };
}

/** Usages of each application. */
export function usagesByApplication(estate: Estate): Map<string, Extract<StoredObject, { kind: 'usage' }>[]> {
  const out = new Map<string, Extract<StoredObject, { kind: 'usage' }>[]>();
  for (const u of estate.ofKind('usage')) {
    const list = out.get(u.application);
    if (list) list.push(u);
    else out.set(u.application, [u]);
  }
  return out;
}

/** The keeper suggested: the application serving most users; then the larger size; then the id. */
export function suggestKeeper(group: readonly JointApplication[]): string {
  const key = (a: JointApplication): number[] => [a.users, a.size.vcpu, a.size.ram_gb, a.size.storage_tb];
  let best = group[0]!;
  for (const a of group.slice(1)) {
    const [ka, kb] = [key(a), key(best)];
    const i = ka.findIndex((v, j) => v !== kb[j]);
    if (i >= 0 ? ka[i]! > kb[i]! : a.id < best.id) best = a;
  }
  return best.id;
}

function hasSeparatePair(group: readonly JointApplication[]): boolean {
  for (let i = 0; i < group.length; i++) {
    for (let j = i + 1; j < group.length; j++) {
      const [a, b] = [group[i]!, group[j]!];
      if (a.operator !== b.operator || !a.tenants.some((t) => b.tenants.includes(t))) return true;
    }
  }
  return false;
}

/** The one organization every operator of the group is a member of, if there is exactly one. */
function jointOperator(estate: Estate, group: readonly JointApplication[]): string | null {
  const operators = distinct(group.map((a) => a.operator));
  if (operators.length < 2) return null;
  let common: string[] | undefined;
  for (const id of operators) {
    const o = estate.get(id);
    const parents = o?.kind === 'organization' ? (o.member_of ?? []) : [];
    common = common === undefined ? [...parents] : common.filter((p) => parents.includes(p));
  }
  return common?.length === 1 ? common[0]! : null;
}

function sizeOf(s: Application['size']): Size {
  return { vcpu: s?.vcpu ?? 0, ram_gb: s?.ram_gb ?? 0, storage_tb: s?.storage_tb ?? 0 };
}

/** Sums sizes; rounded to 6 digits so that 0.1 + 0.2 prints as 0.3. */
export function sumSizes(sizes: readonly Size[]): Size {
  const r = (x: number): number => Math.round(x * 1e6) / 1e6;
  return {
    vcpu: r(sizes.reduce((n, s) => n + s.vcpu, 0)),
    ram_gb: r(sizes.reduce((n, s) => n + s.ram_gb, 0)),
    storage_tb: r(sizes.reduce((n, s) => n + s.storage_tb, 0)),
  };
}

function distinct(values: readonly (string | null)[]): string[] {
  return [...new Set(values.filter((v): v is string => v !== null))].sort();
}
