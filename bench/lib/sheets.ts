/**
 * The sheets the benches post, as the pane sends them (rows of the API's field names).
 *
 *  - serial receipts: every row a new serial of a lot- and serial-tracked item that requires
 *    expiry (a movement and a unit each, and a new lot every 1,000 rows), with supplier and PO;
 *  - lot receipts: every row a new lot of one of ten lot-tracked items with expiry, a quantity,
 *    into one of five locations (a movement, a lot and a stock row each).
 */
import type { RawRow } from '../../shared/rows';

export const BENCH_ITEMS = [
  { sku: 'PUMP-3', name: 'Infusion pump', unit: 'each', lotTracked: 'yes', serialTracked: 'yes', requiresExpiry: 'yes' },
  ...Array.from({ length: 10 }, (_, k) => ({
    sku: `VAC-${k}`, name: `Vaccine ${k}`, unit: 'box', lotTracked: 'yes', serialTracked: 'no', requiresExpiry: 'yes',
  })),
];
export const BENCH_LOCATIONS = [
  { code: 'WH1-A', name: 'Receiving dock' },
  ...Array.from({ length: 5 }, (_, k) => ({ code: `COLD-${k}`, name: `Cold room ${k}` })),
];

const today = () => new Date().toISOString().slice(0, 10);

/** `n` receipts of new serials of PUMP-3; `tag` keeps serials of several posts apart. */
export function serialReceipts(n: number, tag: string, date = today()): RawRow[] {
  return Array.from({ length: n }, (_, i) => ({
    type: 'receive', date, sku: 'PUMP-3', lot: `L-${tag}-${Math.floor(i / 1000)}`, expiry: '2030-06-30',
    serial: `SN-${tag}-${String(i).padStart(7, '0')}`, qty: 1, to: 'WH1-A', party: 'Acme Medical', ref: 'PO-1183',
  }));
}

/** `n` receipts of new lots, spread over ten items and five cold rooms. */
export function lotReceipts(n: number, tag: string, date = today()): RawRow[] {
  return Array.from({ length: n }, (_, i) => ({
    type: 'receive', date, sku: `VAC-${i % 10}`, lot: `FLU-${tag}-${String(i).padStart(7, '0')}`, expiry: '2028-03-31',
    qty: 24 + (i % 7), to: `COLD-${i % 5}`, party: 'Northwind Biologics', ref: `PO-${2000 + Math.floor(i / 500)}`,
  }));
}

/** The JSON body of a post, with the source a pane sends. */
export function batchBody(rows: readonly RawRow[]): string {
  return JSON.stringify({ rows, source: { workbook: 'Receiving Nov.xlsx', sheet: 'Sheet1', range: `A1:J${rows.length + 1}` } });
}

/**
 * The JSON body of an `n`-row serial receiving post.
 * @example await fetch(url + '/v1/batches', { method: 'POST', body: receivingBody(10_000, 'a') })
 */
export const receivingBody = (n: number, tag: string, date = today()): string => batchBody(serialReceipts(n, tag, date));

/** POSTs JSON with a token; throws with the answer when it is not 2xx. */
export async function postJson(baseUrl: string, token: string, path: string, body: string | object, headers: Record<string, string> = {}): Promise<any> {
  const res = await fetch(baseUrl + path, {
    method: 'POST',
    body: typeof body === 'string' ? body : JSON.stringify(body),
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${path} → ${res.status} ${text.slice(0, 400)}`);
  return JSON.parse(text);
}

/** Loads the bench's items and locations into a workspace. */
export async function loadBenchMaster(baseUrl: string, token: string): Promise<void> {
  await postJson(baseUrl, token, '/v1/items', { items: BENCH_ITEMS });
  await postJson(baseUrl, token, '/v1/locations', { locations: BENCH_LOCATIONS });
}

/**
 * Posts a batch body as the pane does (with an idempotency key) and answers the seconds it took,
 * from the first byte sent to the last byte of the answer.
 */
export async function timedPost(baseUrl: string, token: string, body: string, rows: number): Promise<number> {
  const t0 = performance.now();
  const answer = await postJson(baseUrl, token, '/v1/batches', body, { 'idempotency-key': crypto.randomUUID() });
  const seconds = (performance.now() - t0) / 1000;
  if (answer.posted !== rows) throw new Error(`posted ${answer.posted} of ${rows} rows`);
  return seconds;
}

/**
 * Rows of the warm-up post before a timed post of `n` rows: 10,000 serial receipts (1.7 MB)
 * go the way a large post goes, through the server's post thread (server/post-thread), so the
 * code of both threads a large post uses is warm, as on a server that has taken a few sheets.
 */
export const warmUpRows = (n: number): number => Math.min(10_000, n);
