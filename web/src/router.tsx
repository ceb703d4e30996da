/**
 * A tiny history router: the path is the page (`/map`, `/objects/finanzwesen`), the query the
 * view (`?at=2019-02-01&plan=move`, the map's selection); the server answers every non-API path
 * with index.html, so reloads and shared links work.
 */
import { useCallback, useEffect, useState, type AnchorHTMLAttributes, type MouseEvent } from 'react';

const listeners = new Set<() => void>();
window.addEventListener('popstate', () => listeners.forEach((l) => l()));

/** Query parameters every page keeps across navigation: the date and the plan looked at. */
const sticky = ['at', 'plan'];

/** A path of the app with the current date and plan (unless it sets them itself). */
export function withView(to: string): string {
  const [path, query = ''] = to.split('?');
  const now = new URLSearchParams(location.search);
  const keep = new URLSearchParams(query);
  for (const k of sticky) {
    const v = now.get(k);
    if (v && !keep.has(k)) keep.set(k, v);
  }
  const q = keep.toString();
  return q ? `${path}?${q}` : path!;
}

/** Goes to a path of the app (keeping the date and plan in the URL). */
export function navigate(target: string, replace = false): void {
  const to = withView(target);
  if (to === location.pathname + location.search) return;
  if (replace) history.replaceState(null, '', to);
  else history.pushState(null, '', to);
  listeners.forEach((l) => l());
  window.scrollTo(0, 0);
}

/** A part of the location, re-read whenever the app navigates or changes its query. */
function useLocationPart(part: () => string): string {
  const [value, setValue] = useState(part);
  useEffect(() => {
    const l = () => setValue(part());
    listeners.add(l);
    return () => void listeners.delete(l);
  }, []);
  return value;
}

/** The current path (re-renders on navigation). */
export function usePath(): string {
  return useLocationPart(() => location.pathname);
}

/** The URL's query (re-renders when it changes). */
function useSearch(): string {
  return useLocationPart(() => location.search);
}

/**
 * A query parameter of the URL as state: setting it replaces the URL (no new history entry), so
 * a reload keeps it and a copied link shares it (the date, the plan, the map's selection).
 */
export function useParam(name: string): [string, (v: string) => void] {
  const value = new URLSearchParams(useSearch()).get(name) ?? '';
  const set = useCallback(
    (v: string) => {
      const q = new URLSearchParams(location.search);
      if (v) q.set(name, v);
      else q.delete(name);
      const s = q.toString();
      const to = `${location.pathname}${s ? `?${s}` : ''}`;
      if (to === location.pathname + location.search) return;
      history.replaceState(null, '', to);
      listeners.forEach((l) => l());
    },
    [name],
  );
  return [value, set];
}

/** A link inside the app: a real <a href> (keyboard, new tab; with the date and plan), navigating without reload. */
export function Link({ to, ...rest }: { to: string } & AnchorHTMLAttributes<HTMLAnchorElement>) {
  useSearch();
  const onClick = (e: MouseEvent<HTMLAnchorElement>) => {
    if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(to);
  };
  return <a href={withView(to)} onClick={onClick} {...rest} />;
}
