/**
 * Sheet names by Excel's rules: 1 to 31 characters, none of [ ] : * ? / \, not starting or
 * ending with an apostrophe, not "History" (Excel keeps that name for itself), and unique in
 * the workbook regardless of case.
 */

export const MAX_SHEET_NAME = 31;
const RESERVED = 'history';

/**
 * A name Excel accepts, from any wanted text: forbidden characters become '-', control
 * characters go, runs of spaces close up, and long names are cut to 31 characters.
 * @example validSheetName('Recall: VAC-10 [L1/L2]') // 'Recall- VAC-10 -L1-L2-'
 */
export function validSheetName(wanted: string): string {
  let name = wanted
    .replace(/\s+/g, ' ')
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .replace(/[[\]:*?/\\]/g, '-')
    .trim();
  name = cut(name, MAX_SHEET_NAME).replace(/^'+|'+$/g, '').trim();
  if (name === '') return 'Report';
  return name.toLowerCase() === RESERVED ? `${name} report` : name;
}

/**
 * A valid name not yet taken in the workbook: "Name", else "Name (2)", "Name (3)" … with the
 * base cut so the whole stays within 31 characters.
 * @example uniqueSheetName('Trace VAC-10 FLU-A', ['trace vac-10 flu-a']) // 'Trace VAC-10 FLU-A (2)'
 */
export function uniqueSheetName(wanted: string, taken: readonly string[]): string {
  const base = validSheetName(wanted);
  const used = new Set(taken.map((t) => t.toLowerCase()));
  if (!used.has(base.toLowerCase())) return base;
  for (let i = 2; ; i++) {
    const suffix = ` (${i})`;
    const name = `${cut(base, MAX_SHEET_NAME - suffix.length).replace(/'+$/, '').trimEnd()}${suffix}`;
    if (!used.has(name.toLowerCase())) return name;
  }
}

/** The first n characters, never splitting a surrogate pair (an emoji counts as Excel counts it: two). */
function cut(s: string, n: number): string {
  if (s.length <= n) return s;
  const head = s.slice(0, n);
  return /[\ud800-\udbff]$/.test(head) ? head.slice(0, -1) : head;
}
