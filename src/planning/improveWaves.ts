/**
 * Local search on a feasible wave schedule, in the order of the objective: empty whole waves
 * by moving their groups into other waves (fewer waves), move the last wave to an earlier
 * free day (earlier end), then move single groups between existing waves, and exchange
 * pairs of groups between full waves, while that lowers the split days. Every move keeps the
 * schedule feasible, so the result is never worse.
 */
import { adjacency, appCount, sizeDimensions, type SizeDimension, type WaveAssignment, type WaveProblem } from './WaveProblem.js';

/**
 * Improves `a` in place, for at most `maxPasses` passes or until a pass changes nothing.
 * Swaps are bounded by a count of evaluated pairs (`swapBudget`), not by time, so the
 * result is the same on every machine.
 */
export function improveWaves(p: WaveProblem, a: WaveAssignment, { maxPasses = 8, swapBudget = 1_500_000 } = {}): WaveAssignment {
  const s = new Schedule(p, a);
  const budget = { left: swapBudget };
  let again = true;
  for (let pass = 0; again && pass < maxPasses; pass++) {
    again = s.eliminateWaves();
    again = s.advanceLastWave() || again;
    again = s.reduceSplits() || again;
    again = s.swapSplits(budget) || again;
  }
  return a;
}

/** A schedule with the per-day sums that make feasibility checks of a move cheap. */
class Schedule {
  private readonly D: number;
  private readonly apps: Float64Array;
  private readonly vcpu: Float64Array;
  /** Per limited dimension, what has moved on each day. */
  private readonly moved: Partial<Record<SizeDimension, Float64Array>> = {};
  private readonly neighbours: [number, number][][];
  private readonly toTarget: Float64Array;
  private readonly members: Set<number>[];

  constructor(
    private readonly p: WaveProblem,
    private readonly a: WaveAssignment,
  ) {
    this.D = p.days.length;
    this.apps = new Float64Array(this.D);
    this.vcpu = new Float64Array(this.D);
    this.members = Array.from({ length: this.D }, () => new Set<number>());
    for (const d of sizeDimensions) if (p.capacity[d].some(Number.isFinite)) this.moved[d] = new Float64Array(this.D);
    p.groups.forEach((_g, gi) => this.add(gi, a[gi]!, 1));
    this.neighbours = adjacency(p);
    this.toTarget = new Float64Array(p.groups.length);
    for (const e of p.splits) if (e.b < 0) this.toTarget[e.a]! += e.weight;
  }

  private add(g: number, k: number, sign: 1 | -1): void {
    const grp = this.p.groups[g]!;
    this.apps[k]! += sign * appCount(grp);
    this.vcpu[k]! += sign * grp.size.vcpu;
    for (const d of sizeDimensions) {
      const m = this.moved[d];
      if (m) m[k]! += sign * grp.size[d];
    }
    if (sign > 0) this.members[k]!.add(g);
    else this.members[k]!.delete(g);
  }

  private move(g: number, to: number): void {
    this.add(g, this.a[g]!, -1);
    this.a[g] = to;
    this.add(g, to, 1);
  }

  /** Whether group g may move to day `to` (allowed, wave limits, cumulative capacity). */
  private canMove(g: number, to: number): boolean {
    const grp = this.p.groups[g]!;
    const from = this.a[g]!;
    if (to === from || !grp.allowed[to]) return false;
    if (this.apps[to]! + appCount(grp) > this.p.maxApps || this.vcpu[to]! + grp.size.vcpu > this.p.maxVcpu + 1e-9) return false;
    if (to > from) return true; // moving later only lowers what has moved by each day
    for (const d of sizeDimensions) {
      const m = this.moved[d];
      if (!m) continue;
      let cum = 0;
      for (let k = 0; k < from; k++) {
        cum += m[k]!;
        if (k >= to && cum + grp.size[d] > this.p.capacity[d][k]! + 1e-9) return false;
      }
    }
    return true;
  }

  /** Change of split days if group g moves to day `to`. */
  private splitDelta(g: number, to: number): number {
    const days = this.p.days;
    const from = days[this.a[g]!]!;
    const next = days[to]!;
    let delta = this.toTarget[g]! * (next - from);
    for (const [n, w] of this.neighbours[g]!) {
      const dn = days[this.a[n]!]!;
      delta += w * (Math.abs(next - dn) - Math.abs(from - dn));
    }
    return delta;
  }

  private usedDays(): number[] {
    const out: number[] = [];
    for (let k = 0; k < this.D; k++) if (this.members[k]!.size) out.push(k);
    return out;
  }

