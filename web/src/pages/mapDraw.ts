/**
 * Draws one frame of the map on a 2D canvas: risk groups, links (one canvas path per colour),
 * sites, rings and the labels that fit (docs/ui.md, "Map"). Pure drawing: what to draw is
 * prepared by the canvas component once per change of the data, not per frame.
 */
import { convexHull } from './convexHull.js';
import { declutter, type Box, type LabelCandidate } from './declutter.js';
import { LABEL_H, labelPriority, pathColours, type MapScene } from './mapScene.js';

/** The view: pixels per map unit and the screen position of the map's origin. */
export interface MapViewport {
  readonly scale: number;
  readonly ox: number;
  readonly oy: number;
}

/** A label drawn (screen box), for the tests and the hover. */
export interface DrawnLabel extends Box {
  readonly id: string;
  readonly text: string;
  readonly priority: number;
}

/** What a frame reports. */
export interface FrameInfo {
  readonly labels: DrawnLabel[];
  /** Sites on the canvas whose label did not fit (at most 200): hovering names them. */
  readonly hidden: { id: string; x: number; y: number }[];
  /** Sites on the canvas. */
  readonly visible: number;
}

/** At most this many labels compete per frame (the highest priorities on screen). */
const MAX_CANDIDATES = 600;

/** Text widths by font and text: a pan redraws the same labels every frame. */
const widths = new Map<string, number>();

/** The width of a text in the context's current font. */
function measure(g: CanvasRenderingContext2D, text: string): number {
  const key = `${g.font}\u0000${text}`;
  let w = widths.get(key);
  if (w === undefined) {
    if (widths.size > 100_000) widths.clear();
    w = g.measureText(text).width;
    widths.set(key, w);
  }
  return w;
}

