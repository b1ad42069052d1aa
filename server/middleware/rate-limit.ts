/**
 * A per-token rate limit: a token bucket for each token, kept in this process's (or Workers
 * isolate's) memory. Each isolate counts on its own, so on Workers the limit is per token per
 * isolate: a guard against a runaway script or a stuck retry loop, not a global quota.
 * Generous by default (600 a minute, bursts of 200): a clerk pasting, checking and retrying,
 * or 50 posts sent at once, never meets it.
 */
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../env';
import { ApiError } from '../errors';

export interface RateLimit {
  /** Requests a token may make per minute, on average. */
  perMinute: number;
  /** Requests a token may make at once, after being idle. */
  burst: number;
}

export const DEFAULT_RATE_LIMIT: RateLimit = { perMinute: 600, burst: 200 };

/** Buckets kept before idle (full) ones are dropped, so memory stays bounded. */
const PRUNE_AT = 10_000;

interface Bucket { tokens: number; at: number }

/**
 * Reads `LOTLEDGER_RATE_LIMIT`: `600` (a minute, default burst), `600:200` (a minute : burst)
 * or `off`. Throws a sentence for anything else, so a bad setting stops the start.
 * @example rateLimitFromEnv('120:20') // { perMinute: 120, burst: 20 }
 */
export function rateLimitFromEnv(value: string | undefined): RateLimit | false {
  if (value === undefined || value.trim() === '') return DEFAULT_RATE_LIMIT;
  const v = value.trim().toLowerCase();
  if (v === 'off') return false;
  const m = /^(\d+)(?::(\d+))?$/.exec(v);
  const perMinute = m ? Number(m[1]) : NaN;
  const burst = m?.[2] !== undefined ? Number(m[2]) : Math.min(DEFAULT_RATE_LIMIT.burst, perMinute);
  if (!m || perMinute < 1 || burst < 1) {
    throw new Error(`LOTLEDGER_RATE_LIMIT=${value} is not a rate limit; write requests a minute and an optional burst, e.g. 600 or 600:200, or off.`);
  }
  return { perMinute, burst };
}

/**
 * A bucket per key that refills continuously; `take` answers 0 when a request may go, else the
 * milliseconds until one token is back.
 * @example const b = new TokenBuckets({ perMinute: 60, burst: 1 }); b.take('t', 0) // 0
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>();
  private readonly perMs: number;

  constructor(private readonly limit: RateLimit) {
    this.perMs = limit.perMinute / 60_000;
  }

  take(key: string, nowMs: number): number {
    const b = this.buckets.get(key) ?? { tokens: this.limit.burst, at: nowMs };
    b.tokens = Math.min(this.limit.burst, b.tokens + Math.max(0, nowMs - b.at) * this.perMs);
    b.at = nowMs;
    if (b.tokens >= 1) {
      b.tokens -= 1;
      this.buckets.set(key, b);
      if (this.buckets.size > PRUNE_AT) this.prune(nowMs);
      return 0;
    }
    this.buckets.set(key, b);
    return Math.ceil((1 - b.tokens) / this.perMs);
  }

  get size(): number { return this.buckets.size; }

  /** Drops buckets that would be full again by now: forgetting them changes nothing. */
  private prune(nowMs: number): void {
    for (const [k, b] of this.buckets) {
      if (b.tokens + (nowMs - b.at) * this.perMs >= this.limit.burst) this.buckets.delete(k);
    }
  }
}

/**
 * Counts each authenticated request against its token (mount after the bearer auth);
 * over the limit → 429 `rate_limited` with `Retry-After` in whole seconds.
 * @example v1.use('*', rateLimit({ perMinute: 600, burst: 200 }))
 */
export function rateLimit(limit: RateLimit, now: () => number = Date.now) {
  const buckets = new TokenBuckets(limit);
  return createMiddleware<AppEnv>(async (c, next) => {
    const { workspaceId, tokenName } = c.var.auth;
    const waitMs = buckets.take(`${workspaceId}\u0000${tokenName}`, now());
    if (waitMs > 0) {
      const seconds = Math.max(1, Math.ceil(waitMs / 1000));
      throw new ApiError('rate_limited',
        `This token has sent more than ${limit.perMinute} requests a minute (bursts of ${limit.burst}); wait ${seconds} s and try again.`,
        undefined, { 'Retry-After': String(seconds) });
    }
    await next();
  });
}
