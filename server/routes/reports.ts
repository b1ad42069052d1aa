import { Hono } from 'hono';
import type { AppEnv } from '../env';
import { ApiError } from '../errors';

/** Recall, expiring, on-hand and movement reports; mounted under /v1 after auth. */
export const reportRoutes = new Hono<AppEnv>();

for (const path of ['/reports/recall', '/reports/expiring', '/reports/on-hand', '/reports/movements']) {
  reportRoutes.get(path, () => {
    throw new ApiError(404, 'not_found', 'This report is being built.');
  });
}