/** Draws a frame; `background` false leaves the canvas transparent over a base map. */
export function drawMap(g: CanvasRenderingContext2D, scene: MapScene, v: MapViewport, size: { w: number; h: number }, background: boolean): FrameInfo {
  const { model } = scene;
  const { seg, sitePos } = model;
  const sx = (x: number) => x * v.scale + v.ox;
  const sy = (y: number) => y * v.scale + v.oy;
  g.clearRect(0, 0, size.w, size.h);
  if (background) {
    g.fillStyle = '#fbfbf8';
    g.fillRect(0, 0, size.w, size.h);
  }
  g.lineCap = 'butt';
  g.lineJoin = 'miter';
  const stroke = (indices: Iterable<number>, colour: string, width: number, dash: number[] = []) => {
    g.beginPath();
    for (const i of indices) {
      g.moveTo(sx(seg[4 * i]!), sy(seg[4 * i + 1]!));
      g.lineTo(sx(seg[4 * i + 2]!), sy(seg[4 * i + 3]!));
    }
    g.strokeStyle = colour;
    g.lineWidth = width;
    g.setLineDash(dash);
    g.stroke();
  };
  const r = model.sites.length > 2000 ? 1.5 : 4;
  const rgLabels = drawRiskGroups(g, scene, sx, sy, r);
  // One path per colour: the cost is the number of links, not of canvas state changes.
  const thin = model.links.length > 5000 ? 0.6 : 2;
  for (const [colour, idx] of scene.linkGroups) stroke(idx, colour, thin);
  if (scene.highlighted.size) stroke(scene.highlighted, '#ff8c00', 6);
  if (scene.cut.size) stroke(scene.cut, '#c00000', 3, [6, 4]);
  scene.paths.forEach((idx, p) => idx.length && stroke(idx, pathColours[p] ?? pathColours[0]!, 4.5));
  g.setLineDash([]);
  for (const [colour, idx] of scene.siteFills) {
    g.fillStyle = colour;
    g.beginPath();
    for (const i of idx) g.rect(sx(sitePos[2 * i]!) - r, sy(sitePos[2 * i + 1]!) - r, 2 * r, 2 * r);
    g.fill();
  }
  for (const [id, colour] of scene.rings) {
    const i = model.siteIndex.get(id);
    if (i === undefined) continue;
    g.strokeStyle = colour;
    g.lineWidth = 2;
    g.strokeRect(sx(sitePos[2 * i]!) - r - 3, sy(sitePos[2 * i + 1]!) - r - 3, 2 * r + 6, 2 * r + 6);
  }

  // Labels: the sites on screen by priority, and the risk groups, placed without overlap.
  let visible = 0;
  for (let i = 0; i < model.sites.length; i++) {
    const x = sx(sitePos[2 * i]!);
    const y = sy(sitePos[2 * i + 1]!);
    if (x >= 0 && x <= size.w && y >= 0 && y <= size.h) visible++;
  }
  g.font = '11px system-ui, sans-serif';
  const wanted: { id: string; text: string; italic: boolean; colour: string; c: LabelCandidate }[] = [];
  for (const l of rgLabels) {
    g.font = 'italic 11px system-ui, sans-serif';
    const w = measure(g, l.text);
    wanted.push({ id: l.id, text: l.text, italic: true, colour: l.colour, c: { priority: l.priority, boxes: l.at(w) } });
  }
  g.font = '11px system-ui, sans-serif';
  for (let k = 0; k < scene.labelOrder.length && wanted.length < MAX_CANDIDATES; k++) {
    const i = scene.labelOrder[k]!;
    const x = sx(sitePos[2 * i]!);
    const y = sy(sitePos[2 * i + 1]!);
    if (x < 0 || x > size.w || y < 0 || y > size.h) continue;
    const site = model.sites[i]!;
    const text = site.name ?? site.id;
    const w = measure(g, text);
    const boxes: Box[] = [
      { x: x + r + 3, y: y - LABEL_H / 2, w, h: LABEL_H },
      { x: x - r - 3 - w, y: y - LABEL_H / 2, w, h: LABEL_H },
      { x: x - w / 2, y: y - r - 2 - LABEL_H, w, h: LABEL_H },
      { x: x - w / 2, y: y + r + 2, w, h: LABEL_H },
    ];
    wanted.push({ id: site.id, text, italic: false, colour: '#222', c: { priority: scene.sitePriority[i]!, boxes } });
  }
  const placed = declutter(
    wanted.map((x) => x.c),
    size,
  );
  const labels: DrawnLabel[] = [];
  g.textBaseline = 'top';
  for (const { index, box } of placed) {
    const l = wanted[index]!;
    g.font = `${l.italic ? 'italic ' : ''}11px system-ui, sans-serif`;
    // A halo keeps the text readable over links and a base map.
    g.lineWidth = 3;
    g.strokeStyle = 'rgba(255,255,255,0.85)';
    g.strokeText(l.text, box.x, box.y + 1);
    g.fillStyle = l.colour;
    g.fillText(l.text, box.x, box.y + 1);
    labels.push({ ...box, id: l.id, text: l.text, priority: l.c.priority });
  }
  g.textBaseline = 'alphabetic';
  const shown = new Set(labels.map((l) => l.id));
  const hidden: FrameInfo['hidden'] = [];
  for (let i = 0; i < model.sites.length && hidden.length < 200; i++) {
    const x = sx(sitePos[2 * i]!);
    const y = sy(sitePos[2 * i + 1]!);
    if (x >= 0 && x <= size.w && y >= 0 && y <= size.h && !shown.has(model.sites[i]!.id)) hidden.push({ id: model.sites[i]!.id, x, y });
  }
  return { labels, hidden, visible };
}

/** A risk group's label: where it may go once its width is known. */
interface RiskGroupLabel {
  readonly id: string;
  readonly text: string;
  readonly colour: string;
  readonly priority: number;
  readonly at: (w: number) => Box[];
}

/**
 * Risk groups as translucent bands: a local one (duct, building, power) as a ring at its site
 * with the ends of its links; one along a route over its links and around its sites.
 */
