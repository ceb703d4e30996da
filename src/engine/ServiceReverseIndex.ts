/**
 * Reverse indexes of a service model, for the multi-element passes of `analyzeSurvivability`
 * (multiElementAnalysis.ts): which services and applications a piece cut off touches.
 */
import { groupPairs, type Groups } from '../graph/groupBy.js';
import type { ServiceModel } from './services.js';

/** Node → services attaching there; node → applications with an instance there; application → services needing it. */
export class ServiceReverseIndex {
  readonly attachByNode: Groups;
  readonly appsByNode: Groups;
  readonly needersByApp: Groups;

  constructor(m: ServiceModel, nodeCount: number) {
    this.attachByNode = groupPairs(m.attach.members, slotOwner(m.attach, m.count), nodeCount);
    this.appsByNode = groupPairs(m.appInstances.members, slotOwner(m.appInstances, m.appIds.length), nodeCount);
    this.needersByApp = groupPairs(m.needs.members, slotOwner(m.needs, m.count), m.appIds.length);
  }
}

/** The group of each member slot of `g`. */
function slotOwner(g: Groups, count: number): Int32Array {
  const owner = new Int32Array(g.members.length);
  for (let i = 0; i < count; i++) owner.fill(i, g.offsets[i]!, g.offsets[i + 1]!);
  return owner;
}
