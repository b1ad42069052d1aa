/**
 * Item and location rows for the master data (POST /v1/items, /v1/locations, and the pane's
 * "post master data from a sheet"): checked and cleaned, every problem named.
 */
import { problem, type Problem } from './problems';
import type { Item, Location } from './rows';
import { cleanIdentifier, identifierProblem, shownValue } from './identifiers';
import { gtinCheckDigitOk, isGtinShaped, normaliseGtin } from './gtin';

export const SKU_MAX = 64;
export const LOCATION_CODE_MAX = 40;
const NAME_MAX = 200;
const UNIT_MAX = 20;

const YES = new Set(['yes', 'y', 'true', '1', 'x']);
const NO = new Set(['no', 'n', 'false', '0', '']);

/**
 * Reads a yes/no cell or JSON value: booleans, 1/0 and the words yes/no/true/false/y/n/x (any case).
 * Answers undefined for a blank and null for anything else.
 * @example yesNo('Yes') // true
 */
export function yesNo(v: unknown): boolean | null | undefined {
  if (typeof v === 'boolean') return v;
  if (v === null || v === undefined) return undefined;
  if (typeof v === 'number') return v === 1 ? true : v === 0 ? false : null;
  if (typeof v !== 'string') return null;
  const word = v.trim().toLowerCase();
  if (word === '') return undefined;
  return YES.has(word) ? true : NO.has(word) ? false : null;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const text = (v: unknown): string | null => {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string' || typeof v === 'number') return String(v).trim();
  return null;
};

/**
 * Checks item rows: sku, name, unit (default `each`), the tracking flags and an optional GTIN,
 * which is stored in its 14-digit form. A sku twice in one request is refused.
 * @example checkItemRows([{ sku: 'GLV-M', name: 'Gloves', lotTracked: 'no', serialTracked: 'no' }]).items[0].unit // 'each'
 */
export function checkItemRows(raw: readonly unknown[]): { items: Item[]; problems: Problem[] } {
  const items: Item[] = [];
  const problems: Problem[] = [];
  const skuRow = new Map<string, number>();
  const gtinRow = new Map<string, number>();
  raw.forEach((r, row) => {
    const before = problems.length;
    const fail = (field: string, code: Problem['code'], message: string) => problems.push(problem(row, field, code, message));
    if (!isRecord(r)) {
      fail('sku', 'invalid', `Item row ${row + 1} is not an object with sku, name and tracking fields.`);
      return;
    }
    const sku = typeof r.sku === 'string' || typeof r.sku === 'number' ? cleanIdentifier(r.sku) : '';
    if (sku === '') fail('sku', 'required', 'SKU is required.');
    else {
      const why = identifierProblem(sku, SKU_MAX);
      if (why) fail('sku', 'invalid', `SKU ${shownValue(sku)} ${why}.`);
      else if (skuRow.has(sku)) fail('sku', 'invalid', `SKU ${sku} is given twice (item rows ${skuRow.get(sku)! + 1} and ${row + 1}); keep one.`);
    }
    const name = text(r.name);
    if (name === null) fail('name', 'invalid', `The name of ${sku || 'this item'} must be text.`);
    else if (name === '') fail('name', 'required', `A name is required for ${sku || 'this item'}.`);
    else if (name.length > NAME_MAX) fail('name', 'invalid', `The name of ${sku} is ${name.length} characters long; at most ${NAME_MAX} are allowed.`);
    const unitText = text(r.unit);
    const unit = unitText === '' ? 'each' : unitText;
    if (unit === null || unit.length > UNIT_MAX) fail('unit', 'invalid', `The unit of ${sku || 'this item'} must be a short word such as each, box or kg.`);
    const flag = (field: 'lotTracked' | 'serialTracked' | 'requiresExpiry', required: boolean): boolean => {
      const v = yesNo(r[field]);
      if (v === undefined && required) fail(field, 'required', `Say yes or no for ${field} of ${sku || 'this item'}.`);
      if (v === null) fail(field, 'invalid', `${field} of ${sku || 'this item'} must be yes or no, not ${shownValue(String(r[field]))}.`);
      return v === true;
    };
    const lotTracked = flag('lotTracked', true);
    const serialTracked = flag('serialTracked', true);
    const requiresExpiry = flag('requiresExpiry', false);
    // The ledger keeps an expiry per lot; an item without lots has nowhere to keep one.
    if (requiresExpiry && !lotTracked) {
      fail('requiresExpiry', 'invalid', `${sku || 'This item'} requires an expiry but is not lot-tracked; expiry is kept per lot, so make it lot-tracked or drop the expiry requirement.`);
    }
    let gtin: string | null = null;
    const rawGtin = typeof r.gtin === 'number' && Number.isSafeInteger(r.gtin) ? String(r.gtin) : r.gtin;
    const gtinText = typeof rawGtin === 'string' ? cleanIdentifier(rawGtin) : rawGtin;
    if (gtinText !== null && gtinText !== undefined && gtinText !== '') {
      if (typeof gtinText !== 'string' || !isGtinShaped(gtinText)) {
        fail('gtin', 'invalid', `GTIN ${shownValue(String(gtinText))} of ${sku || 'this item'} must be 8, 12, 13 or 14 digits.`);
      } else if (!gtinCheckDigitOk(gtinText)) {
        fail('gtin', 'gtin_check_digit', `GTIN ${gtinText} of ${sku || 'this item'} has a wrong check digit; copy it again from the label.`);
      } else {
        gtin = normaliseGtin(gtinText);
        const other = gtinRow.get(gtin);
        if (other !== undefined) fail('gtin', 'invalid', `GTIN ${gtinText} is given to two items (item rows ${other + 1} and ${row + 1}).`);
      }
    }
    const warrantyDays = wholeDays(r.warrantyDays);
    if (warrantyDays === undefined) {
      fail('warrantyDays', 'invalid', `warrantyDays of ${sku || 'this item'} must be a whole number of days from 0 to ${WARRANTY_DAYS_MAX}, not ${shownValue(String(r.warrantyDays))}.`);
    }
    if (problems.length > before) return;
    skuRow.set(sku, row);
    if (gtin) gtinRow.set(gtin, row);
    items.push({ sku, name: name!, unit: unit!, lotTracked, serialTracked, requiresExpiry, gtin, warrantyDays: warrantyDays ?? null });
  });
  return { items, problems };
}

/** The longest warranty an item may take: a hundred years. */
export const WARRANTY_DAYS_MAX = 36500;

/** A whole number of days (a number or its digits), null when blank, undefined when it is neither. */
function wholeDays(v: unknown): number | null | undefined {
  if (v === null || v === undefined || (typeof v === 'string' && v.trim() === '')) return null;
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\d+$/.test(v.trim()) ? Number(v.trim()) : NaN;
  return Number.isInteger(n) && n >= 0 && n <= WARRANTY_DAYS_MAX ? n : undefined;
}

/**
 * Checks location rows: a code (no inner spaces, at most 40 characters, once per request), an optional
 * name, and whether it is a quarantine location (held stock may go there).
 * @example checkLocationRows([{ code: ' WH1-A ', name: 'Aisle A' }]).locations // [{ code: 'WH1-A', name: 'Aisle A', quarantine: false }]
 */
export function checkLocationRows(raw: readonly unknown[]): { locations: Location[]; problems: Problem[] } {
  const locations: Location[] = [];
  const problems: Problem[] = [];
  const codeRow = new Map<string, number>();
  raw.forEach((r, row) => {
    const before = problems.length;
    const fail = (field: string, message: string, code: Problem['code'] = 'invalid') => problems.push(problem(row, field, code, message));
    if (!isRecord(r)) {
      fail('code', `Location row ${row + 1} is not an object with a code.`);
      return;
    }
    const code = typeof r.code === 'string' || typeof r.code === 'number' ? cleanIdentifier(r.code) : '';
    if (code === '') fail('code', 'A location code is required.', 'required');
    else {
      const why = identifierProblem(code, LOCATION_CODE_MAX);
      if (why) fail('code', `Location code ${shownValue(code)} ${why}.`);
      else if (codeRow.has(code)) fail('code', `Location ${code} is given twice (location rows ${codeRow.get(code)! + 1} and ${row + 1}); keep one.`);
    }
    const name = text(r.name);
    if (name === null || (name && name.length > NAME_MAX)) fail('name', `The name of location ${code} must be text of at most ${NAME_MAX} characters.`);
    const quarantine = yesNo(r.quarantine);
    if (quarantine === null) fail('quarantine', `quarantine of location ${code} must be yes or no, not ${shownValue(String(r.quarantine))}.`);
    if (problems.length > before) return;
    codeRow.set(code, row);
    locations.push({ code, name: name || null, quarantine: quarantine === true });
  });
  return { locations, problems };
}
