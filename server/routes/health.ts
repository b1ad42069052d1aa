import { Hono } from 'hono';
import type { AppEnv } from '../env';

/** GET /v1/health: unauthenticated liveness check (it also proves the database answers). */
export const healthRoutes = new Hono<AppEnv>();

healthRoutes.get('/health', async (c) => {
  await c.var.store.read('SELECT 1');
  return c.json({ ok: true });
});
