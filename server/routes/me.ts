import { Hono } from 'hono';
import type { Me } from '../../shared/api-types';
import type { AppEnv } from '../env';

/** GET /v1/me: which workspace and role the token has, so the pane shows only what it may do. */
export const meRoutes = new Hono<AppEnv>();

meRoutes.get('/me', (c) => {
  const { workspace, role, tokenName } = c.var.auth;
  return c.json({ workspace, role, tokenName } satisfies Me);
});
