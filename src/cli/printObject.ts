/**
 * Prints one object as readable `key: value` lines (a YAML subset), without loading a YAML
 * library for the quickest command.
 */

/** Renders an object; nested objects indent, lists of scalars stay on one line. */
export function printObject(o: Readonly<Record<string, unknown>>, indent = ''): string {
  let out = '';
  for (const [key, value] of Object.entries(o)) {
    if (value === undefined) continue;
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      out += `${indent}${key}:\n${printObject(value as Record<string, unknown>, `${indent}  `)}`;
    } else if (Array.isArray(value) && value.some((v) => v !== null && typeof v === 'object')) {
      out += `${indent}${key}:\n`;
      for (const v of value) out += `${indent}  - ${scalar(v)}\n`;
    } else if (Array.isArray(value)) {
      out += `${indent}${key}: [${value.map(scalar).join(', ')}]\n`;
    } else {
      out += `${indent}${key}: ${scalar(value)}\n`;
    }
  }
  return out;
}

function scalar(v: unknown): string {
  if (typeof v === 'string') return /^[\p{L}\p{N}][\p{L}\p{N} ._/()+-]*$/u.test(v) && !/^(true|false|null|yes|no|\d)/i.test(v) ? v : JSON.stringify(v);
  return JSON.stringify(v);
}
