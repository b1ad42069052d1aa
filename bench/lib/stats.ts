/** Timing helpers: a clock, latency percentiles, and number formats for the tables. */

export const now = (): number => performance.now();

/** Seconds since `t0` (a `now()` reading). */
export const secondsSince = (t0: number): number => (now() - t0) / 1000;

export interface Latency { n: number; p50: number; p95: number; max: number }

/** p50, p95 and max of a list of milliseconds (nearest-rank). */
export function latency(ms: readonly number[]): Latency {
  const s = [...ms].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)];
  return { n: s.length, p50: at(0.5), p95: at(0.95), max: s[s.length - 1] };
}

/**
 * Runs `once` `n` times after a few warm-up calls (JIT, page cache) and answers the latency.
 * @example await timeEach(300, (i) => traceLot(db, ws, lots[i]))
 */
export async function timeEach(n: number, once: (i: number) => Promise<unknown>, warm = Math.min(20, n)): Promise<Latency> {
  for (let i = 0; i < warm; i++) await once(i);
  const ms: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = now();
    await once(i);
    ms.push(now() - t);
  }
  return latency(ms);
}

/** The median of a few measurements (the runs of one figure). */
export const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** 12345.6 → "12,346"; small values keep decimals that matter. */
export function fmt(x: number, digits?: number): string {
  const d = digits ?? (Math.abs(x) >= 100 ? 0 : Math.abs(x) >= 10 ? 1 : 2);
  return x.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });
}

/** A small deterministic PRNG (LCG), so each run picks the same lots and serials. */
export function picker(seed = 7): (n: number) => number {
  let s = seed;
  return (n) => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s % n;
  };
}
