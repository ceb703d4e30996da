/**
 * Label placement without overlaps (docs/ui.md, "Map"): labels are placed greedily in the
 * order of their priority, each at the first of its candidate boxes that touches no label
 * placed before it; a label with no free box is left out (hovering names it, zooming in
 * makes room). A grid of cells keeps each test local, so thousands of labels place in a
 * frame.
 */

/** A rectangle in screen pixels (x, y: top left). */
export interface Box {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

/** A label that wants a place. */
export interface LabelCandidate {
  /** Higher goes first; ties keep the input order. */
  readonly priority: number;
  /** Where it may go, best first (e.g. right of its point, then left, above, below). */
  readonly boxes: readonly Box[];
}

/** A label that got a place: the candidate's index in the input and the box it took. */
export interface PlacedLabel {
  readonly index: number;
  readonly box: Box;
}

/** True if two boxes share interior (touching edges do not count). */
export function intersects(a: Box, b: Box): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

const CELL = 64;

/**
 * Places labels by priority: no two placed boxes intersect, and a label is left out only when
 * every one of its boxes intersects a label of at least its priority (or leaves `area`).
 *
 * @param area when given, boxes must lie inside it (0, 0, width, height).
 */
export function declutter(candidates: readonly LabelCandidate[], area?: { readonly w: number; readonly h: number }): PlacedLabel[] {
  const order = candidates.map((_, i) => i).sort((a, b) => candidates[b]!.priority - candidates[a]!.priority || a - b);
  const grid = new Map<number, Box[]>();
  const cells = (b: Box, f: (key: number) => void) => {
    const x0 = Math.floor(b.x / CELL);
    const x1 = Math.floor((b.x + b.w) / CELL);
    const y0 = Math.floor(b.y / CELL);
    const y1 = Math.floor((b.y + b.h) / CELL);
    // Keys for cells in a ±2^20 range: labels far off screen are never candidates.
    for (let cx = x0; cx <= x1; cx++) for (let cy = y0; cy <= y1; cy++) f((cx + 1048576) * 2097152 + (cy + 1048576));
  };
  const free = (b: Box): boolean => {
    if (area && (b.x < 0 || b.y < 0 || b.x + b.w > area.w || b.y + b.h > area.h)) return false;
    let ok = true;
    cells(b, (key) => {
      if (ok) for (const o of grid.get(key) ?? []) if (intersects(b, o)) ok = false;
    });
    return ok;
  };
  const placed: PlacedLabel[] = [];
  for (const index of order) {
    const box = candidates[index]!.boxes.find(free);
    if (!box) continue;
    placed.push({ index, box });
    cells(box, (key) => {
      const l = grid.get(key);
      if (l) l.push(box);
      else grid.set(key, [box]);
    });
  }
  return placed;
}
