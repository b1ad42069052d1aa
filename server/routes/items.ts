import { Hono } from 'hono';
import type { ItemList, Upserted } from '../../shared/api-types';
import type { AppEnv } from '../env';
import { ApiError } from '../errors';
import { requireRole } from '../auth/roles';
import { checkItemRows } from '../../shared/master';
import { loadItems, upsertItems } from '../ledger/master-data';
import { onlyKnownFields, readJsonObject } from './body';

/** Item master: every role reads, admins upsert by sku. */
export function itemRoutes(maxRows: number) {
  const r = new Hono<AppEnv>();

  r.get('/items', requireRole('viewer'), async (c) => {
    return c.json({ items: await loadItems(c.var.store, c.var.auth.workspaceId) } satisfies ItemList);
  });

  r.post('/items', requireRole('admin'), async (c) => {
    const body = await readJsonObject(c);
    onlyKnownFields(body, ['items'], 'The items request');
    if (!Array.isArray(body.items)) throw new ApiError('invalid_request', 'Send {"items": [...]}: a list of items.');
    if (body.items.length > maxRows) {
      throw new ApiError('too_large', `At most ${maxRows} items a request; this one has ${body.items.length}.`);
    }
    const { items, problems } = checkItemRows(body.items);
    if (problems.length > 0) {
      throw new ApiError('invalid_rows', `${problems.length} item problem(s); nothing was saved.`, problems);
    }
    const upserted = await upsertItems(c.var.store, c.var.auth.workspaceId, items);
    return c.json({ upserted } satisfies Upserted);
  });
  return r;
}
