import { VerbundError } from '../model/errors.js';
import { MAX_NESTING } from '../model/nesting.js';

/**
 * JSON merge patch (RFC 7396): how an update changes an object. Objects merge key by key,
 * `null` removes a key, everything else (arrays included) replaces.
 */
export function mergePatch(target: unknown, patch: unknown, depth = 0): unknown {
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) return patch;
  // Input is bounded where it enters (model/nesting.ts); this keeps the recursion bounded whatever the caller.
  if (depth > MAX_NESTING) throw new VerbundError('INVALID_INPUT', `the patch is nested more than ${MAX_NESTING} levels deep`);
  const out: Record<string, unknown> =
    target !== null && typeof target === 'object' && !Array.isArray(target) ? { ...(target as Record<string, unknown>) } : {};
  for (const [key, value] of Object.entries(patch as Record<string, unknown>)) {
    if (value === null) delete out[key];
    else out[key] = mergePatch(out[key], value, depth + 1);
  }
  return out;
}
