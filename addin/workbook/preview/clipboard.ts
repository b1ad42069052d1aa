/**
 * The clipboard as Excel speaks it: tab-separated cells, one line per row; a cell holding a
 * tab, a new line or a quote is quoted with its quotes doubled.
 */

/**
 * Rows of cells from clipboard text.
 * @example parseTsv('a\tb\r\nc\td\r\n') // [['a', 'b'], ['c', 'd']]
 */
export function parseTsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let i = 0;
  const endCell = () => { row.push(cell); cell = ''; };
  const endRow = () => { endCell(); rows.push(row); row = []; };
  while (i < text.length) {
    const ch = text[i];
    if (ch === '"' && cell === '') {
      // A quoted cell: up to the closing quote, "" standing for one quote.
      let j = i + 1;
      let quoted = '';
      for (; j < text.length; j++) {
        if (text[j] === '"' && text[j + 1] === '"') { quoted += '"'; j++; } else if (text[j] === '"') break;
        else quoted += text[j];
      }
      if (j < text.length && (j + 1 === text.length || /[\t\r\n]/.test(text[j + 1]))) {
        cell = quoted;
        i = j + 1;
        continue;
      }
    }
    if (ch === '\t') endCell();
    else if (ch === '\n' || ch === '\r') {
      endRow();
      if (ch === '\r' && text[i + 1] === '\n') i++;
    } else cell += ch;
    i++;
  }
  if (cell !== '' || row.length > 0) endRow();
  return rows;
}

/**
 * Clipboard text for rows of cells, as Excel copies them (CRLF after every row).
 * @example toTsv([['a', 'b c'], ['1', 'x\ty']]) // 'a\tb c\r\n1\t"x\ty"\r\n'
 */
export function toTsv(rows: readonly (readonly string[])[]): string {
  const cell = (s: string) => (/[\t\r\n"]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  return rows.map((r) => `${r.map(cell).join('\t')}\r\n`).join('');
}
