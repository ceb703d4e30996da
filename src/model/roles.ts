/**
 * Roles of the server's users. Staff roles are ordered: each may do what the ones before it
 * may. A tenant stands apart: bound to one organization, it reads only what concerns it.
 */

/** Staff roles, from least to most rights. */
export const staffRoles = ['viewer', 'planner', 'operator', 'admin'] as const;

/** Every role. */
export const roles = [...staffRoles, 'tenant'] as const;

/** A staff role. */
export type StaffRole = (typeof staffRoles)[number];

/** A role. */
export type Role = (typeof roles)[number];

/** True if the value is a role. */
export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (roles as readonly string[]).includes(value);
}

/** True if a user of `role` has at least the rights of `required` (a tenant has none of them). */
export function hasRights(role: Role, required: StaffRole): boolean {
  return role !== 'tenant' && staffRoles.indexOf(role) >= staffRoles.indexOf(required);
}
