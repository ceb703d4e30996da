/**
 * The services a multi-element pass evaluates (multiElementAnalysis.ts): those attached in
 * the failure or in a piece cut off, and those needing an application whose instances all
 * left the main piece of their component. Scratch arrays are shared by every pass.
 */
import type { FailureUnderTest } from './FailureUnderTest.js';
import type { ServiceReverseIndex } from './ServiceReverseIndex.js';
import type { ServiceModel } from './services.js';

/** The candidate services of one pass, `count` of them in `services`. */
export class AffectedServices {
  readonly services: Int32Array;
  count = 0;
  private readonly apps: Int32Array;
  private appCount = 0;
  private readonly serviceStamp: Int32Array;
  private readonly appStamp: Int32Array;
  private readonly labelMark: Int32Array;
  private token = 0;
  private labelToken = 0;

  /** @param labelCount labels a pass may use: the components of G − F and one per piece cut off. */
  constructor(
    private readonly m: ServiceModel,
    private readonly index: ServiceReverseIndex,
    private readonly comp0: Int32Array,
    labelCount: number,
  ) {
    this.services = new Int32Array(m.count);
    this.apps = new Int32Array(m.appIds.length);
    this.serviceStamp = new Int32Array(m.count);
    this.appStamp = new Int32Array(m.appIds.length);
    this.labelMark = new Int32Array(labelCount);
  }

  /**
   * Collects the candidates of a pass: `label` holds the components after the failure
   * (failed nodes -1, pieces cut off relabelled), `explored` the nodes relabelled.
   */
  collect(f: FailureUnderTest, explored: Int32Array, exploredCount: number, label: Int32Array): void {
    const st = ++this.token;
    this.count = 0;
    this.appCount = 0;
    for (let i = 0; i < f.nodeCount; i++) this.touch(f.nodes[i]!, st);
    for (let i = 0; i < exploredCount; i++) this.touch(explored[i]!, st);
    const { needersByApp } = this.index;
    for (let k = 0; k < this.appCount; k++) {
      const a = this.apps[k]!;
      if (!this.lost(a, label)) continue;
      for (let j = needersByApp.offsets[a]!; j < needersByApp.offsets[a + 1]!; j++) this.addService(needersByApp.members[j]!, st);
    }
  }

  /** Adds the services attached at x and the applications with an instance at x. */
  private touch(x: number, st: number): void {
    const { attachByNode, appsByNode } = this.index;
    for (let k = attachByNode.offsets[x]!; k < attachByNode.offsets[x + 1]!; k++) this.addService(attachByNode.members[k]!, st);
    for (let k = appsByNode.offsets[x]!; k < appsByNode.offsets[x + 1]!; k++) {
      const a = appsByNode.members[k]!;
      if (this.appStamp[a] !== st) {
        this.appStamp[a] = st;
        this.apps[this.appCount++] = a;
      }
    }
  }

  private addService(s: number, st: number): void {
    if (this.serviceStamp[s] !== st) {
      this.serviceStamp[s] = st;
      this.services[this.count++] = s;
    }
  }

  /**
   * True if application a lost every instance from the main piece of some component that
   * held one: some instance left its component's label, and none kept it.
   */
  private lost(a: number, label: Int32Array): boolean {
    const { appInstances } = this.m;
    const { labelMark, comp0 } = this;
    const mt = ++this.labelToken;
    const from = appInstances.offsets[a]!;
    const to = appInstances.offsets[a + 1]!;
    for (let i = from; i < to; i++) {
      const l = label[appInstances.members[i]!]!;
      if (l >= 0) labelMark[l] = mt;
    }
    for (let i = from; i < to; i++) {
      const x = appInstances.members[i]!;
      const c = comp0[x]!;
      if (c >= 0 && label[x] !== c && labelMark[c] !== mt) return true;
    }
    return false;
  }
}
