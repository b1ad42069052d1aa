import { describe, expect, it } from 'vitest';
import type { LedgerStore } from './db/port';
import { createApp } from './app';
import { LedgerError, type LedgerErrorCode } from './ledger/errors';
import { problem } from '../shared/problems';

/** The app over a database whose every statement fails with `thrown`: the first, the token's lookup. */
async function answerTo(thrown: unknown) {
  const db = { read: () => Promise.reject(thrown), write: () => Promise.reject(thrown) } as unknown as LedgerStore;
  const res = await createApp({ store: db, rateLimit: false }).request('/v1/me', { headers: { authorization: 'Bearer ll_x' } });
  return { status: res.status, retryAfter: res.headers.get('retry-after'), body: await res.json() as { error: { code: string; message: string }; problems?: unknown[] } };
}

describe("the app's one answer to each ledger refusal", () => {
  // What each refusal was answered with before the ledger threw its own errors (issue 13).
  const ANSWERED: [LedgerErrorCode, number, string, string | null][] = [
    ['invalid_request', 400, 'invalid_request', null], ['invalid_query', 400, 'invalid_query', null],
    ['not_found', 404, 'not_found', null],
    ['invalid_rows', 422, 'invalid_rows', null], ['tracking_locked', 422, 'tracking_locked', null],
    ['conflict', 409, 'conflict', null], ['already_voided', 409, 'already_voided', null], ['void_blocked', 409, 'void_blocked', null],
    ['ambiguous_serial', 409, 'ambiguous_serial', null], ['idempotency_conflict', 409, 'idempotency_conflict', null],
    ['idempotency_in_progress', 409, 'idempotency_in_progress', '2'],
    ['contended', 503, 'conflict', '1'],
    ['busy', 503, 'busy', '2'],
  ];
  for (const [code, status, wire, retryAfter] of ANSWERED) {
    it(`answers ${code} with ${status} ${wire}${retryAfter ? `, Retry-After ${retryAfter}` : ''}, and its message`, async () => {
      const answer = await answerTo(new LedgerError(code, `Refused: ${code}.`));
      expect(answer).toEqual({ status, retryAfter, body: { error: { code: wire, message: `Refused: ${code}.` } } });
    });
  }

  it('carries the rows at fault', async () => {
    const problems = [problem(3, 'serial', 'serial_exists', 'Serial SN-1 of PUMP-3 is already in stock.')];
    const answer = await answerTo(new LedgerError('invalid_rows', '1 problem in the rows; nothing was posted.', problems));
    expect([answer.status, answer.body.problems]).toEqual([422, problems]);
  });

  it("answers the database's busy failure (another process holds the write lock) as 503 busy, Retry-After 2", async () => {
    const answer = await answerTo(Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' }));
    expect([answer.status, answer.body.error.code, answer.retryAfter]).toEqual([503, 'busy', '2']);
  });
});
