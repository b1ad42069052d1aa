/**
 * What a workbook remembers of its posts: each batch with a key per posted row, the key a hash
 * of the row's content, so the same rows are recognised on any sheet of the workbook. Pure:
 * the session loads and saves the memory through the workbook's settings.
 */
import type { RawRow } from '../../shared/rows';

/** One post of this workbook. */
export interface PostedBatch {
  batchId: string;
  postedAt: string;
  postedBy: string;
  sheet: string;
  /** The posted table's range with its header, e.g. 'A1:H12'. */
  range: string;
  rows: number;
  /** The rows' keys (`rowKey`), space-separated; a key repeats when rows did. */
  keys: string;
  voidedBy: string | null;
}

export interface PostedMemory { batches: PostedBatch[] }

export const emptyMemory = (): PostedMemory => ({ batches: [] });

/** The fields a row's key covers, in a fixed order. */
const KEY_FIELDS = ['type', 'date', 'sku', 'lot', 'serial', 'expiry', 'qty', 'from', 'to', 'party', 'ref', 'note', 'gs1'] as const;

/** cyrb53: a fast 53-bit string hash; one collision in 2^26 rows is not a concern for a workbook. */
function hash53(text: string): number {
  let h1 = 0xdeadbeef, h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/**
 * A row's key: its fields trimmed and in Unicode NFC, blank and absent alike, hashed.
 * @example rowKey({ type: 'receive', sku: 'VAC-10', qty: 4 }) === rowKey({ qty: '4 ', sku: 'VAC-10', type: 'receive' })
 */
export function rowKey(row: RawRow): string {
  const parts = KEY_FIELDS.map((f) => {
    const v = row[f];
    return v === null || v === undefined ? '' : String(v).trim().normalize('NFC');
  });
  return hash53(parts.join('\u001f')).toString(36);
}

/** What the memory says of each row of a table (by row index). */
export interface Recognised {
  /** Rows posted before, in a batch not voided: the batch. */
  posted: Map<number, string>;
  /** Rows whose batch was voided (and not posted again since): the voiding batch. */
  voided: Map<number, string>;
}

/**
 * Finds the rows the memory holds. A key posted n times (two equal pallets) recognises the first
 * n rows that have it; a further equal row is new.
 */
export function recognise(keys: readonly string[], memory: PostedMemory): Recognised {
  const live = new Map<string, string[]>();
  const voided = new Map<string, string[]>();
  for (const b of memory.batches) {
    const into = b.voidedBy ? voided : live;
    const tag = b.voidedBy ?? b.batchId;
    for (const k of b.keys.split(' ')) if (k) (into.get(k) ?? into.set(k, []).get(k)!).push(tag);
  }
  const out: Recognised = { posted: new Map(), voided: new Map() };
  keys.forEach((k, i) => {
    const batch = live.get(k)?.shift();
    if (batch) return void out.posted.set(i, batch);
    const by = voided.get(k)?.shift();
    if (by) out.voided.set(i, by);
  });
  return out;
}

/** Reads the memory as saved in the workbook; anything unreadable is no memory. */
export function parseMemory(text: string | null): PostedMemory {
  if (!text) return emptyMemory();
  try {
    const m = JSON.parse(text) as PostedMemory;
    return Array.isArray(m?.batches) ? { batches: m.batches.filter((b) => typeof b?.batchId === 'string' && typeof b.keys === 'string') } : emptyMemory();
  } catch {
    return emptyMemory();
  }
}
