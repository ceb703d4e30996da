/**
 * One error mapping for the whole API: every failure — a VerbundError from a service, a
 * schema validation error, malformed JSON, an oversized body, an unknown route, a rate
 * limit — answers with a catalogue code, its HTTP status and the body
 * `{ error: { code, message, details } }`.
 */
import type { FastifyError, FastifyInstance } from 'fastify';
import { errorCatalogue, VerbundError, type ErrorCode, type ErrorSpec, type Problem } from '../model/errors.js';

import type { ErrorBody } from '../contracts/errors.js';

export type { ErrorBody };

/** JSON schema of the error body (responses 4xx and 5xx of every route). */
export const errorBodySchema = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message', 'details'],
      properties: {
        code: { type: 'string', enum: Object.keys(errorCatalogue) },
        message: { type: 'string' },
        details: {
          type: 'array',
          items: {
            type: 'object',
            additionalProperties: true,
            properties: { code: { type: 'string' }, message: { type: 'string' } },
          },
        },
      },
    },
  },
} as const;

/** Fastify's own errors (by code) that mean a catalogue code. */
const fastifyCodes: Readonly<Record<string, ErrorCode>> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'INVALID_INPUT',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'INVALID_INPUT',
  FST_ERR_CTP_INVALID_JSON_BODY: 'INVALID_INPUT',
  FST_ERR_VALIDATION: 'INVALID_INPUT',
};

/** HTTP statuses that mean a catalogue code, for errors that carry only a status. */
const statusCodes: Readonly<Record<number, ErrorCode>> = {
  400: 'INVALID_INPUT',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  412: 'PRECONDITION_FAILED',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
  503: 'UNAVAILABLE',
};

/** Turns any thrown value into a catalogue error. */
export function toVerbundError(e: unknown): VerbundError {
  if (e instanceof VerbundError) return e;
  const err = e as FastifyError & { validationContext?: string };
  if (err?.validation) {
    const problems: Problem[] = err.validation.map((v) => validationProblem(err.validationContext ?? 'request', v));
    return new VerbundError('INVALID_INPUT', `${problems.length} problem${problems.length === 1 ? '' : 's'} in the ${err.validationContext ?? 'request'}`, problems);
  }
  const code = (err?.code && fastifyCodes[err.code]) || (err?.statusCode && statusCodes[err.statusCode]);
  if (code) return new VerbundError(code, code === 'INVALID_INPUT' ? `the body is not valid JSON: ${err.message}` : errorCatalogue[code].message);
  return new VerbundError('INTERNAL');
}

function validationProblem(part: string, v: NonNullable<FastifyError['validation']>[number]): Problem {
  const path = v.instancePath.split('/').filter(Boolean);
  const params = v.params as { additionalProperty?: string; missingProperty?: string };
  const field = params.additionalProperty ?? params.missingProperty;
  const full = [...path, ...(field !== undefined ? [field] : [])];
  const message = params.additionalProperty !== undefined ? `unknown field "${params.additionalProperty}"` : (v.message ?? 'invalid');
  return { code: 'INVALID_INPUT', message: `${part}${full.length ? `.${full.join('.')}` : ''}: ${message}`, ...(full.length && { field: full.join('.') }), path: [part, ...full] };
}

/** The body of an error. */
export function errorBody(e: VerbundError): ErrorBody {
  return { error: { code: e.code, message: e.message, details: e.problems } };
}

/** Installs the error handler and the not-found handler; `onError` sees every error's code. */
export function registerErrorHandling(app: FastifyInstance, onError: (code: ErrorCode) => void = () => undefined): void {
  app.setErrorHandler((e, req, reply) => {
    const err = toVerbundError(e);
    onError(err.code);
    if (err.code === 'INTERNAL') req.log.error({ err: e }, 'internal error');
    // A 401 tells the client how to authenticate (RFC 9110 §11.6.1).
    if (err.code === 'UNAUTHENTICATED') void reply.header('www-authenticate', 'Bearer realm="verbund"');
    // A refusal that a retry can overcome (OVERLOADED, BUSY) says when (RFC 9110 §10.2.3).
    const retryAfter = (errorCatalogue[err.code] as ErrorSpec).retryAfter;
    if (retryAfter !== undefined) void reply.header('retry-after', String(retryAfter));
    return reply.status(err.status).send(errorBody(err));
  });
  app.setNotFoundHandler((req, reply) => {
    const err = new VerbundError('NOT_FOUND', `no route ${req.method} ${req.url.split('?')[0]}`);
    onError(err.code);
    return reply.status(404).send(errorBody(err));
  });
}
