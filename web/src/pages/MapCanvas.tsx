/**
 * The map's canvas: sites and links drawn from the model's typed arrays (one canvas path per
 * colour), panned with the pointer or the arrow keys, zoomed with the wheel or + and -;
 * a click selects the site or link under it, hovering names it.
 */
import { useEffect, useMemo, useRef, useState, type KeyboardEvent as ReactKeyboardEvent, type PointerEvent as ReactPointerEvent, type ReactNode } from 'react';
import { choiceColour, useI18n } from '../i18n/index.js';
import { scaleBar, segmentDistance, type MapModel, type ScaleBar } from './mapModel.js';

/** Colours of the two independent paths. */
export const pathColours = ['#0050b3', '#8a2be2'];

declare global {
  interface Window {
    /** Timings of the last map draw, for scripts/measure-ui.ts (milliseconds). */
    __verbundMap?: { load: number; draw: number; links: number; sites: number; visible: number; width: number };
  }
}

/** What the canvas draws. */
export interface MapCanvasProps {
  readonly model: MapModel;
  readonly colouring: 'type' | 'verdict';
  /** Drawn links that are (or carry) a single point of failure; null until checked. */
  readonly spofLinks: Set<number> | null;
  readonly cut: Set<number>;
  readonly failedSites: Set<string>;
  /** Sites whose users lost a service (ringed orange, apart from the failed ones). */
  readonly cutOffSites: Set<string>;
  readonly highlighted: Set<number>;
  /** Path index (0, 1) by link id. */
  readonly pathLinks: Map<string, number>;
  readonly selected: Set<string>;
  readonly onToggle: (id: string) => void;
  /** How long loading the model took, reported with the draw time. */
  readonly loadMs: number;
  /** More controls for the toolbar (before the zoom buttons). */
  readonly children?: ReactNode;
}

/** The ring of a cut-off site (docs/ui.md, "Map"). */
const CUT_OFF = '#d35400';

