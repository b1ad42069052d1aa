/**
 * Lines of a plain-text table: columns padded to their widest cell, two spaces apart. Control
 * characters in cells (a workbook name is whatever a client sent) become `?`, so a cell can
 * neither break a line nor send escape sequences to the admin's terminal.
 * @example table(['NAME', 'ROLE'], [['admin', 'admin']]) // ['NAME   ROLE', 'admin  admin']
 */
export function table(head: string[], rows: string[][]): string[] {
  const clean = rows.map((r) => r.map((c) => c.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?')));
  const widths = head.map((h, i) => Math.max(h.length, ...clean.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
  return [line(head), ...clean.map(line)];
}

/**
 * A stored ISO timestamp as `YYYY-MM-DD HH:MM:SS` (UTC).
 * @example utcTime('2026-11-20T10:15:03.120Z') // '2026-11-20 10:15:03'
 */
export const utcTime = (iso: string): string => iso.replace('T', ' ').slice(0, 19);
