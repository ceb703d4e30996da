/**
 * The local searches of one multi-element pass (multiElementAnalysis.ts; the method is part 3
 * of survivability.ts's module comment): searches start at the surviving neighbours of the
 * failure and take turns; searches that meet join one group (union-find); a search reaching
 * a clean node (see TreeShortcut) joins the group of its component's root, which stands for
 * the main piece. When at most one group per touched component is still growing, the
 * exhausted groups are the pieces cut off. Scratch arrays are shared by every pass.
 */
import type { CsrGraph } from '../graph/CsrGraph.js';
import type { TreeShortcut } from './TreeShortcut.js';

/** The search state of one pass, reset by {@link LocalSearches.begin}. */
export class LocalSearches {
  /** Nodes expanded by all passes so far. */
  expanded = 0;
  /** The nodes reached by the current pass (seeds included), `visitedCount` of them. */
  readonly visited: Int32Array;
  visitedCount = 0;

  private readonly seen: Int32Array;
  private readonly owner: Int32Array;
  private readonly qnext: Int32Array;
  // Searches: one per seed not in the main piece, plus one per component for its root's
  // group (at most one per seed): fewer than 2n.
  private readonly head: Int32Array;
  private readonly tail: Int32Array;
  private readonly uf: Int32Array;
  private readonly active: Int32Array;
  private readonly searchComp: Int32Array;
  private readonly rootLabel: Int32Array;
  private readonly rootStamp: Int32Array;
  private running: Int32Array;
  private nextRunning: Int32Array;
  // Per component of G − F: stamp of the pass touching it, its growing groups, its root's search.
  private readonly compActive: Int32Array;
  private readonly compStamp: Int32Array;
  private readonly rootSearch: Int32Array;
  private runningCount = 0;
  private searches = 0;
  /** Touched components with more than one group still growing. */
  private unsettled = 0;
  private tok = 0;
  private labelToken = 0;
  private useTree = false;

  /**
   * @param deadNode the working node mask (F plus the failure under test), owned by the caller.
   * @param deadEdge likewise for edges.
   * @param budget slots a pass may scan before {@link grow} gives up.
   */
  constructor(
    private readonly g: CsrGraph,
    private readonly comp0: Int32Array,
    compCount: number,
    private readonly deadNode: Uint8Array,
    private readonly deadEdge: Uint8Array,
    private readonly tree: TreeShortcut,
    private readonly budget: number,
  ) {
    const n = g.nodeCount;
    this.visited = new Int32Array(n);
    this.seen = new Int32Array(n);
    this.owner = new Int32Array(n);
    this.qnext = new Int32Array(n);
    this.head = new Int32Array(2 * n + 1);
    this.tail = new Int32Array(2 * n + 1);
    this.uf = new Int32Array(2 * n + 1);
    this.active = new Int32Array(2 * n + 1);
    this.searchComp = new Int32Array(2 * n + 1);
    this.rootLabel = new Int32Array(2 * n + 1);
    this.rootStamp = new Int32Array(2 * n + 1);
    this.running = new Int32Array(n);
    this.nextRunning = new Int32Array(n);
    this.compActive = new Int32Array(compCount);
    this.compStamp = new Int32Array(compCount);
    this.rootSearch = new Int32Array(compCount);
  }

  /** Starts a pass; `useTree` says whether the tree shortcut holds for its failure. */
  begin(useTree: boolean): void {
    ++this.tok;
    this.visitedCount = 0;
    this.runningCount = 0;
    this.searches = 0;
    this.unsettled = 0;
    this.useTree = useTree;
  }

  /** True if the current pass touched component c. */
  touched(c: number): boolean {
    return this.compStamp[c] === this.tok;
  }

  /** Starts a search at w (once per pass). */
  seed(w: number): void {
    const { tok, seen, owner, compActive } = this;
    if (seen[w] === tok) return;
    seen[w] = tok;
    this.visited[this.visitedCount++] = w;
    const c = this.comp0[w]!;
    this.touchComponent(c);
    if (this.rootSearch[c]! >= 0 && this.tree.clean(w)) {
      owner[w] = this.rootSearch[c]!;
      return;
    }
    const sid = this.searches++;
    owner[w] = sid;
    this.head[sid] = w;
    this.tail[sid] = w;
    this.qnext[w] = -1;
    this.uf[sid] = sid;
    this.active[sid] = 1;
    this.searchComp[sid] = c;
    compActive[c] = compActive[c]! + 1;
    if (compActive[c] === 2) this.unsettled++;
    this.running[this.runningCount++] = sid;
  }

