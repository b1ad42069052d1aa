import { Hono } from 'hono';
import type { Upserted } from '../../shared/api-types';
import type { Problem } from '../../shared/problems';
import type { LedgerStore } from '../db/port';
import type { AppEnv } from '../env';
import { ApiError } from '../errors';
import { requireRole } from '../auth/roles';
import { onlyKnownFields, readJsonObject } from './body';

/** One list of master data: its path and JSON key, its row check, and how it is read and saved. */
export interface MasterList<T> {
  /** The list's key in the request and answer, and its path under /v1: `items`. */
  key: string;
  /** One entry in words, for messages: `item`. */
  one: string;
  check(raw: readonly unknown[]): { rows: T[]; problems: Problem[] };
  load(db: LedgerStore, workspaceId: number): Promise<T[]>;
  upsert(db: LedgerStore, workspaceId: number, rows: T[]): Promise<number>;
}

/**
 * GET (every role) and POST (admins, upsert, all or nothing) of one list of master data.
 * @example v1.route('/', masterListRoutes(itemList, 10_000))
 */
export function masterListRoutes<T>(list: MasterList<T>, maxRows: number) {
  const r = new Hono<AppEnv>();
  const { key, one } = list;

  r.get(`/${key}`, requireRole('viewer'), async (c) => c.json({ [key]: await list.load(c.var.store, c.var.auth.workspaceId) }));

  r.post(`/${key}`, requireRole('admin'), async (c) => {
    const body = await readJsonObject(c);
    onlyKnownFields(body, [key], `The ${key} request`);
    const raw = body[key];
    if (!Array.isArray(raw)) throw new ApiError('invalid_request', `Send {"${key}": [...]}: a list of ${key}.`);
    if (raw.length > maxRows) throw new ApiError('too_large', `At most ${maxRows} ${key} a request; this one has ${raw.length}.`);
    const { rows, problems } = list.check(raw);
    if (problems.length > 0) throw new ApiError('invalid_rows', `${problems.length} ${one} problem(s); nothing was saved.`, problems);
    return c.json({ upserted: await list.upsert(c.var.store, c.var.auth.workspaceId, rows) } satisfies Upserted);
  });
  return r;
}
