/**
 * Where the service view draws each element: the user's site on the left, each of the (up to)
 * two paths as a row of devices joined by its links, the application's instances in a column
 * where the paths arrive, the application, and its dependencies with their instances on the
 * right. Pure, so that a test can check it without a browser.
 */

/** A box of the drawing: an estate object. */
export interface Box {
  readonly id: string;
  readonly kind: 'site' | 'device' | 'application';
  readonly x: number;
  readonly y: number;
  /** Which group it belongs to: the site, a path (0, 1), the instances, the application, a dependency. */
  readonly role: 'site' | 'path' | 'instance' | 'application' | 'dependency' | 'dependency-instance';
}

/** A line of the drawing: a link of a path (`id` set), or a relation (the site's devices, instance → application, dependency). */
export interface Line {
  readonly id: string | null;
  readonly from: string;
  readonly to: string;
  readonly path: number | null;
  /** A dependency's coupling (`tight`, `loose`), for relations to dependencies. */
  readonly coupling?: string;
}

/** What is drawn. */
export interface ServiceLayout {
  readonly boxes: Box[];
  readonly lines: Line[];
  readonly width: number;
  readonly height: number;
}

/** The facts a layout is made of. */
export interface ServiceFacts {
  readonly site: string;
  readonly application: string;
  /** Up to two paths from the site to an instance: nodes (devices, or sites without devices) and the links between them. */
  readonly paths: readonly { readonly nodes: readonly string[]; readonly links: readonly string[] }[];
  readonly instances: readonly string[];
  readonly dependencies: readonly { readonly application: string; readonly coupling: string; readonly instances: readonly string[] }[];
}

/** Box size and spacing (SVG units). */
export const BOX = { w: 150, h: 44, gapX: 60, gapY: 26 } as const;

/**
 * The drawing's boxes and lines. A node that both paths share (the site's own router, an
 * instance) is drawn once; a path's first node that is the site itself is not drawn again.
 */
export function layoutService(f: ServiceFacts): ServiceLayout {
  const step = BOX.w + BOX.gapX;
  const row = BOX.h + BOX.gapY;
  const boxes: Box[] = [];
  const lines: Line[] = [];
  const placed = new Set<string>();
  const instances = new Set(f.instances);
  // The inner nodes of each path: not the site, not the instance it arrives at.
  const inner = f.paths.map((p) => p.nodes.filter((n, i) => n !== f.site && !(i === p.nodes.length - 1 && instances.has(n))));
  const columns = Math.max(0, ...inner.map((n) => n.length));
  const rows = Math.max(f.paths.length, f.instances.length, 1);
  const mid = ((rows - 1) * row) / 2;
  const put = (id: string, kind: Box['kind'], x: number, y: number, role: Box['role']) => {
    if (placed.has(id)) return;
    placed.add(id);
    boxes.push({ id, kind, x, y, role });
  };
  put(f.site, 'site', 0, mid, 'site');
  const paths = f.paths.length;
  inner.forEach((nodes, p) => {
    const y = paths === 1 ? mid : p * Math.max(row, ((rows - 1) * row) / Math.max(1, paths - 1));
    // Spread the path's nodes over the columns, so both rows end at the instances together.
    nodes.forEach((n, i) => put(n, 'device', step * (1 + (nodes.length === columns ? i : Math.round((i * (columns - 1)) / Math.max(1, nodes.length - 1)))), y, 'path'));
  });
  const xInstances = step * (columns + 1);
  f.instances.forEach((id, i) => put(id, 'device', xInstances, f.instances.length === 1 ? mid : i * row, 'instance'));
  f.paths.forEach((p, n) => {
    p.links.forEach((link, i) => lines.push({ id: link, from: p.nodes[i]!, to: p.nodes[i + 1]!, path: n }));
    // A path starts at a device of the site (or at the site itself, when it has none).
    if (p.nodes[0] !== f.site) lines.push({ id: null, from: f.site, to: p.nodes[0]!, path: n });
  });
  // Without a path the site still reaches the instances somehow (or not at all): a plain relation.
  if (f.paths.length === 0) for (const id of f.instances) lines.push({ id: null, from: f.site, to: id, path: null });
  const xApp = xInstances + step;
  put(f.application, 'application', xApp, mid, 'application');
  for (const id of f.instances) lines.push({ id: null, from: id, to: f.application, path: null });
  const xDep = xApp + step;
  let y = 0;
  for (const d of f.dependencies) {
    put(d.application, 'application', xDep, y, 'dependency');
    lines.push({ id: null, from: f.application, to: d.application, path: null, coupling: d.coupling });
    d.instances.forEach((inst, i) => {
      put(inst, 'device', xDep + step, y + i * row, 'dependency-instance');
      lines.push({ id: null, from: d.application, to: inst, path: null });
    });
    y += Math.max(1, d.instances.length) * row;
  }
  const maxX = Math.max(...boxes.map((b) => b.x));
  const maxY = Math.max(...boxes.map((b) => b.y));
  return { boxes, lines, width: maxX + BOX.w, height: maxY + BOX.h };
}
