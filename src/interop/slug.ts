/**
 * Ids from foreign names: the slug rule of every id (`[a-z0-9][a-z0-9._-]*`, at most 64
 * characters) and a deterministic way to keep slugs unique within one import.
 */

/** Longest id. */
export const MAX_ID_LENGTH = 64;

const VALID = /^[a-z0-9][a-z0-9._-]*$/;
// Letters that Unicode decomposition does not reduce to ASCII.
const SPECIAL: Readonly<Record<string, string>> = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i' };

/** True if `s` is a valid id. */
export function isSlug(s: string): boolean {
  return s.length <= MAX_ID_LENGTH && VALID.test(s);
}

/**
 * Lower-cases `raw`, drops accents (ä → a, ß → ss), turns each run of other invalid
 * characters into one `-`, removes leading `.`, `_`, `-` and trailing `-`, and cuts to
 * `max` characters.
 * An input with nothing usable gives `x`.
 */
export function slugify(raw: string, max = MAX_ID_LENGTH): string {
  const ascii = raw
    .toLowerCase()
    .replace(/[ßæœøłđðþı]/g, (c) => SPECIAL[c] ?? c)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '');
  const slug = ascii
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[._-]+/, '')
    .slice(0, max)
    .replace(/-+$/, '');
  return slug === '' ? 'x' : slug;
}

/**
 * Hands out unique ids in call order: the first claim of a slug gets it as is, later ones
 * get `-2`, `-3`, … (cut so that the whole stays within 64 characters).
 */
export class UniqueIds {
  private readonly taken = new Set<string>();

  /** Returns `wanted` if it is still free, else the first free `wanted-<n>` (n ≥ 2). */
  claim(wanted: string): string {
    let id = wanted;
    for (let n = 2; this.taken.has(id); n++) {
      const suffix = `-${n}`;
      id = `${wanted.slice(0, MAX_ID_LENGTH - suffix.length)}${suffix}`;
    }
    this.taken.add(id);
    return id;
  }

  /** True if `id` has been handed out. */
  has(id: string): boolean {
    return this.taken.has(id);
  }
}
