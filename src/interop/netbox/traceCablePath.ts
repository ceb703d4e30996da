/**
 * Path tracing as NetBox documents and implements it (`CablePath.from_origin`, docs/netbox.md
 * "Passive patching"): from an interface follow its cable to the far end; a front port leads
 * to its rear port (pushing the front port's position when the rear port carries several);
 * a rear port leads back to the front port of the position popped (or position 1 of a
 * single-position rear port; without a position the path splits); a circuit termination
 * leads to the circuit's other termination, and ends there at a provider network. The trace
 * records every passive part it passes: cables, circuits, patch-panel devices and trunks
 * (the stretch between two multi-position rear ports).
 */
import type { NbObject, NbTermination, NetboxPull } from './NetboxPull.js';
import { refId } from './MappingContext.js';

/** Where a trace ended. */
export type TraceEnd =
  | { readonly kind: 'interface'; readonly id: number; readonly device: number }
  | { readonly kind: 'provider-network'; readonly id: number; readonly circuit: number }
  | { readonly kind: 'circuit-open'; readonly circuit: number }
  | { readonly kind: 'incomplete'; readonly reason: string };

/** A trunk: the cables and circuits between two multi-position rear ports. */
export interface Trunk {
  /** The two rear ports, lower id first. */
  readonly rearPorts: readonly [number, number];
  readonly cables: readonly number[];
  readonly circuits: readonly number[];
}

/** A traced path from one interface. */
export interface Trace {
  readonly from: { readonly id: number; readonly device: number };
  readonly end: TraceEnd;
  readonly cables: number[];
  readonly circuits: number[];
  /** Devices of the front and rear ports passed (patch panels), in order, each once. */
  readonly panels: number[];
  readonly trunks: Trunk[];
}

interface CableEnd {
  readonly cable: NbObject;
  readonly side: 'a' | 'b';
}

/** Indexes of one pull that tracing reads. */
export class CableIndex {
  readonly endOf = new Map<string, CableEnd>();
  readonly frontPorts = new Map<number, NbObject>();
  readonly rearPorts = new Map<number, NbObject>();
  readonly frontByRear = new Map<string, NbObject>();
  readonly terminations = new Map<number, NbObject>();
  readonly circuitSides = new Map<number, { A?: NbObject; Z?: NbObject }>();

  constructor(pull: NetboxPull) {
    for (const c of pull.lists['dcim.cables']) {
      for (const side of ['a', 'b'] as const) {
        for (const t of (c[`${side}_terminations`] as NbTermination[] | undefined) ?? []) this.endOf.set(`${t.object_type}:${t.object_id}`, { cable: c, side });
      }
    }
    for (const p of pull.lists['dcim.front-ports']) {
      this.frontPorts.set(p.id, p);
      this.frontByRear.set(`${refId(p.rear_port)}:${p.rear_port_position as number}`, p);
    }
    for (const p of pull.lists['dcim.rear-ports']) this.rearPorts.set(p.id, p);
    for (const t of pull.lists['circuits.circuit-terminations']) {
      this.terminations.set(t.id, t);
      const c = refId(t.circuit);
      if (c === undefined) continue;
      const sides = this.circuitSides.get(c) ?? {};
      sides[t.term_side === 'Z' ? 'Z' : 'A'] = t;
      this.circuitSides.set(c, sides);
    }
  }
}

/** The longest path followed; NetBox's own paths are far shorter, a longer one is a loop. */
const MAX_HOPS = 64;

