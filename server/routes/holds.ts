import { Hono } from 'hono';
import type { Held, HoldList, HoldRequest, Released } from '../../shared/recall-answers';
import type { AppEnv } from '../env';
import { ApiError } from '../errors';
import { requireRole } from '../auth/roles';
import { problem } from '../../shared/problems';
import { cleanIdentifier } from '../../shared/identifiers';
import { listHolds, placeHolds, releaseHolds } from '../ledger/holds';
import { onlyKnownFields, readJsonObject } from './body';
import { optionalText } from './report-query';

/** Lots and serials one hold request may name. */
export const MAX_HOLD_KEYS = 10_000;
const REASON_MAX = 1000;

/**
 * Checks the shape of a hold or release request: 400 for a wrong shape, 413 for too many keys,
 * 422 (a problem on `reason`) for a blank or overlong reason.
 */
export function parseHoldRequest(body: Record<string, unknown>, what: string): HoldRequest {
  onlyKnownFields(body, ['sku', 'lots', 'serials', 'reason'], what);
  if (typeof body.sku !== 'string' || cleanIdentifier(body.sku) === '') throw new ApiError('invalid_request', `${what} needs sku: the item's SKU.`);
  const list = (field: 'lots' | 'serials'): string[] => {
    const v = body[field];
    if (v === undefined || v === null) return [];
    if (!Array.isArray(v) || v.some((x) => typeof x !== 'string' && typeof x !== 'number')) {
      throw new ApiError('invalid_request', `${field} must be a list of ${field === 'lots' ? 'lot codes' : 'serials'}.`);
    }
    return v.map((x) => cleanIdentifier(x as string | number)).filter((x) => x !== '');
  };
  const lots = list('lots');
  const serials = list('serials');
  if (lots.length + serials.length === 0) throw new ApiError('invalid_request', `${what} names no lot or serial; give lots or serials.`);
  if (lots.length + serials.length > MAX_HOLD_KEYS) {
    throw new ApiError('too_large', `At most ${MAX_HOLD_KEYS} lots and serials a request; this one names ${lots.length + serials.length}.`);
  }
  if (body.reason !== undefined && body.reason !== null && typeof body.reason !== 'string') {
    throw new ApiError('invalid_request', 'reason must be text.');
  }
  const reason = typeof body.reason === 'string' ? body.reason.trim() : '';
  if (reason === '' || reason.length > REASON_MAX) {
    const message = reason === '' ? 'A reason is required: say why (a recall number, a complaint).' : `The reason is ${reason.length} characters long; at most ${REASON_MAX} are allowed.`;
    throw new ApiError('invalid_rows', message, [problem(0, 'reason', reason === '' ? 'required' : 'invalid', message)]);
  }
  return { sku: cleanIdentifier(body.sku), lots, serials, reason };
}

/**
 * Holds (docs/API.md "Holds"): clerks hold and release lots and units, every role lists them.
 * `now` is the app's clock, for heldAt and releasedAt.
 */
export function holdRoutes(now: () => Date) {
  const r = new Hono<AppEnv>();

  r.post('/holds', requireRole('clerk'), async (c) => {
    const req = parseHoldRequest(await readJsonObject(c), 'The hold request');
    const held = await placeHolds(c.var.store, c.var.auth, req, now());
    return c.json({ held } satisfies Held, 201);
  });

  r.post('/holds/release', requireRole('clerk'), async (c) => {
    const req = parseHoldRequest(await readJsonObject(c), 'The release request');
    const released = await releaseHolds(c.var.store, c.var.auth, req, now());
    return c.json({ released } satisfies Released);
  });

  r.get('/holds', requireRole('viewer'), async (c) => {
    const active = optionalText(c, 'active')?.toLowerCase();
    if (active !== undefined && active !== 'true' && active !== 'false') {
      throw new ApiError('invalid_query', `Query parameter active must be true or false, not "${active}".`);
    }
    const holds = await listHolds(c.var.store, c.var.auth.workspaceId, { sku: optionalText(c, 'sku'), active: active === 'true' });
    return c.json({ holds } satisfies HoldList);
  });
  return r;
}
