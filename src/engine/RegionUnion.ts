/**
 * The failure elements in the relevant regions of a set of services (see availability.ts,
 * step 1), without building their models: what `sourcesOf: 'services'` counts. A region is
 * the terminals and the blocks of the minimal subtree of the block-cut forest spanning
 * them, so the union of regions is the union of those blocks and terminals.
 */
import { elementCode } from './buildModel.js';
import { serviceTerminals, spanningSubtree, type Shared } from './buildLocal.js';
import { DEVICE, GROUP, LINK } from './LocalModel.js';
import { DEVICE_NODE } from './projection.js';

/** The union of the relevant regions of the services added. */
export class RegionUnion {
  private readonly blocks: Uint8Array;
  private readonly terminals = new Set<number>();

  constructor(private readonly sh: Shared) {
    this.blocks = new Uint8Array(sh.blockCount);
  }

  /** Adds the region of the service with these attach nodes and instances per needed application. */
  add(attach: ArrayLike<number>, instances: readonly ArrayLike<number>[]): void {
    const found = serviceTerminals(this.sh, attach, instances);
    if (!found) return;
    for (const t of found.terminals) this.terminals.add(t);
    for (const v of spanningSubtree(this.sh, found.terminals)) if (v < this.sh.blockCount) this.blocks[v] = 1;
  }

  /** The codes of the failure elements in the union: devices, links and risk groups that can fail. */
  elements(): Set<number> {
    const { p, ua, nodeGroups, edgeGroups } = this.sh;
    const out = new Set<number>();
    const node = (v: number): void => {
      if (p.nodeKind[v] === DEVICE_NODE && ua.node[v]! > 0) out.add(elementCode(p, DEVICE, v));
      for (let k = nodeGroups.offsets[v]!; k < nodeGroups.offsets[v + 1]!; k++) if (ua.riskGroup[nodeGroups.members[k]!]! > 0) out.add(elementCode(p, GROUP, nodeGroups.members[k]!));
    };
    for (const t of this.terminals) node(t);
    for (let b = 0; b < this.sh.blockCount; b++) {
      if (!this.blocks[b]) continue;
      for (let i = this.sh.blockNodes.offsets[b]!; i < this.sh.blockNodes.offsets[b + 1]!; i++) node(this.sh.blockNodes.members[i]!);
      for (let i = this.sh.blockOffsets[b]!; i < this.sh.blockOffsets[b + 1]!; i++) {
        const e = this.sh.blockEdges[i]!;
        if (ua.edge[e]! > 0) out.add(elementCode(p, LINK, e));
        for (let k = edgeGroups.offsets[e]!; k < edgeGroups.offsets[e + 1]!; k++) if (ua.riskGroup[edgeGroups.members[k]!]! > 0) out.add(elementCode(p, GROUP, edgeGroups.members[k]!));
      }
    }
    return out;
  }
}
