/**
 * Names of objects by id, per view (date and plan), for showing names first and ids second. Every
 * list the UI loads fills it (see `answer` in api.ts), so a page that has loaded the sites asks for
 * none of their names; an id not seen yet is asked once, at most six at a time.
 */
import { call } from './http.js';

// Names of referenced objects, per view (date and plan), asked once each and at most six at a
// time (a page of ids must not flood the server or the browser's connections).
const names = new Map<string, Promise<string | null>>();
const queue: (() => void)[] = [];
let running = 0;

function limited<T>(f: () => Promise<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const start = () => {
      running++;
      f()
        .then(resolve, reject)
        .finally(() => {
          running--;
          queue.shift()?.();
        });
    };
    if (running < 6) start();
    else queue.push(start);
  });
}

/** The name of an object at the view, or null (no name, or not visible). */
export function nameOf(id: string, at: string, plan: string): Promise<string | null> {
  const key = `${at}|${plan}|${id}`;
  let p = names.get(key);
  if (!p) {
    p = limited(() => call('GET /objects/:id', { params: { id }, query: { at, plan } })).then(
      (o) => o.name ?? null,
      () => null,
    );
    names.set(key, p);
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
