/**
 * Request limits of the Workers deployment. A Worker isolate has 128 MB of memory for
 * everything it holds at once; a post of N rows holds the request text, the parsed rows,
 * the checked rows, the ledger state and the write batch's JSON. Measured with
 * bench/worker-memory.ts (see docs/DEPLOY.md, "Limits on Workers").
 */
export const WORKER_LIMITS = {
  maxRows: 20_000,
  maxBodyBytes: 8 * 1024 * 1024,
} as const;
