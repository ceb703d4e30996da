/**
 * The map's canvas: the scene drawn by `mapDraw.ts` (over the base map, if one is configured),
 * panned with the pointer or the arrow keys, zoomed with the wheel or + and -; a click
 * selects the site or link under it, hovering names it (also a site whose label did not fit).
 */
import { useEffect, useRef, useState, type KeyboardEvent as ReactKeyboardEvent, type PointerEvent as ReactPointerEvent, type ReactNode } from 'react';
import { useI18n } from '../i18n/index.js';
import type { BaseMap } from './baseMap.js';
import { drawMap, type DrawnLabel, type FrameInfo } from './mapDraw.js';
import type { MapScene } from './mapScene.js';
import { scaleBar, segmentDistance, type ScaleBar } from './mapModel.js';

declare global {
  interface Window {
    /** Timings and labels of the last map draw, for scripts/measure-ui.ts and the tests (milliseconds, pixels). */
    __verbundMap?: {
      load: number;
      draw: number;
      links: number;
      sites: number;
      visible: number;
      width: number;
      labels: DrawnLabel[];
      hidden: FrameInfo['hidden'];
      /** Where a site is on the canvas now (CSS pixels), or null. */
      at: (site: string) => [number, number] | null;
    };
  }
}

/** What the canvas draws and how it answers. */
export interface MapCanvasProps {
  readonly scene: MapScene;
  readonly onToggle: (id: string) => void;
  /** How long loading the model took, reported with the draw time. */
  readonly loadMs: number;
  /** The base map's style URL (`serve --map-style`), or null for none. */
  readonly baseMapStyle: string | null;
  /** More controls for the toolbar (before the zoom buttons). */
  readonly children?: ReactNode;
}

export function MapCanvas({ scene, onToggle, loadMs, baseMapStyle, children }: MapCanvasProps) {
  const { t, tn, choice, number } = useI18n();
  const { model } = scene;
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

  // The base map, loaded only when a style is configured (its code is a chunk of its own).
  const baseDiv = useRef<HTMLDivElement>(null);
  const base = useRef<BaseMap | null>(null);
  const [baseError, setBaseError] = useState<string | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `schedule` is new each render; the base map is made once per style
  useEffect(() => {
    const el = baseDiv.current;
    if (!baseMapStyle || !el) return;
    let live = true;
    let made: BaseMap | null = null;
    import('./baseMap.js')
      .then(({ createBaseMap }) => {
        if (!live) return;
        made = createBaseMap(el, baseMapStyle, (e) => setBaseError(e.message));
        base.current = made;
        schedule();
      })
      .catch((e: unknown) => setBaseError(String(e)));
    return () => {
      live = false;
      made?.remove();
      base.current = null;
    };
  }, [baseMapStyle]);

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
    const info = drawMap(g, scene, v, size, !baseMapStyle);
    base.current?.follow(v, size, model.projection);
    const drawMs = performance.now() - t0;
    const at = (site: string): [number, number] | null => {
      const i = model.siteIndex.get(site);
      return i === undefined ? null : [model.sitePos[2 * i]! * v.scale + v.ox, model.sitePos[2 * i + 1]! * v.scale + v.oy];
    };
    window.__verbundMap = { load: loadMs, draw: drawMs, links: model.links.length, sites: model.sites.length, visible: info.visible, width: size.w, labels: info.labels, hidden: info.hidden, at };
  };
  const schedule = () => {
    cancelAnimationFrame(frame.current);
    frame.current = requestAnimationFrame(draw);
  };
  // Redraw when what is drawn changes (not on every render: hovering re-renders the tooltip only).
  // biome-ignore lint/correctness/useExhaustiveDependencies: the list is what `draw` reads through `schedule`; both are new each render
  useEffect(schedule, [scene, size, baseMapStyle]);

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
      {baseMapStyle && <div ref={baseDiv} className="base-map" style={{ width: size.w, height: size.h }} />}
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
      {baseError && (
        <p className="base-map-error" role="status">
          {t('map.baseMapError', { message: baseError })}
        </p>
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
