/**
 * Rule: the passive parts that collapsed links pass become risk groups (docs/netbox.md,
 * "Passive patching"). This is where NetBox hides shared risk: several logical links patched
 * through one patch panel, or carried by one trunk between two multi-position rear ports
 * (and the circuit inside it), fail together. A part becomes a risk group when at least two
 * links pass it; the panel device is a member of its panel's group.
 */
import type { MappedObject, MappingContext } from './MappingContext.js';
import type { CableIndex, Trace } from './traceCablePath.js';
import { refId } from './MappingContext.js';

interface Part {
  readonly type: string;
  readonly key: string;
  readonly wantedId: string;
  readonly name: string;
  readonly links: MappedObject[];
  readonly device?: MappedObject;
}

export function collapsePassiveParts(ctx: MappingContext, collapsed: readonly { link: MappedObject; trace: Trace }[], index: CableIndex): void {
  const parts = new Map<string, Part>();
  const rearName = (id: number): string => {
    const rp = index.rearPorts.get(id);
    const dev = ctx.get('dcim.device', refId(rp?.device) ?? -1);
    return `${(dev?.fields.name as string | undefined) ?? `device ${refId(rp?.device)}`} ${rp?.name ?? id}`;
  };
  const rearDeviceId = (id: number): string => ctx.get('dcim.device', refId(index.rearPorts.get(id)?.device) ?? -1)?.id ?? String(id);
  const part = (p: Omit<Part, 'links'>): Part => {
    const k = `${p.type}:${p.key}`;
    let x = parts.get(k);
    if (!x) parts.set(k, (x = { ...p, links: [] }));
    return x;
  };
  for (const { link, trace } of collapsed) {
    for (const panel of trace.panels) {
      const device = ctx.get('dcim.device', panel);
      const name = (device?.fields.name as string | undefined) ?? `device ${panel}`;
      const p = part({ type: 'panel', key: String(panel), wantedId: `panel-${device?.id ?? panel}`, name: `Patch panel ${name}`, ...(device && { device }) });
      if (!p.links.includes(link)) p.links.push(link);
    }
    for (const t of trace.trunks) {
      const circuits = t.circuits.length ? ` (circuit ${t.circuits.map((c) => String(ctx.pull.lists['circuits.circuits'].find((x) => x.id === c)?.cid ?? c)).join(', ')})` : '';
      const p = part({ type: 'trunk', key: t.rearPorts.join('-'), wantedId: `trunk-${t.rearPorts.map(rearDeviceId).join('-')}`, name: `Trunk ${rearName(t.rearPorts[0])} ↔ ${rearName(t.rearPorts[1])}${circuits}` });
      if (!p.links.includes(link)) p.links.push(link);
    }
  }
  for (const p of parts.values()) {
    if (p.links.length < 2) continue;
    const group = ctx.add('risk-group', p.type, p.key, p.wantedId, {
      name: p.name,
      type: 'other',
      notes: `Derived from NetBox: ${p.links.length} links pass this ${p.type === 'panel' ? 'patch panel' : 'trunk between multi-position rear ports'} and fail with it.`,
    });
    for (const l of p.links) ctx.joinRiskGroup(l, group.id);
    if (p.device) ctx.joinRiskGroup(p.device, group.id);
  }
}
