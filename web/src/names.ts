/**
 * Names of objects by id, per view (date and plan), for showing names first and ids second. Every
 * list the UI loads fills it (see `get` in api.ts), so a page that has loaded the sites asks for
 * none of their names; the ids not seen yet are asked together, in one `GET /names` per batch.
 */
import { get } from './api.js';

/** At most this many ids in one request (the route takes 200). */
const BATCH = 200;

// Names of referenced objects, per view (date and plan), each asked once.
const names = new Map<string, Promise<string | null>>();
/** Ids asked for during this tick, per view; sent together in the next. */
const pending = new Map<string, Map<string, (name: string | null) => void>>();
let scheduled = false;
/** What the route takes as an id (one malformed id would fail its whole batch). */
const ID = /^[a-z0-9][a-z0-9._-]{0,63}$/;

function flush(): void {
  scheduled = false;
  const batches = [...pending];
  pending.clear();
  for (const [view, waiting] of batches) {
    const [at, plan] = view.split('|') as [string, string];
    const ids = [...waiting.keys()];
    for (let i = 0; i < ids.length; i += BATCH) {
      const part = ids.slice(i, i + BATCH);
      get<{ names: Record<string, string | null> }>('/names', { ids: part.join(','), at, plan }).then(
        (r) => {
          for (const id of part) waiting.get(id)!(r.names[id] ?? null);
        },
        () => {
          for (const id of part) waiting.get(id)!(null);
        },
      );
    }
  }
}

/** The name of an object at the view, or null (no name, or not visible). */
export function nameOf(id: string, at: string, plan: string): Promise<string | null> {
  const key = `${at}|${plan}|${id}`;
  let p = names.get(key);
  if (!p && !ID.test(id)) names.set(key, (p = Promise.resolve(null)));
  if (!p) {
    const view = `${at}|${plan}`;
    p = new Promise<string | null>((resolve) => {
      let waiting = pending.get(view);
      if (!waiting) pending.set(view, (waiting = new Map()));
      waiting.set(id, resolve);
    });
    names.set(key, p);
    if (!scheduled) {
      scheduled = true;
      // Every NamedLink of a render asks in the same tick: one request for all of them.
      setTimeout(flush, 0);
    }
  }
  return p;
}

/** Remembers the names of a list's objects, answered at a view. */
export function rememberNames(items: readonly unknown[], at: unknown, plan: unknown): void {
  if (typeof at !== 'string' || !at) return;
  const view = `${at.slice(0, 10)}|${typeof plan === 'string' ? plan : ''}|`;
  for (const o of items as { id?: unknown; name?: unknown }[]) {
    if (typeof o?.id === 'string' && !names.has(view + o.id)) names.set(view + o.id, Promise.resolve(typeof o.name === 'string' ? o.name : null));
  }
}
