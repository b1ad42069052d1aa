/**
 * What the LOTLEDGER cell functions answer, apart from any host: Excel's custom functions
 * (excel-functions.ts) and the preview workbook's formulas (preview/formulas.ts) both call
 * these and turn a `CellError` into their own error value.
 */
import { isoToExcelSerial } from '../../shared/dates';
import type { LotKey } from '../../shared/lookup-answers';
import type { LookupBatcher } from './batcher';

/** An error a cell shows: `#N/A` for a key the ledger does not know, `#VALUE!` for no answer. */
export interface CellError { error: 'notAvailable' | 'value'; message: string }

/** A date as Excel holds it: a serial number, shown with its format. */
export interface CellDate { serial: number; format: string }

export type CellAnswer = number | string | boolean | CellDate | CellError;

export const isCellError = (v: unknown): v is CellError => typeof v === 'object' && v !== null && 'error' in v;

/** Thrown by a lookup when the pane holds no connection. */
export class NotConnected extends Error {
  constructor() {
    super('Not connected to LotLedger: open the LotLedger pane and connect with your access token.');
    this.name = 'NotConnected';
  }
}

export const DATE_FORMAT = 'yyyy-mm-dd';

/** A cell's argument as key text: numbers as Excel shows them, blanks (and omitted) absent. */
export function keyText(v: unknown): string | undefined {
  if (v === null || v === undefined) return undefined;
  const s = typeof v === 'number' ? String(v) : typeof v === 'string' ? v.trim() : String(v);
  return s === '' ? undefined : s;
}

const unknownKey = (what: string): CellError => ({ error: 'notAvailable', message: `${what} is not in the ledger.` });

/** The failure of a lookup as the cell shows it: a #VALUE!-style error with its reason. */
export function failed(e: unknown): CellError {
  const reason = e instanceof Error ? e.message : String(e);
  return { error: 'value', message: e instanceof NotConnected ? reason : `LotLedger did not answer: ${reason}` };
}

async function guarded(work: () => Promise<CellAnswer>): Promise<CellAnswer> {
  try {
    return await work();
  } catch (e) {
    return failed(e);
  }
}

/**
 * The four functions over a batcher; `date1904()` is the workbook's date system.
 * @example await cellFunctions(batcher, () => false).onHand('VAC-10') // 66
 */
export function cellFunctions(lookups: LookupBatcher, date1904: () => boolean) {
  const need = (v: unknown, name: string): string | CellError => keyText(v) ?? { error: 'value', message: `${name} is required.` };
  const lotArgs = (sku: unknown, lot: unknown): LotKey | CellError => {
    const s = need(sku, 'The SKU');
    if (isCellError(s)) return s;
    const l = need(lot, 'The lot');
    return isCellError(l) ? l : { sku: s, lot: l };
  };
  return {
    /** ONHAND(sku, [lot], [location]): the quantity on hand. */
    onHand: (sku: unknown, lot?: unknown, location?: unknown): Promise<CellAnswer> => guarded(async () => {
      const s = need(sku, 'The SKU');
      if (isCellError(s)) return s;
      const key = { sku: s, ...(keyText(lot) ? { lot: keyText(lot) } : {}), ...(keyText(location) ? { location: keyText(location) } : {}) };
      const a = await lookups.onHand(key);
      return a.found ? a.qty : unknownKey([s, key.lot, key.location].filter(Boolean).join(' / '));
    }),
    /** EXPIRY(sku, lot): the lot's expiry as a date; #N/A when unknown or when the lot has none. */
    expiry: (sku: unknown, lot: unknown): Promise<CellAnswer> => guarded(async () => {
      const k = lotArgs(sku, lot);
      if (isCellError(k)) return k;
      const a = await lookups.lot(k);
      if (!a.found) return unknownKey(`Lot ${k.lot} of ${k.sku}`);
      if (a.expiry === null) return { error: 'notAvailable', message: `Lot ${k.lot} of ${k.sku} has no expiry date.` };
      return { serial: isoToExcelSerial(a.expiry, date1904()), format: DATE_FORMAT };
    }),
    /** SERIAL(serial, [sku]): the location code in stock, the customer when shipped, `scrapped`. */
    serial: (serial: unknown, sku?: unknown): Promise<CellAnswer> => guarded(async () => {
      const n = need(serial, 'The serial');
      if (isCellError(n)) return n;
      const k = keyText(sku);
      const a = await lookups.serial({ serial: n, ...(k ? { sku: k } : {}) });
      if (!a.found) return unknownKey(k ? `Serial ${n} of ${k}` : `Serial ${n}`);
      if (a.state === 'in_stock') return a.location ?? '';
      if (a.state === 'shipped') return a.party ?? '';
      return 'scrapped';
    }),
    /** HELD(sku, lot): whether the lot is on hold. */
    held: (sku: unknown, lot: unknown): Promise<CellAnswer> => guarded(async () => {
      const k = lotArgs(sku, lot);
      if (isCellError(k)) return k;
      const a = await lookups.lot(k);
      return a.found ? a.held : unknownKey(`Lot ${k.lot} of ${k.sku}`);
    }),
  };
}

export type CellFunctions = ReturnType<typeof cellFunctions>;
