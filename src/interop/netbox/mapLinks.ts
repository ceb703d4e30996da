/**
 * Rule: cables and circuits → links between the active devices at their ends (docs/netbox.md,
 * "Cables and circuits"). Every cabled interface is traced ({@link traceCablePath}); a path is
 * one link, found from either end once:
 * - one cable between two interfaces: the cable's link;
 * - through one circuit and nothing passive: the circuit's link (carrier = provider);
 * - through patch panels or trunks: one collapsed link (`dcim.cablepath`), whose passive parts
 *   become risk groups ({@link collapsePassiveParts});
 * - to a provider network: a link from the device to the provider network's site;
 * - to a circuit with no far termination: a link to the provider's `internet` site.
 * Every cable and circuit is then accounted for in the report.
 */
import type { NbObject, NbTermination } from './NetboxPull.js';
import { choiceValue, displayOf, refField, refId, type MappedObject, type MappingContext } from './MappingContext.js';
import { CableIndex, traceCablePath, type Trace } from './traceCablePath.js';
import { collapsePassiveParts } from './collapsePassiveParts.js';

const FIBRE = /smf|mmf|fiber|fibre|^lc|^sc|^st|^fc|^mpo|aoc/;

/** Link type from what the path passes: a circuit's type, a cable's type, a fibre front port. */
function linkType(trace: Trace, cables: Map<number, NbObject>, index: CableIndex, circuits: Map<number, NbObject>): string {
  for (const c of trace.circuits) {
    const slug = refField(circuits.get(c)?.type, 'slug') ?? '';
    if (/fiber|fibre/.test(slug)) return 'fibre';
  }
  if (trace.circuits.length && !trace.panels.length) return 'leased-line';
  for (const id of trace.cables) if (FIBRE.test(choiceValue(cables.get(id)?.type) ?? '')) return 'fibre';
  for (const fp of index.frontPorts.values()) if (trace.panels.includes(refId(fp.device) ?? -1) && FIBRE.test(choiceValue(fp.type) ?? '')) return 'fibre';
  return 'copper';
}

export function mapLinks(ctx: MappingContext): void {
  const index = new CableIndex(ctx.pull);
  const cables = ctx.list('dcim.cables');
  const cableById = new Map(cables.map((c) => [c.id, c]));
  const circuits = new Map(ctx.list('circuits.circuits').map((c) => [c.id, c]));
  for (const _ of ctx.list('circuits.circuit-terminations')) ctx.report.outcome('circuits.circuit-terminations', 'an end of its circuit');
  const deviceName = (id: number): string => (ctx.get('dcim.device', id)?.fields.name as string | undefined) ?? `device ${id}`;
  const cableFate = new Map<number, string>();
  const circuitFate = new Map<number, string>();
  const collapsed: { link: MappedObject; trace: Trace }[] = [];
  const seen = new Set<string>();
  const starts = cables
    .flatMap((c) => [...((c.a_terminations as NbTermination[]) ?? []), ...((c.b_terminations as NbTermination[]) ?? [])])
    .filter((t) => t.object_type === 'dcim.interface')
    .sort((x, y) => x.object_id - y.object_id);
  for (const start of starts) {
    const trace = traceCablePath(index, start.object_id, refId(start.object?.device) ?? -1);
    const a = ctx.get('dcim.device', trace.from.device);
    const end = trace.end;
    if (end.kind === 'incomplete') {
      for (const c of trace.cables) if (!cableFate.has(c)) cableFate.set(c, `skipped: the path from ${deviceName(trace.from.device)} interface ${start.object?.name ?? start.object_id} is incomplete: ${end.reason}`);
      continue;
    }
    const key = end.kind === 'interface' ? [Math.min(start.object_id, end.id), Math.max(start.object_id, end.id)].join('-') : `${start.object_id}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const b =
      end.kind === 'interface' ? ctx.get('dcim.device', end.device)
      : end.kind === 'provider-network' ? ctx.get('circuits.providernetwork', end.id)
      : internetSite(ctx, circuits.get(end.circuit));
    const notInService = notInServiceReason(trace, cableById, circuits);
    if (!a || !b || a.id === b.id || notInService) {
      const why = notInService ?? (!a || !b ? 'an end device is not imported' : `both ends are on ${a.id}`);
      for (const c of trace.cables) cableFate.set(c, `skipped: ${why}`);
      for (const c of trace.circuits) circuitFate.set(c, `skipped: ${why}`);
      continue;
    }
    const circuit = trace.circuits.length === 1 ? circuits.get(trace.circuits[0]!) : undefined;
    const passive = trace.panels.length > 0 || trace.trunks.length > 0;
    const carrier = circuit ? ctx.get('circuits.provider', refId(circuit.provider) ?? -1) : undefined;
    const fields = {
      name: '',
      a: a.id,
      b: b.id,
      type: linkType(trace, cableById, index, circuits),
      ...(carrier && !passive && { carrier: carrier.id }),
    };
    let link: MappedObject;
    if (!passive && circuit) {
      fields.name = `Circuit ${String(circuit.cid)} (${displayOf(circuit.provider as NbObject)}): ${a.fields.name as string} ↔ ${b.fields.name as string}`;
      link = ctx.add('link', 'circuits.circuit', circuit.id, `circuit-${String(circuit.cid)}`, fields);
      circuitFate.set(circuit.id, 'link');
    } else if (!passive && trace.cables.length === 1) {
      fields.name = `Cable #${trace.cables[0]}: ${a.fields.name as string} ↔ ${b.fields.name as string}`;
      link = ctx.add('link', 'dcim.cable', trace.cables[0]!, `cable-${trace.cables[0]}`, fields);
    } else {
      fields.name = `${a.fields.name as string} ↔ ${b.fields.name as string} (patched, cables ${trace.cables.map((c) => `#${c}`).join(' ')})`;
      link = ctx.add('link', 'dcim.cablepath', key, `path-${a.id}-${b.id}`, fields);
      collapsed.push({ link, trace });
      for (const c of trace.circuits) circuitFate.set(c, 'carried in a trunk (risk group) of collapsed links');
    }
    for (const c of trace.circuits) (ctx.linksOfCircuit.get(c) ?? ctx.linksOfCircuit.set(c, []).get(c)!).push(link);
    for (const c of trace.cables) if (!cableFate.get(c)?.startsWith('link')) cableFate.set(c, passive ? 'part of a collapsed link' : 'link');
  }
  collapsePassiveParts(ctx, collapsed, index);
  return accountFor(ctx, cables, circuits, cableFate, circuitFate);
}

