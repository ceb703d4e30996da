/**
 * The optional base map (docs/ui.md, "Map"): MapLibre GL under the canvas, following its view.
 * This module is loaded only when the operator configured a style (`serve --map-style`), so
 * the bundle without a base map stays small. The CSP build of MapLibre loads its worker from
 * our own origin (no `blob:` workers in the Content-Security-Policy). Sources may be PMTiles
 * archives (`pmtiles://https://host/region.pmtiles`), read in byte ranges by the `pmtiles`
 * library: an operator serves one file from any web server instead of running a tile server.
 */
import maplibre from 'maplibre-gl/dist/maplibre-gl-csp.js';
import { Protocol } from 'pmtiles';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-csp-worker.js?url';
import 'maplibre-gl/dist/maplibre-gl.css';
import type { MapViewport } from './mapDraw.js';
import { unproject, type Projection } from './mapModel.js';

declare global {
  interface Window {
    /** The base map's state, for the tests: the style asked for and whether it has loaded. */
    __verbundBaseMap?: { style: string; loaded: boolean; zoom: number; center: [number, number] };
  }
}

/** A base map bound to an element. */
export interface BaseMap {
  /** Shows what the canvas shows: its view, its size, the model's projection. */
  follow(v: MapViewport, size: { w: number; h: number }, projection: Projection): void;
  remove(): void;
}

/** Reads PMTiles archives for MapLibre. */
const pmtiles = new Protocol();

/** MapLibre's world is 512 pixels wide at zoom 0. */
const TILE = 512;

/** Creates the base map in `container` with the style at `style`; `onError` hears what fails (a style that does not load). */
export function createBaseMap(container: HTMLElement, style: string, onError: (e: Error) => void): BaseMap {
  maplibre.setWorkerUrl(workerUrl);
  // One protocol for the page (it caches the archives' directories); registering it again is harmless.
  maplibre.addProtocol('pmtiles', pmtiles.tile);
  // preserveDrawingBuffer: the tests read the drawn pixels back.
  const map = new maplibre.Map({ container, style, interactive: false, attributionControl: { compact: false }, fadeDuration: 0, maxZoom: 24, canvasContextAttributes: { preserveDrawingBuffer: true } });
  const state = { style, loaded: false, zoom: 0, center: [0, 0] as [number, number] };
  window.__verbundBaseMap = state;
  map.on('load', () => {
    state.loaded = true;
    // The canvas on top is the accessible image; MapLibre's own canvas is decoration.
    map.getCanvas().setAttribute('aria-hidden', 'true');
    map.getCanvas().removeAttribute('tabindex');
  });
  map.on('error', (e: { error?: Error }) => onError(e.error ?? new Error('base map error')));
  let shownSize = '';
  return {
    follow(v, size, projection) {
      // Our units are Web Mercator scaled by k (mapModel.ts): a degree of longitude is k units.
      const zoom = Math.log2((360 * projection.k * v.scale) / TILE);
      const [lon, lat] = unproject(projection, (size.w / 2 - v.ox) / v.scale, (size.h / 2 - v.oy) / v.scale);
      if (!Number.isFinite(zoom) || !Number.isFinite(lat)) return;
      state.zoom = zoom;
      state.center = [lon, lat];
      // Resizing reads the layout: only when the canvas's size changed, not on every frame of a pan.
      if (shownSize !== `${size.w}x${size.h}`) {
        shownSize = `${size.w}x${size.h}`;
        map.resize();
      }
      map.jumpTo({ center: [lon, lat], zoom });
    },
    remove() {
      map.remove();
      if (window.__verbundBaseMap === state) window.__verbundBaseMap = undefined;
    },
  };
}
