/**
 * The deepest nesting Verbund accepts in any input: an estate file, a request body, a merge
 * patch. The deepest real field is a few levels down (`changesets[0].changes[0].update.
 * blackouts[0].from`), so 64 is generous; without a bound, 5,000 nested lists would
 * overflow the stack of every recursive walk (merge patch, validation, serialisation).
 */
export const MAX_NESTING = 64;

/**
 * The path to the first value nested deeper than `limit` levels, or undefined. Iterative,
 * so that checking input of any depth cannot itself overflow the stack.
 */
export function tooDeep(value: unknown, limit = MAX_NESTING): (string | number)[] | undefined {
  const stack: { v: unknown; path: (string | number)[] }[] = [{ v: value, path: [] }];
  while (stack.length) {
    const { v, path } = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (path.length >= limit) return path;
    if (Array.isArray(v)) v.forEach((x, i) => stack.push({ v: x, path: [...path, i] }));
    else for (const [k, x] of Object.entries(v)) if (x !== null && typeof x === 'object') stack.push({ v: x, path: [...path, k] });
  }
  return undefined;
}

/** The message for input nested too deeply. */
export function tooDeepMessage(path: readonly (string | number)[]): string {
  return `nested more than ${MAX_NESTING} levels deep (at ${path.slice(0, 6).join('.')}…)`;
}
