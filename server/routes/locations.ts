import { Hono } from 'hono';
import type { LocationList, Upserted } from '../../shared/api-types';
import type { AppEnv } from '../env';
import { ApiError } from '../errors';
import { requireRole } from '../auth/roles';
import { checkLocationRows } from '../../shared/master';
import { loadLocations, upsertLocations } from '../ledger/master-data';
import { onlyKnownFields, readJsonObject } from './body';

/** Locations: every role reads, admins upsert by code. */
export function locationRoutes(maxRows: number) {
  const r = new Hono<AppEnv>();

  r.get('/locations', requireRole('viewer'), async (c) => {
    return c.json({ locations: await loadLocations(c.var.store, c.var.auth.workspaceId) } satisfies LocationList);
  });

  r.post('/locations', requireRole('admin'), async (c) => {
    const body = await readJsonObject(c);
    onlyKnownFields(body, ['locations'], 'The locations request');
    if (!Array.isArray(body.locations)) {
      throw new ApiError('invalid_request', 'Send {"locations": [...]}: a list of locations.');
    }
    if (body.locations.length > maxRows) {
      throw new ApiError('too_large', `At most ${maxRows} locations a request; this one has ${body.locations.length}.`);
    }
    const { locations, problems } = checkLocationRows(body.locations);
    if (problems.length > 0) {
      throw new ApiError('invalid_rows', `${problems.length} location problem(s); nothing was saved.`, problems);
    }
    return c.json({ upserted: await upsertLocations(c.var.store, c.var.auth.workspaceId, locations) } satisfies Upserted);
  });
  return r;
}
