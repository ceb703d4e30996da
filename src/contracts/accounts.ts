/**
 * Who may do what: the roles (from the model) and the accounts the API manages — users,
 * API tokens and browser sessions.
 */
import type { Role } from '../model/roles.js';
import type { CredentialsBody, TokenCreateBody, UserAddBody, UserPatchBody } from './requests/accounts.js';

// The requests are declared with their schemas (src/contracts/requests); the names below are theirs.
export type { CredentialsBody, PasswordChangeBody, SetupBody, TokenCreateBody, UserAddBody, UserPatchBody } from './requests/accounts.js';

export { hasRights, isRole, roles, staffRoles, type Role, type StaffRole } from '../model/roles.js';

/** Who is calling: the user, its role and, for a tenant, its organization. */
export interface Principal {
  readonly name: string;
  readonly role: Role;
  readonly tenant: string | null;
}

/** A user as shown (never with its password hash). */
export interface User extends Principal {
  readonly disabled: boolean;
  readonly createdAt: string;
}

/** A token as listed (never with its secret). */
export interface TokenInfo {
  readonly id: string;
  readonly user: string;
  readonly name: string;
  readonly createdAt: string;
  readonly expiresAt: string | null;
  readonly revokedAt: string | null;
}

/** A new token: its secret, shown this once. */
export type NewToken = TokenInfo & { readonly token: string };

/** The request of `POST /session`. */
export type SignInBody = CredentialsBody;

/** The answer of `POST /session`: who signed in, and the CSRF token every unsafe request sends. */
export interface SessionAnswer {
  readonly user: Principal;
  readonly csrfToken: string;
  readonly expiresAt: string;
}

/** The answer of `GET /me`: who is signed in, with the session's CSRF token (none for an API token). */
export type Me = Principal & { readonly csrfToken: string | null };

/** The request of `POST /users`. */
export type NewUserBody = UserAddBody;

/** The request of `PATCH /users/{name}`. */
export type UserPatch = UserPatchBody;

/** The request of `POST /tokens`. */
export type NewTokenBody = TokenCreateBody;
