/**
 * A limit on failed authentications per client address: after `limit` 401s within a minute
 * from one address, every further request from it (but /v1/health) answers 429 until that
 * minute is over, before its token is looked up, so guessing tokens costs the database nothing.
 * Counted in this process's (or Workers isolate's) memory, like the per-token rate limit.
 */
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../env';
import { ApiError } from '../errors';

export const DEFAULT_AUTH_FAIL_LIMIT = 1000;
const WINDOW_MS = 60_000;
/** Addresses remembered at most; past it the oldest are forgotten, so memory stays bounded. */
const REMEMBER_AT_MOST = 50_000;

/** Reads the client's address from a request; undefined when the runtime cannot tell. */
export type AddressOf = (c: Context) => string | undefined;

interface Window { failures: number; since: number }

/**
 * Reads `LOTLEDGER_AUTH_FAIL_LIMIT`: a whole number of failures a minute per address, or `off`.
 * Throws a sentence for anything else, so a bad setting stops the start.
 * @example authFailLimitFromEnv('50') // 50
 */
export function authFailLimitFromEnv(value: string | undefined): number | false {
  if (value === undefined || value.trim() === '') return DEFAULT_AUTH_FAIL_LIMIT;
  const v = value.trim().toLowerCase();
  if (v === 'off') return false;
  if (!/^[1-9]\d{0,8}$/.test(v)) {
    throw new Error(`LOTLEDGER_AUTH_FAIL_LIMIT=${value} is not a limit; write the failed authentications a minute allowed from one address, e.g. 1000, or off.`);
  }
  return Number(v);
}

/**
 * Failures per address in fixed one-minute windows; `wait` answers the milliseconds until an
 * address may try again (0: it may now).
 * @example const f = new AuthFailures(2); f.fail('a', 0); f.fail('a', 0); f.wait('a', 1) // 59999
 */
export class AuthFailures {
  private readonly windows = new Map<string, Window>();

  constructor(private readonly limit: number) {}

  wait(address: string, nowMs: number): number {
    const w = this.windows.get(address);
    if (!w || nowMs - w.since >= WINDOW_MS) return 0;
    return w.failures >= this.limit ? w.since + WINDOW_MS - nowMs : 0;
  }

  fail(address: string, nowMs: number): void {
    let w = this.windows.get(address);
    if (!w || nowMs - w.since >= WINDOW_MS) {
      this.windows.delete(address); // re-inserted last: the map stays in order of first failure
      w = { failures: 0, since: nowMs };
      this.windows.set(address, w);
      if (this.windows.size > REMEMBER_AT_MOST) this.forgetOldest(nowMs);
    }
    w.failures += 1;
  }

  get size(): number { return this.windows.size; }

  private forgetOldest(nowMs: number): void {
    for (const [address, w] of this.windows) {
      if (this.windows.size <= REMEMBER_AT_MOST && nowMs - w.since < WINDOW_MS) break;
      this.windows.delete(address);
    }
  }
}

/**
 * Mount before the bearer auth: refuses an address over the limit with 429 `rate_limited` and
 * `Retry-After`, and counts each 401 the rest of the chain answers.
 * @example v1.use('*', authFailureLimit(1000, (c) => c.req.header('cf-connecting-ip')))
 */
export function authFailureLimit(limit: number, addressOf: AddressOf, now: () => number = Date.now) {
  const failures = new AuthFailures(limit);
  return createMiddleware<AppEnv>(async (c, next) => {
    // One shared bucket for requests whose address is unknown: the limit still holds.
    const address = addressOf(c) ?? 'unknown';
    const waitMs = failures.wait(address, now());
    if (waitMs > 0) {
      const seconds = Math.max(1, Math.ceil(waitMs / 1000));
      throw new ApiError('rate_limited',
        `More than ${limit.toLocaleString('en-US')} requests from your address failed to authenticate within a minute; wait ${seconds} s, then send a valid token.`,
        undefined, { 'Retry-After': String(seconds) });
    }
    // Hono turns a thrown 401 into its answer before control comes back here.
    await next();
    if (c.res.status === 401) failures.fail(address, now());
  });
}
