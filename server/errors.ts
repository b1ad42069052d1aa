import type { ErrorCode, Problem } from '../shared/problems';

/**
 * The one error type of the server: thrown anywhere, turned into
 * `{"error": {code, message}, problems?}` with its status by `app.onError`.
 * Domain code never builds a Response.
 *
 * @example throw new ApiError(404, 'not_found', 'Lot L1 of VAC-10 is not in this workspace.')
 */
export class ApiError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 503,
    readonly code: ErrorCode,
    message: string,
    readonly problems?: Problem[],
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  toBody(): { error: { code: ErrorCode; message: string }; problems?: Problem[] } {
    return this.problems
      ? { error: { code: this.code, message: this.message }, problems: this.problems }
      : { error: { code: this.code, message: this.message } };
  }
}

/**
 * The answer to a write that waited its time for the database while another process held it.
 * @example if (isBusy(e)) throw busyError()
 */
export const busyError = (): ApiError =>
  new ApiError(503, 'busy', 'Another program is writing to the database; nothing from this request was saved. Try again in a moment.',
    undefined, { 'Retry-After': '2' });