function drawRiskGroups(g: CanvasRenderingContext2D, scene: MapScene, sx: (x: number) => number, sy: (y: number) => number, r: number): RiskGroupLabel[] {
  const { seg, sitePos } = scene.model;
  const out: RiskGroupLabel[] = [];
  g.lineCap = 'round';
  g.lineJoin = 'round';
  for (const { shape, colour, strong } of scene.riskGroups) {
    g.globalAlpha = strong ? 0.6 : 0.3;
    g.strokeStyle = colour;
    g.fillStyle = colour;
    const priority = labelPriority(strong ? 'important' : 'risk-group', shape.links.length + shape.sites.length);
    const label = (at: (w: number) => Box[]) => out.push({ id: shape.id, text: shape.name, colour: darker(colour), priority, at });
    if (shape.anchor !== null) {
      const ax = sx(sitePos[2 * shape.anchor]!);
      const ay = sy(sitePos[2 * shape.anchor + 1]!);
      const ring = r + 10;
      g.beginPath();
      for (const i of shape.links) {
        // The link's end at the anchor: which end of the segment is nearer.
        const [x1, y1, x2, y2] = [sx(seg[4 * i]!), sy(seg[4 * i + 1]!), sx(seg[4 * i + 2]!), sy(seg[4 * i + 3]!)];
        const [fx, fy] = Math.hypot(x1 - ax, y1 - ay) < Math.hypot(x2 - ax, y2 - ay) ? [x2, y2] : [x1, y1];
        const len = Math.hypot(fx - ax, fy - ay) || 1;
        const reach = Math.min(len, ring + 22);
        g.moveTo(ax, ay);
        g.lineTo(ax + ((fx - ax) / len) * reach, ay + ((fy - ay) / len) * reach);
      }
      g.lineWidth = 9;
      g.stroke();
      g.beginPath();
      g.arc(ax, ay, ring, 0, 2 * Math.PI);
      g.lineWidth = 5;
      g.stroke();
      label((w) => [
        { x: ax - w / 2, y: ay + ring + 4, w, h: LABEL_H },
        { x: ax - w / 2, y: ay - ring - 4 - LABEL_H, w, h: LABEL_H },
        { x: ax + ring + 4, y: ay + ring / 2, w, h: LABEL_H },
        { x: ax - ring - 4 - w, y: ay + ring / 2, w, h: LABEL_H },
      ]);
      continue;
    }
    const pts = shape.sites.map((i) => [sx(sitePos[2 * i]!), sy(sitePos[2 * i + 1]!)] as [number, number]);
    g.beginPath();
    for (const i of shape.links) {
      g.moveTo(sx(seg[4 * i]!), sy(seg[4 * i + 1]!));
      g.lineTo(sx(seg[4 * i + 2]!), sy(seg[4 * i + 3]!));
    }
    // Sites without a member link between them: their hull, so the group reads as one area.
    const hull = shape.links.length === 0 && pts.length > 1 ? convexHull(pts) : [];
    hull.forEach(([x, y], k) => (k === 0 ? g.moveTo(x, y) : g.lineTo(x, y)));
    if (hull.length) g.closePath();
    for (const [x, y] of pts) {
      g.moveTo(x + 1, y);
      g.arc(x, y, 1, 0, 2 * Math.PI);
    }
    g.lineWidth = 16;
    g.stroke();
    if (hull.length > 2) g.fill();
    // The label at the middle of the longest member link on screen, else at the sites' centre.
    let best: [number, number, number] | null = null;
    for (const i of shape.links) {
      const [x1, y1, x2, y2] = [sx(seg[4 * i]!), sy(seg[4 * i + 1]!), sx(seg[4 * i + 2]!), sy(seg[4 * i + 3]!)];
      const len = Math.hypot(x2 - x1, y2 - y1);
      if (!best || len > best[2]) best = [(x1 + x2) / 2, (y1 + y2) / 2, len];
    }
    const [cx, cy] = best ?? [pts.reduce((n, p) => n + p[0], 0) / pts.length, pts.reduce((n, p) => n + p[1], 0) / pts.length];
    label((w) => [
      { x: cx - w / 2, y: cy + 10, w, h: LABEL_H },
      { x: cx - w / 2, y: cy - 10 - LABEL_H, w, h: LABEL_H },
      { x: cx + 12, y: cy - LABEL_H / 2, w, h: LABEL_H },
      { x: cx - 12 - w, y: cy - LABEL_H / 2, w, h: LABEL_H },
    ]);
  }
  g.globalAlpha = 1;
  g.lineCap = 'butt';
  g.lineJoin = 'miter';
  return out;
}

/** A colour darkened to half, for text in a group's colour (4.5:1 on white for the choice colours). */
function darker(hex: string): string {
  const n = Number.parseInt(hex.slice(1), 16);
  const c = (s: number) => Math.round(((n >> s) & 255) * 0.5);
  return `rgb(${c(16)},${c(8)},${c(0)})`;
}