export function MapCanvas({ model, colouring, spofLinks, cut, failedSites, cutOffSites, highlighted, pathLinks, selected, onToggle, loadMs, children }: MapCanvasProps) {
  const { t, tn, choice, number } = useI18n();
  const canvas = useRef<HTMLCanvasElement>(null);
  // `moved`: the user panned or zoomed; until then the view keeps fitting the canvas as it gets its size.
  const view = useRef({ scale: 1, ox: 0, oy: 0, fitted: false, moved: false });
  const [bar, setBar] = useState<ScaleBar | null>(null);
  const frame = useRef(0);
  const [size, setSize] = useState({ w: 900, h: 560 });
  const wrap = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = wrap.current;
    if (!el) return;
    const ro = new ResizeObserver(() => {
      // The first fit must use the canvas's real size (not the default before layout): refit until the user moves the view.
      if (!view.current.moved) view.current.fitted = false;
      setSize({ w: Math.max(280, el.clientWidth), h: Math.max(320, Math.min(640, Math.round(el.clientWidth * 0.62))) });
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  // What to stroke and fill depends on the data, not on the view: grouped once per change,
  // not on every frame of a pan (the state preset has tens of thousands of links).
  const linkGroups = useMemo(() => {
    const groups = new Map<string, number[]>();
    model.links.forEach((link, i) => {
      const colour = colouring === 'type' ? choiceColour('linkType', link.type) : spofLinks?.has(i) ? '#c00000' : '#6b8f71';
      let l = groups.get(colour);
      if (!l) groups.set(colour, (l = []));
      l.push(i);
    });
    return groups;
  }, [model, colouring, spofLinks]);
  const pathIndices = useMemo(() => {
    const idx: number[][] = [[], []];
    if (pathLinks.size) model.links.forEach((l, i) => idx[pathLinks.get(l.id) ?? 2]?.push(i));
    return idx;
  }, [model, pathLinks]);
  const sitesByType = useMemo(() => {
    const byType = new Map<string, number[]>();
    model.sites.forEach((s, i) => {
      let l = byType.get(s.type);
      if (!l) byType.set(s.type, (l = []));
      l.push(i);
    });
    return byType;
  }, [model]);

  const draw = () => {
    const c = canvas.current;
    if (!c) return;
    const t0 = performance.now();
    const dpr = window.devicePixelRatio || 1;
    if (c.width !== size.w * dpr) {
      c.width = size.w * dpr;
      c.height = size.h * dpr;
    }
    const g = c.getContext('2d')!;
    const v = view.current;
    if (!v.fitted) {
      const b = model.bounds;
      const w = Math.max(1e-6, b.maxX - b.minX);
      const h = Math.max(1e-6, b.maxY - b.minY);
      v.scale = Math.min((size.w - 60) / w, (size.h - 60) / h);
      v.ox = (size.w - w * v.scale) / 2 - b.minX * v.scale;
      v.oy = (size.h - h * v.scale) / 2 - b.minY * v.scale;
      v.fitted = Number.isFinite(v.scale);
    }
    const next = scaleBar(v.scale);
    setBar((old) => (old && old.km === next.km && Math.abs(old.px - next.px) < 0.5 ? old : next));
    g.setTransform(dpr, 0, 0, dpr, 0, 0);
    g.fillStyle = '#fbfbf8';
    g.fillRect(0, 0, size.w, size.h);
    const { seg, links } = model;
    const X = (x: number) => x * v.scale + v.ox;
    const Y = (y: number) => y * v.scale + v.oy;
    const stroke = (indices: Iterable<number>, colour: string, width: number, dash: number[] = []) => {
      g.beginPath();
      for (const i of indices) {
        g.moveTo(X(seg[4 * i]!), Y(seg[4 * i + 1]!));
        g.lineTo(X(seg[4 * i + 2]!), Y(seg[4 * i + 3]!));
      }
      g.strokeStyle = colour;
      g.lineWidth = width;
      g.setLineDash(dash);
      g.stroke();
    };
    // One path per colour: the cost is the number of links, not of canvas state changes.
    const thin = links.length > 5000 ? 0.6 : 1.6;
    for (const [colour, idx] of linkGroups) stroke(idx, colour, thin);
    if (highlighted.size) stroke(highlighted, '#ff8c00', 6);
    if (cut.size) stroke(cut, '#c00000', 3, [6, 4]);
    pathIndices.forEach((idx, p) => idx.length && stroke(idx, pathColours[p]!, 4.5));
    g.setLineDash([]);
    const r = model.sites.length > 2000 ? 1.5 : 4;
    for (const [type, idx] of sitesByType) {
      g.fillStyle = choiceColour('siteType', type);
      g.beginPath();
      for (const i of idx) g.rect(X(model.sitePos[2 * i]!) - r, Y(model.sitePos[2 * i + 1]!) - r, 2 * r, 2 * r);
      g.fill();
    }
    // Sites ringed: red where something failed (the site, or a device there), black where selected.
    const hit = new Map<string, string>();
    for (const id of selected) hit.set(model.siteOf.get(id) ?? id, '#000');
    for (const id of cutOffSites) hit.set(id, CUT_OFF);
    for (const id of failedSites) hit.set(id, '#c00000');
    for (const [id, colour] of hit) {
      const i = model.siteIndex.get(id);
      if (i === undefined) continue;
      g.strokeStyle = colour;
      g.lineWidth = 2;
      g.strokeRect(X(model.sitePos[2 * i]!) - r - 3, Y(model.sitePos[2 * i + 1]!) - r - 3, 2 * r + 6, 2 * r + 6);
    }
    if (model.sites.length <= 80 || v.scale > 2000) {
      g.fillStyle = '#222';
      g.font = '11px system-ui, sans-serif';
      model.sites.forEach((s, i) => {
        const x = X(model.sitePos[2 * i]!);
        const y = Y(model.sitePos[2 * i + 1]!);
        if (x > -50 && x < size.w && y > 0 && y < size.h && (model.sites.length <= 80 || s.type === 'datacenter')) g.fillText(s.name ?? s.id, x + 6, y - 4);
      });
    }
    const drawMs = performance.now() - t0;
    // How many sites are on the canvas (tests check that the fit shows them all, at every width).
    let visible = 0;
    for (let i = 0; i < model.sites.length; i++) {
      const x = X(model.sitePos[2 * i]!);
      const y = Y(model.sitePos[2 * i + 1]!);
      if (x >= 0 && x <= size.w && y >= 0 && y <= size.h) visible++;
    }
    window.__verbundMap = { load: loadMs, draw: drawMs, links: links.length, sites: model.sites.length, visible, width: size.w };
  };
  const schedule = () => {
    cancelAnimationFrame(frame.current);
    frame.current = requestAnimationFrame(draw);
  };
  // Redraw when what is drawn changes (not on every render: hovering re-renders the tooltip only).
  useEffect(schedule, [model, colouring, spofLinks, cut, failedSites, cutOffSites, highlighted, pathLinks, selected, size]);

  // Pan with the pointer, zoom with the wheel or + / - / arrow keys.
  const drag = useRef<{ x: number; y: number; moved: boolean } | null>(null);
  const onPointerDown = (e: ReactPointerEvent<HTMLCanvasElement>) => {
    drag.current = { x: e.clientX, y: e.clientY, moved: false };
    e.currentTarget.setPointerCapture(e.pointerId);
  };
  const onPointerMove = (e: ReactPointerEvent<HTMLCanvasElement>) => {
    const d = drag.current;
    if (!d) {
      const hit = nearest(e.nativeEvent.offsetX, e.nativeEvent.offsetY);
      setHover(hit ? { x: e.nativeEvent.offsetX, y: e.nativeEvent.offsetY, label: hit.label } : null);
      return;
    }
    const dx = e.clientX - d.x;
    const dy = e.clientY - d.y;
    if (Math.abs(dx) + Math.abs(dy) > 3) d.moved = true;
    if (!d.moved) return;
    view.current.moved = true;
    view.current.ox += dx;
    view.current.oy += dy;
    d.x = e.clientX;
    d.y = e.clientY;
    schedule();
  };
  const onPointerUp = (e: ReactPointerEvent<HTMLCanvasElement>) => {
    const d = drag.current;
    drag.current = null;
    if (d && !d.moved) pick(e.nativeEvent.offsetX, e.nativeEvent.offsetY);
  };
  const zoom = (f: number, cx = size.w / 2, cy = size.h / 2) => {
    const v = view.current;
    v.ox = cx - (cx - v.ox) * f;
    v.oy = cy - (cy - v.oy) * f;
    v.scale *= f;
    v.moved = true;
    schedule();
  };
  useEffect(() => {
    const c = canvas.current;
    if (!c) return;
    const wheel = (e: WheelEvent) => {
      e.preventDefault();
      zoom(e.deltaY < 0 ? 1.2 : 1 / 1.2, e.offsetX, e.offsetY);
    };
    c.addEventListener('wheel', wheel, { passive: false });
    return () => c.removeEventListener('wheel', wheel);
  });
  const onKey = (e: ReactKeyboardEvent) => {
    const step = 40;
    const v = view.current;
    const keys: Record<string, () => void> = {
      '+': () => zoom(1.25),
      '=': () => zoom(1.25),
      '-': () => zoom(0.8),
      ArrowLeft: () => ((v.ox += step), (v.moved = true), schedule()),
      ArrowRight: () => ((v.ox -= step), (v.moved = true), schedule()),
      ArrowUp: () => ((v.oy += step), (v.moved = true), schedule()),
      ArrowDown: () => ((v.oy -= step), (v.moved = true), schedule()),
      '0': () => ((v.fitted = false), (v.moved = false), schedule()),
    };
    const f = keys[e.key];
    if (f) {
      e.preventDefault();
      f();
    }
  };

  /** The site (else the link) under a point of the canvas, within a few pixels. */
  const nearest = (sx: number, sy: number): { id: string; label: string } | null => {
    const v = view.current;
    const wx = (sx - v.ox) / v.scale;
    const wy = (sy - v.oy) / v.scale;
    let best = -1;
    let bestD = 9 / v.scale;
    for (let i = 0; i < model.sites.length; i++) {
      const d = Math.hypot(model.sitePos[2 * i]! - wx, model.sitePos[2 * i + 1]! - wy);
      if (d < bestD) [best, bestD] = [i, d];
    }
    if (best >= 0) {
      const site = model.sites[best]!;
      return { id: site.id, label: `${site.name ?? site.id} (${choice('siteType', site.type)})` };
    }
    bestD = 6 / v.scale;
    for (let i = 0; i < model.links.length; i++) {
      const d = segmentDistance(model.seg, i, wx, wy);
      if (d < bestD) [best, bestD] = [i, d];
    }
    if (best < 0) return null;
    const link = model.links[best]!;
    return { id: link.id, label: `${link.name ?? link.id} (${choice('linkType', link.type)})` };
  };
  /** Selects the site or link under the pointer. */
  const pick = (sx: number, sy: number) => {
    const hit = nearest(sx, sy);
    if (hit) onToggle(hit.id);
  };
  const [hover, setHover] = useState<{ x: number; y: number; label: string } | null>(null);


  return (
    <div ref={wrap}>
      <div className="toolbar" role="group" aria-label={t('map.view')}>
        {children}
        <button type="button" onClick={() => zoom(1.25)} aria-label={t('map.zoomIn')}>
          +
        </button>
        <button type="button" onClick={() => zoom(0.8)} aria-label={t('map.zoomOut')}>
          −
        </button>
        <button type="button" onClick={() => ((view.current.fitted = false), (view.current.moved = false), schedule())}>
          {t('map.fit')}
        </button>
        <span className="muted">{tn('map.sites', model.sites.length)}, {tn('map.links', model.links.length)}</span>
      </div>
      <div className="map-canvas">
      <canvas
        ref={canvas}
        className="map"
        style={{ width: size.w, height: size.h }}
        tabIndex={0}
        role="img"
        aria-label={t('map.canvasLabel')}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onKeyDown={onKey}
        onPointerLeave={() => setHover(null)}
      />
      {bar && (
        <div className="scale-bar" data-km={bar.km}>
          <span className="scale-line" style={{ width: bar.px }} />
          {number(bar.km, 3)} km
        </div>
      )}
      {hover && (
        <div className="map-tip" style={{ left: hover.x + 12, top: hover.y + 12 }} aria-hidden="true">
          {hover.label}
        </div>
      )}
      </div>
    </div>
  );
}
