import type { BigLedger } from './big-ledger-file';
import type { Figure, RunInfo } from './report';

/** What every section of the bench gets: the mode, its sizes, a temp dir and the shared large ledger. */
export interface BenchContext {
  quick: boolean;
  sizes: Sizes;
  /** A temp directory of this run, removed at the end. */
  dir: string;
  log: (s: string) => void;
  note: (section: Figure['section'], sentence: string) => void;
  notes: RunInfo['notes'];
  /** The large ledger (built on first use, then kept in the temp directory for later runs). */
  ledger: () => Promise<BigLedger>;
}

export interface Sizes {
  /** Rows of each receiving post (serials, lots) and of the memory bench. */
  postRows: number;
  /** Runs of each post and floor; the median is reported. */
  postRuns: number;
  transferRows: number;
  ledgerLots: number;
  ledgerSerials: number;
  checkRows: number;
  paneRows: number;
  traceQueries: number;
  remoteRows: number;
  /** Rows a request on Workers (WORKER_LIMITS.maxRows): the remote post goes in parts of this size. */
  remotePart: number;
  /** Clients posting at once, and for how long, in the many-clerks figure. */
  clerks: number;
  clerkSeconds: number;
}

export const FULL: Sizes = {
  postRows: 100_000, postRuns: 3, transferRows: 10_000, ledgerLots: 100_000, ledgerSerials: 200_000,
  checkRows: 100_000, paneRows: 10_000, traceQueries: 300, remoteRows: 100_000, remotePart: 20_000, clerks: 20, clerkSeconds: 20,
};

export const QUICK: Sizes = {
  postRows: 5_000, postRuns: 1, transferRows: 1_000, ledgerLots: 2_000, ledgerSerials: 4_000,
  checkRows: 10_000, paneRows: 1_000, traceQueries: 30, remoteRows: 4_000, remotePart: 2_000, clerks: 4, clerkSeconds: 2,
};
