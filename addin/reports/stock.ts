/** The list reports: lots expiring soon, stock on hand, and the movement record of a window. */
import type { ReportSheet } from '../workbook/port';
import type { ExpiringAnswer, Movement, OnHandAnswer } from '../../shared/report-answers';
import { column, pulledAt, tableSheet } from './layout';
import { MOVEMENT_COLUMNS } from './movement-columns';

type Expiring = ExpiringAnswer['lots'][number];
type Stock = OnHandAnswer['rows'][number];

/** "· item VAC-10 · location COLD-1": the filters a title names, the blank ones left out. */
const filters = (f: Record<string, string | undefined>): string =>
  Object.entries(f).filter(([, v]) => v).map(([k, v]) => ` · ${k} ${v}`).join('');

/** @example expiringSheet({ lots: [] }, 30, new Date(), false).name // 'Expiring 30 days' */
export function expiringSheet(a: ExpiringAnswer, days: number, now: Date, date1904: boolean): ReportSheet {
  return tableSheet(`Expiring ${days} days`, `Lots on hand expiring within ${days} days, expired ones included · ${pulledAt(now)}`, [
    column<Expiring>('SKU', 'id', (l) => l.sku),
    column<Expiring>('Lot', 'id', (l) => l.lot),
    column<Expiring>('Expiry', 'date', (l) => l.expiry),
    column<Expiring>('Days left', 'number', (l) => l.daysLeft),
    column<Expiring>('Expired', 'text', (l) => l.expired),
    column<Expiring>('Location', 'id', (l) => l.location),
    column<Expiring>('Qty', 'number', (l) => l.qty),
    column<Expiring>('On hold', 'text', (l) => l.held),
  ], a.lots, date1904);
}

export interface OnHandAsked { sku?: string; location?: string; asOf?: string }

/** @example onHandSheet({ asOf: '2026-11-24', rows: [] }, {}, new Date(), false).name // 'On hand 2026-11-24' */
export function onHandSheet(a: OnHandAnswer, q: OnHandAsked, now: Date, date1904: boolean): ReportSheet {
  return tableSheet(`On hand ${a.asOf}`, `On hand at the end of ${a.asOf}${filters({ item: q.sku, location: q.location })} · ${pulledAt(now)}`, [
    column<Stock>('SKU', 'id', (s) => s.sku),
    column<Stock>('Lot', 'id', (s) => s.lot),
    column<Stock>('Serial', 'id', (s) => s.serial),
    column<Stock>('Location', 'id', (s) => s.location),
    column<Stock>('Qty', 'number', (s) => s.qty),
    column<Stock>('On hold', 'text', (s) => s.held),
  ], a.rows, date1904);
}

export interface MovementsAsked { from?: string; to?: string; sku?: string; lot?: string }

/**
 * "2026-11-01–11-24": a window short enough for a sheet name.
 * @example windowName({ from: '2026-11-01', to: '2026-11-24' }) // '2026-11-01–11-24'
 */
export function windowName(q: MovementsAsked): string {
  if (q.from && q.to) return q.from.slice(0, 4) === q.to.slice(0, 4) ? `${q.from}–${q.to.slice(5)}` : `${q.from}–${q.to}`;
  if (q.from) return `from ${q.from}`;
  if (q.to) return `to ${q.to}`;
  return 'all';
}

/** @example movementsSheet([], {}, new Date(), false).name // 'Movements all' */
export function movementsSheet(movements: readonly Movement[], q: MovementsAsked, now: Date, date1904: boolean): ReportSheet {
  const window = q.from || q.to ? `${q.from ? ` from ${q.from}` : ''}${q.to ? ` to ${q.to}` : ''}` : ', all dates';
  return tableSheet(`Movements ${windowName(q)}`, `Movements${window}${filters({ item: q.sku, lot: q.lot })}, by date then posting order · ${pulledAt(now)}`,
    MOVEMENT_COLUMNS, movements, date1904);
}
