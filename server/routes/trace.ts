import { Hono } from 'hono';
import type { AppEnv } from '../env';
import { ApiError } from '../errors';

/** Lot and serial trace (API.md "Trace and reports"); mounted under /v1 after auth. */
export const traceRoutes = new Hono<AppEnv>();

traceRoutes.get('/trace/lot', () => {
  throw new ApiError(404, 'not_found', 'Lot trace is being built.');
});
traceRoutes.get('/trace/serial', () => {
  throw new ApiError(404, 'not_found', 'Serial trace is being built.');
});
