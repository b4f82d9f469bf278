import { z } from 'zod';

export const roles = ['operator', 'applicant', 'reviewer', 'evaluator'] as const;
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
