/**
 * The receiving sheet the Workers benches post: every row a new serial of a lot- and
 * serial-tracked item that requires expiry (the most a row makes the ledger write: a
 * movement, a unit, stock, and a new lot every 1,000 rows), with supplier and PO.
 */
import { postJson } from './lib/sheets';

export { postJson };
export const BENCH_ITEMS = [
  { sku: 'PUMP-3', name: 'Infusion pump', lotTracked: 'yes', serialTracked: 'yes', requiresExpiry: 'yes' },
];
export const BENCH_LOCATIONS = [{ code: 'WH1-A', name: 'Receiving dock' }, { code: 'WH1-B', name: 'Shelf B' }];

/**
 * The JSON body of an `n`-row receiving post; `tag` keeps serials of several posts apart.
 * @example await fetch(url + '/v1/batches', { method: 'POST', body: receivingBody(10_000, 'a') })
 */
export function receivingBody(n: number, tag: string, date = new Date().toISOString().slice(0, 10)): string {
  const rows = Array.from({ length: n }, (_, i) => ({
    type: 'receive', date, sku: 'PUMP-3', lot: `L-${tag}-${Math.floor(i / 1000)}`, expiry: '2030-06-30',
    serial: `SN-${tag}-${String(i).padStart(7, '0')}`, qty: 1, to: 'WH1-A', party: 'Acme Medical', ref: 'PO-1183',
  }));
  return JSON.stringify({ rows, source: { workbook: 'Receiving Nov.xlsx', sheet: 'Sheet1', range: `A1:J${n + 1}` } });
}

/**
 * The JSON body that moves every serial of `receivingBody(n, tag)` from WH1-A to WH1-B: the
 * post must load all n units it names before it can check them.
 * @example receivingBody(10_000, 'a'); transferBody(10_000, 'a')
 */
export function transferBody(n: number, tag: string, date = new Date().toISOString().slice(0, 10)): string {
  const rows = Array.from({ length: n }, (_, i) => ({
    type: 'transfer', date, sku: 'PUMP-3', lot: `L-${tag}-${Math.floor(i / 1000)}`,
    serial: `SN-${tag}-${String(i).padStart(7, '0')}`, from: 'WH1-A', to: 'WH1-B',
  }));
  return JSON.stringify({ rows });
}

/** Loads the bench's items and locations into a workspace. */
export async function loadBenchMaster(baseUrl: string, token: string): Promise<void> {
  await postJson(baseUrl, token, '/v1/items', { items: BENCH_ITEMS });
  await postJson(baseUrl, token, '/v1/locations', { locations: BENCH_LOCATIONS });
}
