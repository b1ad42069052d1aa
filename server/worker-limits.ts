/**
 * Request limits of the Workers deployment. A Worker isolate has 128 MB for everything it
 * holds at once, and a post of N rows holds the request text, the parsed and checked rows,
 * the ledger state and the write batch's JSON together. The figures come from
 * bench/worker-memory.ts (docs/DEPLOY.md, "Limits on Workers").
 */
export interface Limits {
  maxRows: number;
  maxBodyBytes: number;
}

export const WORKER_LIMITS: Limits = {
  maxRows: 20_000,
  maxBodyBytes: 8 * 1024 * 1024,
};

/**
 * The limits a Worker runs with: WORKER_LIMITS, or LOTLEDGER_MAX_ROWS / LOTLEDGER_MAX_BODY_BYTES
 * when set (bench/worker-memory.ts raises them to find where 128 MB runs out). A value that
 * is no positive whole number is ignored rather than turned into "no limit".
 * @example workerLimits({ LOTLEDGER_MAX_ROWS: '5000' }) // { maxRows: 5000, maxBodyBytes: 8388608 }
 */
export function workerLimits(vars: { LOTLEDGER_MAX_ROWS?: string; LOTLEDGER_MAX_BODY_BYTES?: string }): Limits {
  const whole = (v: string | undefined, fallback: number) =>
    v !== undefined && /^[1-9]\d{0,9}$/.test(v) ? Number(v) : fallback;
  return {
    maxRows: whole(vars.LOTLEDGER_MAX_ROWS, WORKER_LIMITS.maxRows),
    maxBodyBytes: whole(vars.LOTLEDGER_MAX_BODY_BYTES, WORKER_LIMITS.maxBodyBytes),
  };
}

/**
 * The sentence a 413 gets on Workers, so a clerk knows it is this deployment's limit.
 * @example workersLimitNote(WORKER_LIMITS) // ' This is the limit of the Workers deployment: …'
 */
export function workersLimitNote(limits: Limits): string {
  const mb = Math.round((limits.maxBodyBytes / (1024 * 1024)) * 10) / 10;
  return ` This is the limit of the Workers deployment: at most ${limits.maxRows.toLocaleString('en-US')} rows and ${mb} MB a request.`;
}
