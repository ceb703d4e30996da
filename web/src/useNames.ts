/** Names of ids at the view, for headings and drawings that show names first (asked in one batch). */
import { useEffect, useState } from 'react';
import { nameOf } from './names.js';
import { useApp } from './state.js';

/** The names of the ids known so far (an id without a name maps to itself). */
export function useNames(ids: readonly string[]): Map<string, string> {
  const { at, plan } = useApp();
  const [names, setNames] = useState(new Map<string, string>());
  const key = ids.join(',');
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for `ids`
  useEffect(() => {
    let live = true;
    void Promise.all(ids.map(async (id) => [id, (await nameOf(id, at, plan)) ?? id] as const)).then((pairs) => live && setNames(new Map(pairs)));
    return () => void (live = false);
  }, [key, at, plan]);
  return names;
}
