/**
 * Rule: circuit groups (NetBox 4.2+) → declared redundancy (docs/netbox.md, "Circuit groups").
 * NetBox lets an operator group circuits that back each other up; the links of a group's
 * circuits (the circuit's own link, or the collapsed links a circuit carries) get the group's
 * slug as `redundancy_group`, and `check` proves or refutes the declaration
 * (docs/analysis.md). A link in two groups keeps the first (by group id) and is flagged.
 */
import { displayOf, refId, type MappingContext } from './MappingContext.js';

export function mapCircuitGroups(ctx: MappingContext): void {
  const groups = new Map(ctx.list('circuits.circuit-groups').map((g) => [g.id, g]));
  const used = new Set<number>();
  const assignments = [...ctx.list('circuits.circuit-group-assignments')].sort((a, b) => (refId(a.group) ?? 0) - (refId(b.group) ?? 0) || a.id - b.id);
  for (const a of assignments) {
    const group = groups.get(refId(a.group) ?? -1);
    // 4.2 names the member generically (member_type/member_id); 4.1 had `circuit`.
    const circuit = a.member_type === 'circuits.circuit' || a.member_type === undefined ? ((a.member_id as number | undefined) ?? refId(a.circuit)) : undefined;
    if (!group || circuit === undefined) {
      ctx.report.skip('circuits.circuit-group-assignments', a, !group ? 'its group is not in the pull' : `a ${String(a.member_type)} is not a circuit (virtual circuits are not mapped)`);
      continue;
    }
    const links = ctx.linksOfCircuit.get(circuit) ?? [];
    if (!links.length) {
      ctx.report.skip('circuits.circuit-group-assignments', a, `circuit ${circuit} became no link (see the circuits in this report)`);
      continue;
    }
    const slug = group.slug ?? displayOf(group);
    for (const l of links) {
      const had = l.fields.redundancy_group as string | undefined;
      if (had !== undefined && had !== slug) ctx.report.flag(l.id, `in circuit groups ${had} and ${slug}: kept in ${had}`);
      else l.fields.redundancy_group = slug;
    }
    used.add(group.id);
    ctx.report.outcome('circuits.circuit-group-assignments', 'redundancy_group of its circuit\'s links');
  }
  for (const g of groups.values()) {
    if (used.has(g.id)) ctx.report.outcome('circuits.circuit-groups', 'declared redundancy (redundancy_group), verified by check');
    else ctx.report.skip('circuits.circuit-groups', g, 'no circuit of it became a link');
  }
}
