import type { ErrorCode, Problem } from '../shared/problems';
import { LedgerError, type LedgerErrorCode } from './ledger/errors';

type Status = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 500 | 503;

/**
 * The one map from an error's code to its answer: the status, the seconds to wait before the
 * same request may succeed (Retry-After), and the code on the wire when it is not the code itself.
 */
const ANSWERS: Record<LedgerErrorCode, { status: Status; retryAfter?: number; wire?: ErrorCode }> = {
  invalid_json: { status: 400 }, invalid_request: { status: 400 }, invalid_query: { status: 400 },
  invalid_rows: { status: 422 }, tracking_locked: { status: 422 },
  unauthorized: { status: 401 }, forbidden: { status: 403 }, not_found: { status: 404 }, too_large: { status: 413 },
  idempotency_conflict: { status: 409 }, idempotency_in_progress: { status: 409, retryAfter: 2 },
  void_blocked: { status: 409 }, already_voided: { status: 409 }, ambiguous_serial: { status: 409 }, conflict: { status: 409 },
  rate_limited: { status: 429 }, unsupported_media_type: { status: 415 },
  not_configured: { status: 503 }, internal: { status: 500 },
  busy: { status: 503, retryAfter: 2 },
  contended: { status: 503, retryAfter: 1, wire: 'conflict' },
};

/**
 * An error as the HTTP layer throws it: a code (its status comes from the one map), and any
 * headers of its own (WWW-Authenticate, a computed Retry-After). `app.onError` answers every
 * LedgerError through this.
 *
 * @example throw new ApiError('invalid_request', 'Send {"rows": [...]}: the rows to post.')
 */
export class ApiError extends LedgerError {
  readonly headers?: Record<string, string>;

  constructor(code: LedgerErrorCode, message: string, problems?: Problem[], headers?: Record<string, string>) {
    super(code, message, problems);
    this.name = 'ApiError';
    const wait = ANSWERS[code].retryAfter;
    this.headers = wait === undefined ? headers : { 'Retry-After': String(wait), ...headers };
  }

  get status(): Status {
    return ANSWERS[this.code].status;
  }

  toBody(): { error: { code: ErrorCode; message: string }; problems?: Problem[] } {
    const error = { code: ANSWERS[this.code].wire ?? (this.code as ErrorCode), message: this.message };
    return this.problems ? { error, problems: this.problems } : { error };
  }

  /**
   * A ledger refusal as its answer, Retry-After added where the code says the request may be retried.
   * @example ApiError.of(new LedgerError('contended', '…')).status // 503
   */
  static of(e: LedgerError): ApiError {
    return e instanceof ApiError ? e : new ApiError(e.code, e.message, e.problems);
  }
}

/**
 * The answer to a write that waited its time for the database while another process held it.
 * @example if (isBusy(e)) throw busyError()
 */
export const busyError = (): LedgerError =>
  new LedgerError('busy', 'Another program is writing to the database; nothing from this request was saved. Try again in a moment.');
