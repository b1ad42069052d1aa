/**
 * Posting a checked table: the batch body with its source, one idempotency key per attempt
 * (kept while a retry must repeat the attempt), and what the clerk is told when a post fails.
 */
import type { RawRow } from '../../shared/rows';
import type { BatchBody } from '../../shared/api-types';
import { ApiRequestError, keepsIdempotencyKey, outcomeUnknown } from '../api/client';
import type { Table } from '../check/table';
import { rangeAddress } from '../workbook/address';
import { notices, type Notice } from './notices';

/** A random key for one post attempt; getRandomValues also works where randomUUID does not (plain http). */
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `pane-${[...bytes].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/** The rows of a table and where they came from (workbook, sheet, range with the header). */
export function batchBody(rows: RawRow[], workbook: string, t: Table): BatchBody {
  return {
    rows,
    source: { workbook, sheet: t.sheet, range: rangeAddress(t.headerRow, t.left, t.dataRows + 1, t.columns.length) },
  };
}

/**
 * The idempotency key of the current post attempt. An attempt lasts while the table is
 * unchanged (the same version) and its outcome may be unknown; anything else starts a new one.
 */
export class PostAttempt {
  private current: { key: string; version: number } | null = null;

  constructor(private readonly newKey: () => string = newIdempotencyKey) {}

  /** The key for posting the table's version: the same as last time when that attempt may be repeated. */
  keyFor(version: number): string {
    if (!this.current || this.current.version !== version) this.current = { key: this.newKey(), version };
    return this.current.key;
  }

  /** The attempt has an answer, or the table changed: the next post is a new attempt. */
  end(): void {
    this.current = null;
  }

  /** After a failed post: the next Post repeats this attempt (same key, same rows) unless the server refused it. */
  failed(e: unknown): void {
    if (!keepsIdempotencyKey(e)) this.current = null;
  }
}

/** What the clerk is told when a post fails. */
export function postFailedNotice(e: unknown): Notice {
  return outcomeUnknown(e) ? notices.unknownOutcome(e)
    : e instanceof ApiRequestError && e.code === 'idempotency_in_progress' ? notices.stillPosting()
    : e instanceof ApiRequestError && e.problems.length ? notices.refused()
    : notices.failed(e, 'Nothing was posted');
}
