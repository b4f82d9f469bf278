import { z } from 'zod';
import { roles } from '@stagegate/core/contract/accounts';

// the list of roles lives with the API contract, which tells the web an account's role
export const role = z.enum(roles);
export type Role = z.infer<typeof role>;

/** Who is acting: a signed-in account, or null for the public. */
export interface Actor {
  id: string;
  email: string;
  name: string;
  role: Role;
  /** whether the account confirmed its e-mail address; set for every signed-in request */
  emailVerified?: boolean;
}

export function isRole(value: unknown): value is Role {
  return role.safeParse(value).success;
}
