/**
 * The requests of estate files over HTTP (docs/api.md "Estate files"): export, import of a
 * document, and a NetBox pull. Files travel in the request or the answer: the server never
 * opens a path a client names.
 */
import { idParam, viewQuery, type RequestOf } from './shared.js';

/** `GET /export`: the whole timeline, or with `at` (and `plan`) the estate then and what follows. */
export const exportQuerystring = { type: 'object', additionalProperties: false, properties: { ...viewQuery, format: { type: 'string', enum: ['json', 'yaml'], default: 'json' } } } as const;

/** `GET /export`'s query. */
export type ExportQuerystring = RequestOf<typeof exportQuerystring>;

/** `POST /import`: the effective date and change set id of the top-level objects. */
export const importQuerystring = { type: 'object', additionalProperties: false, properties: { effective: viewQuery.at, changeset: idParam } } as const;

/** `POST /import`'s query. */
export type ImportQuerystring = RequestOf<typeof importQuerystring>;

/** `POST /import`: an estate file as JSON (docs/file-format.md), checked by the importer, which lists every problem. */
export const importBody = { type: 'object', additionalProperties: true } as const;

/** `POST /import/netbox`: where the NetBox is, its token (used once, never stored) and the mapping file. */
export const netboxImportBody = {
  type: 'object',
  additionalProperties: false,
  required: ['url', 'token'],
  properties: {
    url: { type: 'string', minLength: 1, maxLength: 2000, description: 'Base URL of the NetBox, e.g. https://netbox.example' },
    token: { type: 'string', minLength: 1, maxLength: 500, description: 'NetBox API token (read rights); used once, never stored' },
    dry_run: { type: 'boolean', default: false },
    map: { type: 'object', additionalProperties: true },
  },
} as const;

/** `POST /import/netbox`'s body. */
export type NetboxImportBody = RequestOf<typeof netboxImportBody>;