  /** Empties the smallest waves into others where every group fits somewhere. */
  eliminateWaves(): boolean {
    let improved = false;
    const byApps = this.usedDays().sort((x, y) => this.apps[x]! - this.apps[y]! || y - x);
    for (const k of byApps) {
      if (!this.members[k]!.size) continue;
      const undo: [number, number][] = [];
      let ok = true;
      for (const g of [...this.members[k]!]) {
        let best = -1;
        let bestDelta = Infinity;
        for (const t of this.usedDays()) {
          if (t === k || !this.canMove(g, t)) continue;
          const delta = this.splitDelta(g, t);
          if (delta < bestDelta) (best = t), (bestDelta = delta);
        }
        if (best < 0) {
          ok = false;
          break;
        }
        undo.push([g, k]);
        this.move(g, best);
      }
      if (ok) improved = true;
      else for (const [g, back] of undo.reverse()) this.move(g, back);
    }
    return improved;
  }

  /** Moves the whole last wave to the earliest earlier free day where it fits. */
  advanceLastWave(): boolean {
    const used = this.usedDays();
    const last = used[used.length - 1];
    if (last === undefined) return false;
    const group = [...this.members[last]!];
    for (let t = 0; t < last; t++) {
      if (this.members[t]!.size || !group.every((g) => this.p.groups[g]!.allowed[t])) continue;
      const undo: number[] = [];
      let ok = true;
      for (const g of group) {
        if (!this.canMove(g, t)) {
          ok = false;
          break;
        }
        this.move(g, t);
        undo.push(g);
      }
      if (ok) return true;
      for (const g of undo) this.move(g, last);
    }
    return false;
  }

  /** Moves single groups between existing waves while the split days fall. */
  reduceSplits(): boolean {
    let improved = false;
    const used = this.usedDays();
    for (let g = 0; g < this.p.groups.length; g++) {
      let best = -1;
      let bestDelta = -1e-9;
      for (const t of used) {
        // A day this pass emptied stays empty: refilling it would add a wave back.
        if (!this.members[t]!.size || !this.canMove(g, t)) continue;
        const delta = this.splitDelta(g, t);
        if (delta < bestDelta) (best = t), (bestDelta = delta);
      }
      if (best < 0) continue;
      // Emptying a wave is an improvement of its own; creating one never happens (only used days).
      this.move(g, best);
      improved = true;
    }
    return improved;
  }

  /**
   * Exchanges two groups of different waves while the split days fall: when waves are full
   * (the usual case under --max-apps), no single group can move, but a pair can.
   */
  swapSplits(budget: { left: number }): boolean {
    let improved = false;
    const days = this.p.days;
    const used = this.usedDays();
    for (let g = 0; g < this.p.groups.length && budget.left > 0; g++) {
      const from = this.a[g]!;
      search: for (const to of used) {
        if (to === from || !this.p.groups[g]!.allowed[to]) continue;
        const dg = this.splitDelta(g, to);
        budget.left -= this.neighbours[g]!.length + 1;
        if (dg >= 0) continue;
        for (const h of this.members[to]!) {
          if (--budget.left <= 0) break search;
          if (!this.p.groups[h]!.allowed[from]) continue;
          // The pair's own edge keeps its length; the two one-sided deltas each counted it as closed.
          const mutual = this.neighbours[g]!.reduce((w, [n, x]) => (n === h ? w + x : w), 0);
          const delta = dg + this.splitDelta(h, from) + 2 * mutual * Math.abs(days[to]! - days[from]!);
          if (delta >= -1e-9 || !this.canSwap(g, h)) continue;
          this.move(g, to);
          this.move(h, from);
          improved = true;
          break search;
        }
      }
    }
    return improved;
  }

  /** Whether groups g and h may exchange their days. */
  private canSwap(g: number, h: number): boolean {
    const [G, H] = [this.p.groups[g]!, this.p.groups[h]!];
    const [A, B] = [this.a[g]!, this.a[h]!];
    if (this.apps[A]! - appCount(G) + appCount(H) > this.p.maxApps || this.apps[B]! - appCount(H) + appCount(G) > this.p.maxApps) return false;
    if (this.vcpu[A]! - G.size.vcpu + H.size.vcpu > this.p.maxVcpu + 1e-9 || this.vcpu[B]! - H.size.vcpu + G.size.vcpu > this.p.maxVcpu + 1e-9) return false;
    // Between the two days, the group moving earlier adds and the one moving later removes.
    const [lo, hi, earlier, later] = A < B ? [A, B, H, G] : [B, A, G, H];
    for (const d of sizeDimensions) {
      const m = this.moved[d];
      const net = earlier.size[d] - later.size[d];
      if (!m || net <= 0) continue;
      let cum = 0;
      for (let k = 0; k < hi; k++) {
        cum += m[k]!;
        if (k >= lo && cum + net > this.p.capacity[d][k]! + 1e-9) return false;
      }
    }
    return true;
  }
}
