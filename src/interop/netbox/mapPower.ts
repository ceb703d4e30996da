/**
 * Rule: power panels, power feeds and PDUs → risk groups of type `power` of the devices they
 * feed (docs/netbox.md, "Power"). A device belongs to a source's group only when every power
 * port it has cabled is fed from that source (a device on two PDUs survives either one).
 * Sources are followed up the chain: a device fed by a PDU fed by a panel's feed is fed by
 * that panel.
 */
import type { NbTermination } from './NetboxPull.js';
import { displayOf, refId, type MappingContext } from './MappingContext.js';

export function mapPower(ctx: MappingContext): void {
  // device → the devices (PDUs) and panels that feed it directly.
  const fedBy = new Map<number, Set<string>>();
  const feeds = new Map(ctx.pull.lists['dcim.power-feeds'].map((f) => [f.id, f]));
  const cabledFeeds = new Set<number>();
  for (const c of ctx.pull.lists['dcim.cables']) {
    const ends = [(c.a_terminations as NbTermination[]) ?? [], (c.b_terminations as NbTermination[]) ?? []] as const;
    const port = ends.findIndex((e) => e.some((t) => t.object_type === 'dcim.powerport'));
    if (port < 0) continue;
    const consumers = ends[port]!.filter((t) => t.object_type === 'dcim.powerport').map((t) => refId(t.object?.device)!);
    const sources = ends[1 - port]!.flatMap((t) => {
      if (t.object_type === 'dcim.poweroutlet') return [`device:${refId(t.object?.device)}`];
      if (t.object_type === 'dcim.powerfeed') {
        cabledFeeds.add(t.object_id);
        return [`panel:${refId(feeds.get(t.object_id)?.power_panel)}`];
      }
      return [];
    });
    for (const d of consumers) for (const s of sources) (fedBy.get(d) ?? fedBy.set(d, new Set()).get(d)!).add(s);
  }
  // The single root each device depends on, per level: its direct source, and that source's root.
  const groups = new Map<string, Set<number>>();
  const join = (source: string, device: number): void => {
    (groups.get(source) ?? groups.set(source, new Set()).get(source)!).add(device);
  };
  for (const [device, sources] of fedBy) {
    if (sources.size !== 1) continue;
    let source = [...sources][0]!;
    const seen = new Set<string>();
    while (!seen.has(source)) {
      seen.add(source);
      join(source, device);
      const up = source.startsWith('device:') ? fedBy.get(Number(source.slice(7))) : undefined;
      if (!up || up.size !== 1) break;
      source = [...up][0]!;
    }
  }
  const panels = ctx.list('dcim.power-panels');
  for (const f of ctx.list('dcim.power-feeds')) {
    if (cabledFeeds.has(f.id)) ctx.report.outcome('dcim.power-feeds', 'feeds the risk group of its power panel');
    else ctx.report.skip('dcim.power-feeds', f, 'not cabled to any power port: NetBox does not say what it feeds');
  }
  for (const p of panels) {
    const members = groups.get(`panel:${p.id}`);
    if (!members?.size) {
      ctx.report.skip('dcim.power-panels', p, 'none of its feeds is cabled to a device: no risk group');
      continue;
    }
    addGroup(ctx, 'dcim.powerpanel', p.id, `power-${displayOf(p)}`, `Power panel ${displayOf(p)}`, members);
    ctx.report.outcome('dcim.power-panels', 'risk group (power)');
  }
  for (const [source, members] of groups) {
    if (!source.startsWith('device:')) continue;
    const id = Number(source.slice(7));
    const pdu = ctx.get('dcim.device', id);
    if (!pdu) continue;
    addGroup(ctx, 'power-source', id, `power-${pdu.id}`, `Power from ${pdu.fields.name as string}`, new Set([id, ...members]));
  }
}

function addGroup(ctx: MappingContext, type: string, id: number, wanted: string, name: string, members: Set<number>): void {
  const group = ctx.add('risk-group', type, id, wanted, { name, type: 'power', notes: 'Derived from NetBox power cabling: the devices fed only through this source.' });
  for (const m of members) {
    const d = ctx.get('dcim.device', m);
    if (d) ctx.joinRiskGroup(d, group.id);
  }
}
