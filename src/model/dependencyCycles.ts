/**
 * Cycles among applications' `depends_on`. They are legal (reachability is transitive, so
 * the analyses need no special case, see docs/analysis.md), but a service that needs one
 * application of a cycle needs all of them, which a user should see: the write path warns
 * about them and `check` lists them.
 */
import { dependencyId, type DependencyLike } from './dependency.js';

/** One cycle: the applications that depend on each other, and one way round. */
export interface DependencyCycle {
  /** Every application of the strongly connected component, sorted. */
  readonly applications: string[];
  /** One cycle through the first of them, `[a, b, c]` for a → b → c → a. */
  readonly path: string[];
}

/** An application as far as its dependencies go. */
export interface DependentApplication {
  readonly id: string;
  readonly depends_on?: readonly DependencyLike[] | undefined;
}

/**
 * The cycles of the dependency graph (Tarjan's strongly connected components, iterative):
 * every component of two or more applications, or of one that names itself. With
 * `through`, only the components that hold one of those ids (and only what they reach is
 * searched). Sorted by their first application.
 */
export function dependencyCycles(apps: Iterable<DependentApplication>, through?: Iterable<string>): DependencyCycle[] {
  const deps = new Map<string, string[]>();
  for (const a of apps) deps.set(a.id, (a.depends_on ?? []).map(dependencyId));
  const wanted = through === undefined ? undefined : new Set(through);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: DependencyCycle[] = [];
  let next = 0;
  const enter = (v: string): void => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
  };
  for (const start of wanted ?? deps.keys()) {
    if (!deps.has(start) || index.has(start)) continue;
    enter(start);
    const frames: [string, number][] = [[start, 0]];
    while (frames.length) {
      const frame = frames[frames.length - 1]!;
      const v = frame[0];
      const ds = deps.get(v)!;
      if (frame[1] < ds.length) {
        const w = ds[frame[1]++]!;
        if (!deps.has(w)) continue;
        if (!index.has(w)) {
          enter(w);
          frames.push([w, 0]);
        } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
        continue;
      }
      frames.pop();
      const parent = frames[frames.length - 1];
      if (parent) low.set(parent[0], Math.min(low.get(parent[0])!, low.get(v)!));
      if (low.get(v) !== index.get(v)) continue;
      const component: string[] = [];
      for (let w = ''; w !== v; ) {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      }
      if ((component.length > 1 || ds.includes(v)) && (!wanted || component.some((id) => wanted.has(id)))) {
        component.sort();
        out.push({ applications: component, path: cycleThrough(component[0]!, new Set(component), deps) });
      }
    }
  }
  return out.sort((a, b) => (a.applications[0]! < b.applications[0]! ? -1 : 1));
}

/** A shortest cycle from `start` back to it inside its component (breadth first). */
function cycleThrough(start: string, component: ReadonlySet<string>, deps: ReadonlyMap<string, readonly string[]>): string[] {
  const parent = new Map<string, string>();
  const queue = [start];
  for (let i = 0; i < queue.length; i++) {
    const v = queue[i]!;
    for (const w of deps.get(v)!) {
      if (w === start) {
        const path = [v];
        for (let u = v; u !== start; ) path.push((u = parent.get(u)!));
        return path.reverse();
      }
      if (!component.has(w) || parent.has(w)) continue;
      parent.set(w, v);
      queue.push(w);
    }
  }
  return [start];
}

/** A cycle as a warning's words, the same on import and in `check`. */
export function cycleMessage(c: DependencyCycle): string {
  const way = [...c.path, c.path[0]].join(' → ');
  return `applications ${c.applications.join(', ')} depend on each other in a cycle (${way}): legal, but a service that needs one of them needs all`;
}
