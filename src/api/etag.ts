/**
 * ETags and If-Match. A change set's ETag is its revision (`"3"`); an object's is its
 * revision (the last change set that touched it) and a digest of the content at the date
 * asked (`"12.Xy…"`), so that two dates never share an ETag while If-Match compares the
 * revision, which is what a concurrent write changes.
 */
import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { VerbundError } from '../model/errors.js';

/**
 * The ETag of an object at a date. Without a revision (a tenant's read), the digest alone:
 * a revision is the recording number of the last change set that touched the object, plans
 * included, which a tenant may not learn (docs/api.md, "Tenants").
 */
export function objectEtag(revision: number | null, content: unknown): string {
  const digest = createHash('sha256').update(JSON.stringify(content)).digest('base64url').slice(0, 16);
  return revision === null ? `"${digest}"` : `"${revision}.${digest}"`;
}

/**
 * The revision an If-Match header names (`"3"`, `"3.abc"`, `W/"3"`); undefined without the
 * header; `'*'` for `If-Match: *`, which RFC 9110 §13.1.1 makes true if the resource exists
 * at all, whatever its revision.
 */
export function ifMatchRevision(req: FastifyRequest): number | '*' | undefined {
  const h = req.headers['if-match'];
  if (h === undefined) return undefined;
  if (h.trim() === '*') return '*';
  const m = /^(?:W\/)?"(\d{1,9})(?:\.[\w-]*)?"$/.exec(h.trim());
  if (!m) throw new VerbundError('PRECONDITION_FAILED', 'If-Match is an ETag this API gave, e.g. "3"');
  return Number(m[1]);
}

/**
 * A failed write whose problems include a stale revision answers 412, whatever else was
 * wrong: the client read something that has changed, and must read again first.
 */
export function staleFirst(e: unknown): unknown {
  if (e instanceof VerbundError && e.code !== 'PRECONDITION_FAILED' && e.problems.some((p) => p.code === 'PRECONDITION_FAILED')) {
    const stale = e.problems.filter((p) => p.code === 'PRECONDITION_FAILED');
    return new VerbundError('PRECONDITION_FAILED', stale[0]!.message, stale);
  }
  return e;
}