/** Traces the path that starts at interface `id` of `device`. */
export function traceCablePath(index: CableIndex, id: number, device: number): Trace {
  const trace: Trace = { from: { id, device }, end: { kind: 'incomplete', reason: 'not traced' }, cables: [], circuits: [], panels: [], trunks: [] };
  const stack: number[] = [];
  // Open trunks: the rear port where one started, with what it has passed since.
  const open: { rear: number; cables: number[]; circuits: number[] }[] = [];
  const end = (e: TraceEnd): Trace => ({ ...trace, end: e });
  const passPanel = (device: number | undefined): void => {
    if (device !== undefined && !trace.panels.includes(device)) trace.panels.push(device);
  };
  let at = `dcim.interface:${id}`;
  for (let hop = 0; hop < MAX_HOPS; hop++) {
    const here = index.endOf.get(at);
    if (!here) return end({ kind: 'incomplete', reason: `${at.replace(':', ' ')} has no cable` });
    const far = (here.cable[`${here.side === 'a' ? 'b' : 'a'}_terminations`] as NbTermination[] | undefined) ?? [];
    trace.cables.push(here.cable.id);
    for (const t of open) t.cables.push(here.cable.id);
    if (far.length !== 1) return end({ kind: 'incomplete', reason: `cable #${here.cable.id} has ${far.length} terminations at its far end (fan-out is not followed)` });
    const peer = far[0]!;
    switch (peer.object_type) {
      case 'dcim.interface':
        return end({ kind: 'interface', id: peer.object_id, device: refId(peer.object?.device) ?? -1 });
      case 'dcim.frontport': {
        const fp = index.frontPorts.get(peer.object_id);
        const rp = fp && index.rearPorts.get(refId(fp.rear_port) ?? -1);
        if (!fp || !rp) return end({ kind: 'incomplete', reason: `front port ${peer.object_id} or its rear port is not in the pull` });
        passPanel(refId(fp.device));
        if ((rp.positions as number) > 1) {
          stack.push(fp.rear_port_position as number);
          open.push({ rear: rp.id, cables: [], circuits: [] });
        }
        at = `dcim.rearport:${rp.id}`;
        break;
      }
      case 'dcim.rearport': {
        const rp = index.rearPorts.get(peer.object_id);
        if (!rp) return end({ kind: 'incomplete', reason: `rear port ${peer.object_id} is not in the pull` });
        passPanel(refId(rp.device));
        let position = 1;
        if ((rp.positions as number) > 1) {
          const popped = stack.pop();
          if (popped === undefined) return end({ kind: 'incomplete', reason: `the path splits at rear port ${rp.id} (no front port position to follow)` });
          position = popped;
          const t = open.pop()!;
          trace.trunks.push({ rearPorts: t.rear < rp.id ? [t.rear, rp.id] : [rp.id, t.rear], cables: t.cables, circuits: t.circuits });
        }
        const fp = index.frontByRear.get(`${rp.id}:${position}`);
        if (!fp) return end({ kind: 'incomplete', reason: `rear port ${rp.id} has no front port at position ${position}` });
        at = `dcim.frontport:${fp.id}`;
        break;
      }
      case 'circuits.circuittermination': {
        const ct = index.terminations.get(peer.object_id);
        const circuit = refId(ct?.circuit);
        if (!ct || circuit === undefined) return end({ kind: 'incomplete', reason: `circuit termination ${peer.object_id} is not in the pull` });
        trace.circuits.push(circuit);
        for (const t of open) t.circuits.push(circuit);
        const other = index.circuitSides.get(circuit)?.[ct.term_side === 'Z' ? 'A' : 'Z'];
        if (!other) return end({ kind: 'circuit-open', circuit });
        if (other.termination_type === 'circuits.providernetwork') return end({ kind: 'provider-network', id: other.termination_id as number, circuit });
        if (!index.endOf.has(`circuits.circuittermination:${other.id}`)) return end({ kind: 'incomplete', reason: `circuit ${circuit}: termination ${other.term_side as string} has no cable` });
        at = `circuits.circuittermination:${other.id}`;
        break;
      }
      default:
        return end({ kind: 'incomplete', reason: `the path reaches a ${peer.object_type}` });
    }
  }
  return end({ kind: 'incomplete', reason: `longer than ${MAX_HOPS} hops (a loop?)` });
}
