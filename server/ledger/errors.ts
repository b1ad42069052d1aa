import type { ErrorCode, Problem } from '../../shared/problems';

/**
 * What a ledger refusal is, by code: the API's error codes, and `contended` — other writes kept
 * changing the ledger first, so this one was given up; the same request may succeed later.
 */
export type LedgerErrorCode = ErrorCode | 'contended';

/**
 * The ledger's one error type: a code, a sentence a clerk can act on, and the rows at fault.
 * It knows no HTTP: the app answers each code with its status (server/errors.ts).
 * @example throw new LedgerError('not_found', 'Lot L1 of VAC-10 is not in this workspace.')
 */
export class LedgerError extends Error {
  constructor(readonly code: LedgerErrorCode, message: string, readonly problems?: Problem[]) {
    super(message);
    this.name = 'LedgerError';
  }
}
