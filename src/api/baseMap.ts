/**
 * The optional base map of the web UI's map (docs/ui.md, "Map"; `serve --map-style`): a
 * MapLibre style the operator configures, either a URL (their own tile server's style) or a
 * style file that the server then serves itself at {@link BASE_MAP_STYLE_PATH}. A source may
 * be a PMTiles archive the operator serves from any web server that answers byte ranges
 * (`pmtiles://https://host/region.pmtiles`): the browser reads it in ranges, no tile server
 * needed. The browser
 * may load the style, its tiles, glyphs and sprites only from the origins named here: they
 * go into the Content-Security-Policy.
 */
import { readFileSync } from 'node:fs';
import { VerbundError } from '../model/errors.js';

/** Where the server serves a style given as a file. */
export const BASE_MAP_STYLE_PATH = '/api/v1/base-map/style.json';

/** A configured base map: a style URL, or a style (from a file) that the server serves. */
export type BaseMapOption = { readonly url: string } | { readonly style: Readonly<Record<string, unknown>> };

/** Reads `--map-style` (or `$VERBUND_MAP_STYLE`): an http(s) URL, else a style JSON file. */
export function loadBaseMap(value: string): BaseMapOption {
  if (/^https?:\/\//i.test(value)) {
    try {
      return { url: new URL(value).href };
    } catch {
      throw new VerbundError('USAGE', `--map-style: "${value}" is no valid URL`);
    }
  }
  let text: string;
  try {
    text = readFileSync(value, 'utf8');
  } catch (e) {
    throw new VerbundError('USAGE', `--map-style: cannot read the style file ${value}: ${(e as Error).message}`);
  }
  let style: unknown;
  try {
    style = JSON.parse(text);
  } catch (e) {
    throw new VerbundError('USAGE', `--map-style: ${value} is not JSON: ${(e as Error).message}`);
  }
  if (typeof style !== 'object' || style === null || Array.isArray(style)) throw new VerbundError('USAGE', `--map-style: ${value} is not a MapLibre style (a JSON object)`);
  const s = style as Record<string, unknown>;
  if (s.version !== 8) throw new VerbundError('USAGE', `--map-style: ${value}: "version" must be 8 (MapLibre style specification), not ${JSON.stringify(s.version)}`);
  if (!Array.isArray(s.layers)) throw new VerbundError('USAGE', `--map-style: ${value}: "layers" must be a list`);
  return { style: s };
}

/** The URL the browser loads the style from. */
export function baseMapStyleUrl(b: BaseMapOption): string {
  return 'url' in b ? b.url : BASE_MAP_STYLE_PATH;
}

/** The origins other than the server's own that the base map loads from (the style URL's; a style file's sources, glyphs and sprites). */
export function baseMapOrigins(b: BaseMapOption): string[] {
  const urls: unknown[] = [];
  if ('url' in b) urls.push(b.url);
  else {
    const s = b.style;
    urls.push(s.glyphs);
    urls.push(...(Array.isArray(s.sprite) ? s.sprite.map((x: { url?: unknown }) => x?.url) : [s.sprite]));
    for (const src of Object.values((s.sources ?? {}) as Record<string, { url?: unknown; tiles?: unknown }>)) {
      urls.push(src?.url);
      if (Array.isArray(src?.tiles)) urls.push(...src.tiles);
    }
  }
  const origins = new Set<string>();
  for (const raw of urls) {
    // A PMTiles archive is fetched from the URL after the protocol's prefix.
    const u = typeof raw === 'string' ? raw.replace(/^pmtiles:\/\//i, '') : raw;
    if (typeof u !== 'string' || !/^https?:\/\//i.test(u)) continue;
    try {
      // Tile templates hold {z}/{x}/{y}: only the origin matters.
      origins.add(new URL(u.replace(/[{}]/g, '')).origin);
    } catch {
      // Not a URL the browser could load either.
    }
  }
  return [...origins];
}
