/** The five roles of design.md §1. */
export const ROLES = ['boa', 'backoffice', 'finance', 'evaluator', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