/**
 * Why a path carries no traffic yet or any more: a cable not `connected` (planned,
 * decommissioning) or a circuit not `active` (planned, provisioning, offline, deprovisioning,
 * decommissioned). Such a path is no link; NetBox has no date for when it will be one.
 */
function notInServiceReason(trace: Trace, cables: Map<number, NbObject>, circuits: Map<number, NbObject>): string | undefined {
  for (const id of trace.cables) {
    const status = choiceValue(cables.get(id)?.status) ?? 'connected';
    if (status !== 'connected') return `cable #${id} is ${status} in NetBox`;
  }
  for (const id of trace.circuits) {
    const status = choiceValue(circuits.get(id)?.status) ?? 'active';
    const date = circuits.get(id)?.install_date;
    if (status !== 'active') return `circuit ${String(circuits.get(id)?.cid ?? id)} is ${status} in NetBox${typeof date === 'string' ? ` (install date ${date})` : ''}`;
  }
  return undefined;
}

/** The `internet` site of a provider: where a circuit without a far termination goes. */
function internetSite(ctx: MappingContext, circuit: NbObject | undefined): MappedObject | undefined {
  const provider = refId(circuit?.provider);
  if (!circuit || provider === undefined) return undefined;
  const existing = ctx.get('internet', provider);
  if (existing) return existing;
  const org = ctx.get('circuits.provider', provider);
  const name = `${displayOf(circuit.provider as NbObject)} (Internet)`;
  return ctx.add('site', 'internet', provider, `${refField(circuit.provider, 'slug') ?? provider}-internet`, { name, type: 'internet', ...(org && { organization: org.id }), tags: ['netbox:circuit-without-far-end'] });
}

function accountFor(ctx: MappingContext, cables: readonly NbObject[], circuits: Map<number, NbObject>, cableFate: Map<number, string>, circuitFate: Map<number, string>): void {
  for (const c of cables) {
    const ends = [...((c.a_terminations as NbTermination[]) ?? []), ...((c.b_terminations as NbTermination[]) ?? [])].map((t) => t.object_type);
    const fate = cableFate.get(c.id);
    if (fate?.startsWith('skipped: ')) ctx.report.skip('dcim.cables', c, fate.slice('skipped: '.length));
    else if (fate) ctx.report.outcome('dcim.cables', fate);
    else if (ends.some((t) => t.startsWith('dcim.power'))) ctx.report.outcome('dcim.cables', 'power (risk groups of the devices fed)');
    else ctx.report.skip('dcim.cables', c, `no interface-to-interface path runs through it (ends: ${[...new Set(ends)].join(', ')})`);
  }
  for (const c of circuits.values()) {
    const fate = circuitFate.get(c.id);
    if (fate === 'link') {
      const end = refId(c.termination_a) === undefined ? ' (to the provider\'s internet site: no A termination)' : (c.termination_a as { termination_type?: string }).termination_type === 'circuits.providernetwork' ? ' (to the provider network)' : '';
      ctx.report.outcome('circuits.circuits', `link${end}`);
    } else if (fate?.startsWith('skipped: ')) ctx.report.skip('circuits.circuits', { id: c.id, display: String(c.cid) }, fate.slice('skipped: '.length));
    else if (fate) ctx.report.outcome('circuits.circuits', fate);
    else ctx.report.skip('circuits.circuits', { id: c.id, display: String(c.cid) }, 'no cabled interface reaches it');
  }
}
