import { createClient, type Client } from '@libsql/client/web';

/** A client concurrency that never queues (0 would mean the default, 20). */
const UNQUEUED = Number.MAX_SAFE_INTEGER;

/**
 * A libSQL server (Turso, sqld) over HTTP, the same way on Node (the CLI, `DATABASE_URL=http…`)
 * and on Workers. The client does not queue: it would hold the 21st concurrent statement until
 * one of the first 20 ends, and on Workers a request that waits on another request's I/O is
 * cancelled as hung (a burst of 40 at a time got 500 for all but 20, and the queue never emptied).
 * @example const db = openRemote('http://127.0.0.1:8080')
 */
export function openRemote(url: string, authToken?: string): Client {
  return createClient({ url, authToken: authToken || undefined, concurrency: UNQUEUED });
}
