import type { Role } from './roles.js';

export interface User {
  id: number;
  username: string;
  name: string;
  role: Role;
  badgeNumber: string | null;
  active: boolean;
  hasPassword: boolean;
  createdAt: string;
}

export interface ApiTokenInfo {
  id: number;
  userId: number;
  label: string;
  createdAt: string;
  revokedAt: string | null;
}
