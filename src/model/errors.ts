/**
 * The one error catalogue of Verbund, shared by CLI and API: a stable `code`, a message,
 * the HTTP status and the CLI exit code. `docs/errors.md` documents every code (a test
 * checks it).
 */

/** Catalogue entry. */
export interface ErrorSpec {
  readonly status: number;
  readonly exit: number;
  readonly message: string;
  /** Seconds after which a retry may succeed: sent as Retry-After. */
  readonly retryAfter?: number;
}

/** Every error code Verbund reports. */
export const errorCatalogue = {
  INVALID_INPUT: { status: 400, exit: 2, message: 'The input is malformed.' },
  INVALID_ESTATE: { status: 422, exit: 2, message: 'The estate would be invalid.' },
  INVALID_DATE: { status: 400, exit: 2, message: 'A date is not a valid date or date-time.' },
  NOT_FOUND: { status: 404, exit: 2, message: 'No such object.' },
  UNKNOWN_PLAN: { status: 404, exit: 2, message: 'No such plan.' },
  UNKNOWN_CHANGESET: { status: 404, exit: 2, message: 'No such change set.' },
  INVALID_TRANSITION: { status: 409, exit: 2, message: 'That status change is not allowed.' },
  PLAN_INFEASIBLE: { status: 422, exit: 2, message: 'No plan satisfies the constraints.' },
  CONFLICT: { status: 409, exit: 2, message: 'The change conflicts with stored data.' },
  USAGE: { status: 400, exit: 2, message: 'The command was called wrongly.' },
  UNAUTHENTICATED: { status: 401, exit: 2, message: 'Sign in or give an API token.' },
  FORBIDDEN: { status: 403, exit: 2, message: 'Your role does not allow this.' },
  PRECONDITION_FAILED: { status: 412, exit: 2, message: 'The resource changed since you read it (If-Match is stale).' },
  PAYLOAD_TOO_LARGE: { status: 413, exit: 2, message: 'The request body is too large.' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, exit: 2, message: 'Send the body as application/json.' },
  RATE_LIMITED: { status: 429, exit: 2, message: 'Too many requests; try again later.' },
  OVERLOADED: { status: 503, exit: 3, message: 'Too many analyses are running or waiting; retry in a few seconds.', retryAfter: 5 },
  DEADLINE_EXCEEDED: { status: 503, exit: 3, message: 'The analysis did not finish within the deadline; ask a narrower question.' },
  BUSY: { status: 503, exit: 4, message: 'The database is busy with another write; try again shortly.', retryAfter: 5 },
  UNAVAILABLE: { status: 503, exit: 3, message: 'The server is shutting down; retry (on another instance).' },
  NETBOX_NOT_ALLOWED: { status: 403, exit: 2, message: 'The server pulls only from the NetBox URLs its administrator allowed (serve --netbox-url).' },
  NETBOX_REFUSED: { status: 502, exit: 2, message: 'NetBox refused the request (401/403): check the API token and its permissions.' },
  NETBOX_NOT_FOUND: { status: 502, exit: 2, message: 'NetBox answered 404: check the URL (the base URL of NetBox, without /api).' },
  NETBOX_VERSION: { status: 502, exit: 2, message: 'The NetBox version is not one the import knows.' },
  NETBOX_UNREACHABLE: { status: 502, exit: 3, message: 'NetBox could not be reached (network, TLS or server error), also after retries.' },
  INTERNAL: { status: 500, exit: 3, message: 'Internal error.' },
} as const satisfies Record<string, ErrorSpec>;

/** A code of the catalogue. */
export type ErrorCode = keyof typeof errorCatalogue;

/**
 * One thing wrong with the input, located as precisely as known: file and line/column
 * (YAML, JSON) or row (CSV), change set, object id and field.
 */
export interface Problem {
  readonly code: ErrorCode;
  readonly message: string;
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
  readonly row?: number;
  readonly changeset?: string;
  readonly id?: string;
  readonly field?: string;
  /** Path inside the parsed input document; readers turn it into line and column. */
  readonly path?: readonly (string | number)[];
}

/** An error with a catalogue code and every problem found (never only the first). */
export class VerbundError extends Error {
  readonly code: ErrorCode;
  readonly problems: readonly Problem[];

  constructor(code: ErrorCode, message?: string, problems: readonly Problem[] = []) {
    super(message ?? errorCatalogue[code].message);
    this.name = 'VerbundError';
    this.code = code;
    this.problems = problems;
  }

  /** HTTP status of this error. */
  get status(): number {
    return errorCatalogue[this.code].status;
  }

  /** CLI exit code of this error. */
  get exit(): number {
    return errorCatalogue[this.code].exit;
  }
}

/** Formats a problem as one line: `file:line:col: [changeset] id.field: message`. */
export function formatProblem(p: Problem): string {
  let where = '';
  if (p.file !== undefined) {
    where += p.file;
    if (p.line !== undefined) where += `:${p.line}${p.column !== undefined ? `:${p.column}` : ''}`;
    if (p.row !== undefined) where += `: row ${p.row}`;
    where += ': ';
  }
  if (p.changeset !== undefined) where += `change set ${p.changeset}: `;
  if (p.id !== undefined) where += `${p.id}${p.field !== undefined ? `.${p.field}` : ''}: `;
  else if (p.field !== undefined) where += `${p.field}: `;
  return `${where}${p.message}`;
}
