import { Hono } from 'hono';
import type { AppEnv } from '../env';
import { ApiError } from '../errors';
import { requireRole } from '../auth/roles';
import { makePickList, type PickListInput } from '../ledger/pick-lists';
import type { PickListAnswer } from '../../shared/pick-answers';
import { problem, type Problem } from '../../shared/problems';
import { parseQtyMilli } from '../../shared/quantity';
import { cleanIdentifier } from '../../shared/identifiers';
import { isIsoDate, todayUtc } from '../../shared/dates';
import { onlyKnownFields, readJsonObject } from './body';

/** Lines a pick list may have: a day's orders of a busy store, well inside one request. */
export const MAX_PICK_LINES = 10_000;
const MAX_SHELF_LIFE_DAYS = 3650;

const bad = (message: string) => new ApiError('invalid_request', message);
const optionalText = (v: unknown, what: string) => {
  if (v !== undefined && v !== null && (typeof v !== 'string' || v.length > 255)) throw bad(`${what} must be a text of at most 255 characters.`);
};

/**
 * Checks a pick-list request: wrong shapes are 400s that name the place, too many lines 413; a
 * quantity that is no quantity is a 422 problem on its line, as a batch row's would be.
 */
export function parsePickListRequest(body: Record<string, unknown>, now: Date): PickListInput {
  onlyKnownFields(body, ['lines', 'from', 'minShelfLifeDays', 'date'], 'The pick-list request');
  const { lines, from, minShelfLifeDays, date } = body;
  if (!Array.isArray(lines) || lines.length === 0) throw bad('Send {"lines": [{"sku", "qty"}, ...]}: the order lines to pick.');
  if (lines.length > MAX_PICK_LINES) {
    throw new ApiError('too_large', `At most ${MAX_PICK_LINES.toLocaleString('en-US')} lines a pick list; this one has ${lines.length.toLocaleString('en-US')}.`);
  }
  const problems: Problem[] = [];
  const parsed = lines.map((l: unknown, i) => {
    if (typeof l !== 'object' || l === null || Array.isArray(l)) throw bad(`Line ${i} must be an object {"sku", "qty", "party"?, "ref"?}.`);
    const line = l as Record<string, unknown>;
    onlyKnownFields(line, ['sku', 'qty', 'party', 'ref'], `Line ${i}`);
    if (typeof line.sku !== 'string' || cleanIdentifier(line.sku) === '') throw bad(`Line ${i} needs a sku (text).`);
    if (typeof line.qty !== 'number' && typeof line.qty !== 'string') throw bad(`Line ${i} needs a qty (a number).`);
    optionalText(line.party, `Line ${i} party`);
    optionalText(line.ref, `Line ${i} ref`);
    const qty = parseQtyMilli(line.qty);
    if (!qty.ok) problems.push(problem(i, 'qty', 'invalid', `Quantity ${String(line.qty)} ${qty.reason}.`));
    return { sku: cleanIdentifier(line.sku), qtyMilli: qty.ok ? qty.milli : 0 };
  });
  if (problems.length) throw new ApiError('invalid_rows', 'Some lines have no quantity to pick; nothing was allocated.', problems);
  if (from !== undefined && (!Array.isArray(from) || from.some((c) => typeof c !== 'string' || cleanIdentifier(c) === ''))) {
    throw bad('from must be a list of location codes.');
  }
  if (minShelfLifeDays !== undefined && (typeof minShelfLifeDays !== 'number' || !Number.isInteger(minShelfLifeDays)
    || minShelfLifeDays < 0 || minShelfLifeDays > MAX_SHELF_LIFE_DAYS)) {
    throw bad(`minShelfLifeDays must be a whole number of days from 0 to ${MAX_SHELF_LIFE_DAYS}.`);
  }
  if (date !== undefined && (typeof date !== 'string' || !isIsoDate(date))) throw bad('date must be a day written YYYY-MM-DD.');
  return {
    lines: parsed,
    from: from === undefined ? null : (from as string[]).map(cleanIdentifier),
    minShelfLifeDays: (minShelfLifeDays as number | undefined) ?? 0,
    date: (date as string | undefined) ?? todayUtc(now),
  };
}

/** POST /v1/pick-lists: first expiry, first out; nothing is stored or reserved. */
export function pickListRoutes(now: () => Date): Hono<AppEnv> {
  const r = new Hono<AppEnv>();
  r.post('/pick-lists', requireRole('clerk'), async (c) => {
    const input = parsePickListRequest(await readJsonObject(c), now());
    const answer: PickListAnswer = await makePickList(c.var.store, c.var.auth.workspaceId, input);
    return c.json(answer, 200);
  });
  return r;
}
