/**
 * The requests on accounts (docs/api.md "Accounts"): sign in, change one's password, the
 * first admin, users and API tokens.
 */
import { roles } from '../../model/roles.js';
import { idParam, type RequestOf } from './shared.js';

/** A user name. */
const userName = { type: 'string', maxLength: 64 } as const;

/** A password as sent. */
const password = { type: 'string', minLength: 1, maxLength: 1024 } as const;

/** `POST /session`: user name and password. */
export const credentialsBody = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'password'],
  properties: { name: { type: 'string', minLength: 1, maxLength: 64 }, password },
} as const;

/** `POST /session`'s body. */
export type CredentialsBody = RequestOf<typeof credentialsBody>;

/** `POST /me/password`: the current password and the new one. */
export const passwordChangeBody = { type: 'object', additionalProperties: false, required: ['current', 'password'], properties: { current: password, password } } as const;

/** `POST /me/password`'s body. */
export type PasswordChangeBody = RequestOf<typeof passwordChangeBody>;

/** `POST /setup`: the one-time setup token and the first admin's credentials. */
export const setupBody = { ...credentialsBody, required: ['token', 'name', 'password'], properties: { ...credentialsBody.properties, token: { type: 'string', maxLength: 200 } } } as const;

/** `POST /setup`'s body. */
export type SetupBody = RequestOf<typeof setupBody>;

/** `{name}` of a route on one user. */
export const userNameParams = { type: 'object', required: ['name'], properties: { name: userName } } as const;

/** `POST /users`: a user (a tenant names its organization). */
export const userAddBody = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'role'],
  properties: { name: userName, role: { type: 'string', enum: roles }, tenant: idParam, password: { type: 'string', maxLength: 1024 } },
} as const;

/** `POST /users`'s body. */
export type UserAddBody = RequestOf<typeof userAddBody>;

/** `PATCH /users/{name}`: disable or enable, or a new password. */
export const userPatchBody = { type: 'object', additionalProperties: false, minProperties: 1, properties: { disabled: { type: 'boolean' }, password: { type: 'string', maxLength: 1024 } } } as const;

/** `PATCH /users/{name}`'s body. */
export type UserPatchBody = RequestOf<typeof userPatchBody>;

/** `GET /tokens`: optionally of one user. */
export const tokenListQuerystring = { type: 'object', additionalProperties: false, properties: { user: userName } } as const;

/** `POST /tokens`: the user, what the token is for, and its lifetime in days. */
export const tokenCreateBody = {
  type: 'object',
  additionalProperties: false,
  required: ['user'],
  properties: { user: userName, name: { type: 'string', minLength: 1, maxLength: 100 }, expiresDays: { type: 'integer', minimum: 1, maximum: 3650 } },
} as const;

/** `POST /tokens`'s body. */
export type TokenCreateBody = RequestOf<typeof tokenCreateBody>;

/** `{id}` of a route on one token. */
export const tokenIdParams = { type: 'object', required: ['id'], properties: { id: { type: 'string', maxLength: 64 } } } as const;
