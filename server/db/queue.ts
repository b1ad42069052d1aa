/**
 * Turns on a database connection, first come first served: a caller holds the connection from
 * `acquire` until it calls the release it was given.
 */
export interface Queue {
  acquire(): Promise<() => void>;
}

class FifoQueue implements Queue {
  #tail: Promise<void> = Promise.resolve();

  acquire(): Promise<() => void> {
    let release!: () => void;
    const mine = new Promise<void>((resolve) => { release = resolve; });
    const before = this.#tail;
    this.#tail = before.then(() => mine);
    return before.then(() => release);
  }
}

const byFile = new Map<string, Queue>();
const byOwner = new WeakMap<object, Queue>();

/**
 * The queue of a database file in this process (by its resolved path), or of one owner (an
 * in-memory database, which no other connection can see).
 * @example const release = await queueFor('/srv/data/lotledger.db').acquire(); try { … } finally { release(); }
 */
export function queueFor(key: string | object): Queue {
  if (typeof key === 'string') {
    let q = byFile.get(key);
    if (!q) byFile.set(key, (q = new FifoQueue()));
    return q;
  }
  let q = byOwner.get(key);
  if (!q) byOwner.set(key, (q = new FifoQueue()));
  return q;
}
