/**
 * Calendar days as ISO `YYYY-MM-DD` strings, and Excel's serial day numbers.
 * All arithmetic is on UTC days, so no time zone or daylight-saving shift can move a date.
 */

const DAY_MS = 86_400_000;

const daysInMonth = (year: number, month: number): number =>
  month === 2 ? (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28)
    : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;

/**
 * The last day of a month, 28–31.
 * @example lastDayOfMonth(2028, 2) // 29
 */
export function lastDayOfMonth(year: number, month: number): number {
  return daysInMonth(year, month);
}

const iso = (y: number, m: number, d: number): string =>
  `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

const realDay = (y: number, m: number, d: number): boolean =>
  y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);

/**
 * Builds an ISO date from its parts, or null when that day does not exist.
 * @example isoFromParts(2026, 2, 30) // null
 */
export function isoFromParts(y: number, m: number, d: number): string | null {
  return realDay(y, m, d) ? iso(y, m, d) : null;
}

const ISO_SHAPE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * True when the text is exactly `YYYY-MM-DD` and names a real calendar day.
 * @example isIsoDate('2028-02-29') // true
 */
export function isIsoDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  return m !== null && realDay(+m[1], +m[2], +m[3]);
}

/**
 * Reads a date written in an unambiguous form (YYYY-MM-DD, YYYY/MM/DD, YYYYMMDD; one-digit month
 * and day allowed with separators) and answers it as ISO, or null. Day-first and month-first
 * forms are refused because 03/04 means different days to different clerks; numbers are refused
 * because an Excel serial must be converted (with its workbook's date system) before this.
 * @example parseDate('2026/1/5') // '2026-01-05'
 */
export function parseDate(v: string | number | null | undefined): string | null {
  if (typeof v !== 'string') return null;
  const s = v.trim();
  // Already ISO (what the pane sends and most sheets hold): check the day, keep the text.
  if (s.length === 10 && ISO_SHAPE.test(s)) return realDay(+s.slice(0, 4), +s.slice(5, 7), +s.slice(8, 10)) ? s : null;
  const m = /^(\d{4})([-/])(\d{1,2})\2(\d{1,2})$/.exec(s) ?? /^(\d{4})()(\d{2})(\d{2})$/.exec(s);
  if (!m) return null;
  return isoFromParts(+m[1], +m[3], +m[4]);
}

const toUtcMs = (isoDate: string): number => {
  const [y, m, d] = isoDate.split('-').map(Number);
  const ms = new Date(0).setUTCFullYear(y, m - 1, d);
  return ms;
};

const fromUtcMs = (ms: number): string => {
  const dt = new Date(ms);
  return iso(dt.getUTCFullYear(), dt.getUTCMonth() + 1, dt.getUTCDate());
};

/**
 * The ISO date `days` days after (or before, if negative) the given one.
 * @example addDays('2028-02-28', 1) // '2028-02-29'
 */
export function addDays(isoDate: string, days: number): string {
  return fromUtcMs(toUtcMs(isoDate) + days * DAY_MS);
}

/**
 * Whole days from one ISO date to another (negative when `toIso` is earlier).
 * @example daysBetween('2026-11-24', '2026-12-24') // 30
 */
export function daysBetween(fromIso: string, toIso: string): number {
  return Math.round((toUtcMs(toIso) - toUtcMs(fromIso)) / DAY_MS);
}

/**
 * Today's date in UTC, the "today" of every rule (docs/API.md).
 * @example todayUtc(new Date('2026-11-24T23:30:00-05:00')) // '2026-11-25'
 */
export function todayUtc(now: Date = new Date()): string {
  return fromUtcMs(now.getTime());
}

// Day 0 of each system: 1904-01-01 is serial 0; in the 1900 system serials from 61 on count
// from 1899-12-30, because Excel keeps Lotus 1-2-3's fake 1900-02-29 as serial 60.
const EPOCH_1904 = Date.UTC(1904, 0, 1);
const EPOCH_1900 = Date.UTC(1899, 11, 30);
const MAX_SERIAL_1900 = 2_958_465; // 9999-12-31

/**
 * The day an Excel serial number stands for (time of day dropped), or null for serials that are no
 * real day: below 1, Excel's fake 1900-02-29 (serial 60), or past 9999-12-31.
 * @example excelSerialToIso(46350, false) // '2026-11-24'
 */
export function excelSerialToIso(serial: number, date1904: boolean): string | null {
  if (!Number.isFinite(serial)) return null;
  const day = Math.floor(serial);
  if (date1904) {
    if (day < 0 || day > MAX_SERIAL_1900 - 1462) return null;
    return fromUtcMs(EPOCH_1904 + day * DAY_MS);
  }
  if (day < 1 || day === 60 || day > MAX_SERIAL_1900) return null;
  return fromUtcMs(EPOCH_1900 + (day < 60 ? day + 1 : day) * DAY_MS);
}

/**
 * The Excel serial number of an ISO date in the workbook's date system.
 * @example isoToExcelSerial('2026-11-24', true) // 44888
 */
export function isoToExcelSerial(isoDate: string, date1904: boolean): number {
  const ms = toUtcMs(isoDate);
  if (date1904) return Math.round((ms - EPOCH_1904) / DAY_MS);
  const days = Math.round((ms - EPOCH_1900) / DAY_MS);
  return days <= 60 ? days - 1 : days;
}
