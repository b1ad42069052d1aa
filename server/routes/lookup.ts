import { Hono } from 'hono';
import { requireRole } from '../auth/roles';
import type { AppEnv } from '../env';
import { ApiError } from '../errors';
import { lookup } from '../ledger/cell-lookups';
import { MAX_LOOKUP_ENTRIES, type LookupRequest } from '../../shared/lookup-answers';
import { onlyKnownFields, readJsonObject } from './body';

/**
 * POST /v1/lookup (docs/API.md "Lookups for many cells at once"): many cells' questions in one
 * request. The shape is checked here (400 naming the place); what the keys name is the ledger's
 * answer, `found: false` for anything unknown.
 */
export const lookupRoutes = new Hono<AppEnv>();

const LISTS = ['onHand', 'lots', 'serials'] as const;
const FIELDS = { onHand: ['sku', 'lot', 'location'], lots: ['sku', 'lot'], serials: ['serial', 'sku'] } as const;
const REQUIRED = { onHand: ['sku'], lots: ['sku', 'lot'], serials: ['serial'] } as const;

/**
 * A key part as a cell holds it: text or a number, trimmed and in Unicode NFC like every stored
 * identifier; blank is absent (an empty cell names no lot).
 */
function part(v: unknown, where: string): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (typeof v !== 'string') throw new ApiError('invalid_request', `${where} must be text or a number.`);
  if (v.length > 1000) throw new ApiError('invalid_request', `${where} is longer than 1,000 characters.`);
  const s = v.trim().normalize('NFC');
  return s === '' ? undefined : s;
}

/** The request checked: lists of objects with text parts, at most MAX_LOOKUP_ENTRIES entries in all. */
export function lookupRequest(body: Record<string, unknown>): LookupRequest {
  onlyKnownFields(body, LISTS, 'The lookup');
  let total = 0;
  for (const list of LISTS) {
    const v = body[list];
    if (v === undefined) continue;
    if (!Array.isArray(v)) throw new ApiError('invalid_request', `${list} must be a list of entries.`);
    total += v.length;
  }
  if (total > MAX_LOOKUP_ENTRIES) {
    throw new ApiError('too_large', `A lookup holds at most ${MAX_LOOKUP_ENTRIES.toLocaleString('en-US')} entries in all; this one holds ${total.toLocaleString('en-US')}. Ask in parts.`);
  }
  const q: Record<string, Record<string, string | undefined>[]> = {};
  for (const list of LISTS) {
    const entries = body[list] as unknown[] | undefined;
    if (entries === undefined) continue;
    q[list] = entries.map((e, i) => {
      const where = `${list}[${i}]`;
      if (typeof e !== 'object' || e === null || Array.isArray(e)) throw new ApiError('invalid_request', `${where} must be an object.`);
      const entry = e as Record<string, unknown>;
      onlyKnownFields(entry, FIELDS[list], where);
      const out: Record<string, string | undefined> = {};
      for (const f of FIELDS[list]) out[f] = part(entry[f], `${where}.${f}`);
      for (const f of REQUIRED[list]) if (!(f in entry)) throw new ApiError('invalid_request', `${where} needs ${f}.`);
      // A required part left blank names nothing: it answers found false, as any unknown key does.
      for (const f of REQUIRED[list]) out[f] ??= '';
      return out;
    });
  }
  return q as LookupRequest;
}

lookupRoutes.post('/lookup', requireRole('viewer'), async (c) => {
  const q = lookupRequest(await readJsonObject(c));
  return c.json(await lookup(c.get('store'), c.get('auth').workspaceId, q));
});
