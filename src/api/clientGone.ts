/**
 * Cancellation of heavy work whose client went away (docs/api.md, "Heavy analyses"): the
 * analysis pool stops the worker thread, so an abandoned question costs nothing more.
 */
import type { FastifyReply } from 'fastify';

/** Aborts when the connection closes before the answer was sent. */
export function clientGone(reply: FastifyReply): AbortSignal {
  const ac = new AbortController();
  reply.raw.once('close', () => {
    if (!reply.raw.writableFinished) ac.abort();
  });
  return ac.signal;
}