  /**
   * Searches in turns from every seed until each touched component has at most one group
   * still growing. Returns false if the budget ran out first.
   */
  grow(): boolean {
    const { offsets, neighbours, incidentEdges } = this.g;
    const { tok, seen, owner, qnext, head, tail, active, searchComp, compActive, rootSearch, deadNode, deadEdge, visited } = this;
    let spent = 0;
    while (this.unsettled > 0 && this.runningCount > 0) {
      let nextCount = 0;
      const running = this.running;
      const nextRunning = this.nextRunning;
      for (let r = 0; r < this.runningCount; r++) {
        const sid = running[r]!;
        const c = searchComp[sid]!;
        if (compActive[c]! <= 1) continue;
        const y = head[sid]!;
        head[sid] = qnext[y]!;
        const end = offsets[y + 1]!;
        spent += end - offsets[y]! + 1;
        for (let i = offsets[y]!; i < end; i++) {
          const w = neighbours[i]!;
          if (deadNode[w] || deadEdge[incidentEdges[i]!]) continue;
          if (seen[w] !== tok) {
            seen[w] = tok;
            visited[this.visitedCount++] = w;
            if (rootSearch[c]! >= 0 && this.tree.clean(w)) {
              // Reached the main piece: not searched further.
              owner[w] = rootSearch[c]!;
              this.join(owner[w]!, sid, c);
              continue;
            }
            owner[w] = sid;
            qnext[w] = -1;
            if (head[sid] === -1) head[sid] = w;
            else qnext[tail[sid]!] = w;
            tail[sid] = w;
          } else this.join(owner[w]!, sid, c);
        }
        if (head[sid] === -1) {
          // This search is exhausted; its group too when it was the last one growing.
          const root = this.find(sid);
          active[root] = active[root]! - 1;
          if (active[root] === 0) {
            compActive[c] = compActive[c]! - 1;
            if (compActive[c] === 1) this.unsettled--;
          }
        } else nextRunning[nextCount++] = sid;
      }
      this.running = nextRunning;
      this.nextRunning = running;
      this.runningCount = nextCount;
      if (spent > this.budget) {
        this.expanded += spent;
        return false;
      }
    }
    this.expanded += spent;
    return true;
  }

  /**
   * After a successful {@link grow}: labels the nodes of the pieces cut off (the exhausted
   * groups; the growing one, if any, is the main piece) `next`, `next + 1`, … in `label`,
   * and lists them in `explored`. Returns how many it listed.
   */
  labelCutOff(label: Int32Array, next: number, explored: Int32Array): number {
    const { visited, owner, active, rootStamp, rootLabel } = this;
    const lt = ++this.labelToken;
    let count = 0;
    for (let i = 0; i < this.visitedCount; i++) {
      const x = visited[i]!;
      const r = this.find(owner[x]!);
      if (active[r]! > 0) continue;
      if (rootStamp[r] !== lt) {
        rootStamp[r] = lt;
        rootLabel[r] = next++;
      }
      label[x] = rootLabel[r]!;
      explored[count++] = x;
    }
    return count;
  }

  /** Marks component c touched by the current pass; with the shortcut, its root's group exists. */
  private touchComponent(c: number): void {
    if (this.compStamp[c] === this.tok) return;
    this.compStamp[c] = this.tok;
    this.compActive[c] = 0;
    this.rootSearch[c] = -1;
    const r = this.tree.root(c);
    if (!this.useTree || this.deadNode[r]) return;
    // The root's group: always growing (it stands for the main piece), never searched.
    const sid = this.searches++;
    this.uf[sid] = sid;
    this.active[sid] = 1;
    this.searchComp[sid] = c;
    this.rootSearch[c] = sid;
    this.compActive[c] = 1;
  }

  /** Merges the groups of two searches of component c; one fewer growing if both were. */
  private join(x: number, y: number, c: number): void {
    const ra = this.find(x);
    const rb = this.find(y);
    if (ra === rb) return;
    const { active, compActive } = this;
    if (active[ra]! > 0 && active[rb]! > 0) {
      compActive[c] = compActive[c]! - 1;
      if (compActive[c] === 1) this.unsettled--;
    }
    this.uf[ra] = rb;
    active[rb] = active[rb]! + active[ra]!;
  }

  private find(x: number): number {
    const uf = this.uf;
    while (uf[x] !== x) {
      uf[x] = uf[uf[x]!]!;
      x = uf[x]!;
    }
    return x;
  }
}
