import type { LedgerStore } from './db/port';

import type { Role } from '../shared/api-types';

export type { Role };
export const ROLES: readonly Role[] = ['viewer', 'clerk', 'admin'];

/** Who is calling: set by the auth middleware on every route but /v1/health. */
export interface Auth {
  workspaceId: number;
  workspace: string;
  role: Role;
  tokenName: string;
}

/** The Hono environment shared by every router of the app. */
export type AppEnv = {
  Variables: {
    auth: Auth;
    store: LedgerStore;
  };
};
