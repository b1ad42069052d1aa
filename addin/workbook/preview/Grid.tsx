import { Button, Input, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useState, useSyncExternalStore, type KeyboardEvent } from 'react';
import { cellAddress, columnName } from '../address';
import type { CellValue } from '../port';
import type { PreviewWorkbook } from './workbook';

const useStyles = makeStyles({
  book: { display: 'flex', flexDirection: 'column', minWidth: 0, flex: 1, borderRight: `1px solid ${tokens.colorNeutralStroke1}`, height: '100vh' },
  bar: { display: 'flex', gap: tokens.spacingHorizontalS, padding: tokens.spacingHorizontalXS, alignItems: 'center', borderBottom: `1px solid ${tokens.colorNeutralStroke2}` },
  address: { width: '5em', fontFamily: tokens.fontFamilyMonospace },
  scroll: { overflow: 'auto', flex: 1 },
  table: { borderCollapse: 'collapse', fontSize: '12px', fontFamily: 'Calibri, Aptos, Segoe UI, sans-serif', tableLayout: 'fixed' },
  head: { background: tokens.colorNeutralBackground3, color: tokens.colorNeutralForeground3, fontWeight: 'normal', border: `1px solid ${tokens.colorNeutralStroke2}`, padding: '0 4px', position: 'sticky', top: 0 },
  rowHead: { background: tokens.colorNeutralBackground3, color: tokens.colorNeutralForeground3, border: `1px solid ${tokens.colorNeutralStroke2}`, padding: '0 4px', textAlign: 'right', width: '3em' },
  cell: { border: `1px solid ${tokens.colorNeutralStroke3}`, padding: '1px 4px', whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis', height: '18px', cursor: 'cell', position: 'relative' },
  selected: { outline: `2px solid ${tokens.colorBrandStroke1}`, outlineOffset: '-2px' },
  noted: { '::after': { content: '""', position: 'absolute', top: 0, right: 0, borderTop: '6px solid #C00000', borderLeft: '6px solid transparent' } },
  tabs: { display: 'flex', gap: tokens.spacingHorizontalXS, padding: tokens.spacingHorizontalXS, borderTop: `1px solid ${tokens.colorNeutralStroke2}` },
});

const MAX_ROWS = 400;

/** What a clerk types: numbers become numbers unless the column is Text, as in Excel. */
function typed(text: string, format: string): CellValue {
  if (format !== '@' && /^-?\d+(\.\d+)?$/.test(text.trim()) && !/^0\d/.test(text.trim())) return Number(text);
  return text;
}

/** The preview workbook drawn as a small spreadsheet, beside the pane when no Excel is around. */
export function Grid({ wb }: { wb: PreviewWorkbook }) {
  const styles = useStyles();
  useSyncExternalStore((cb) => wb.onRender(cb), () => wb.version);
  const sel = wb.selection;
  const sheet = sel.sheet;
  const used = wb.usedSize(sheet);
  const rows = Math.min(Math.max(used.rows + 3, 20), MAX_ROWS);
  const cols = Math.max(used.cols + 1, 8);
  const current = wb.cell(sheet, sel.top, sel.left);
  const [draft, setDraft] = useState('');
  const choices = sel.top > 0 ? wb.sheet(sheet).lists.get(sel.left) : undefined;
  useEffect(() => setDraft(current?.formula ?? (current ? String(current.value) : '')), [sheet, sel.top, sel.left, current?.value]);

  function commit(e: KeyboardEvent) {
    if (e.key !== 'Enter') return;
    wb.setValues(sheet, sel.top, sel.left, [[typed(draft, wb.formatOf(sheet, sel.top, sel.left))]], { byUser: true, asTyped: true });
    wb.select({ sheet, top: sel.top + 1, left: sel.left, rows: 1, cols: 1 });
  }

  const isSelected = (r: number, c: number) => r >= sel.top && r < sel.top + sel.rows && c >= sel.left && c < sel.left + sel.cols;
  // Columns as wide as their longest text in the first rows, within reason, as after Excel's AutoFit.
  const widths = Array.from({ length: cols }, (_, c) => {
    let longest = 0;
    for (let r = 0; r < Math.min(rows, 60); r++) longest = Math.max(longest, wb.text(sheet, r, c).length);
    return Math.min(Math.max(64, longest * 7 + 10), 300);
  });

  return (
    <div className={styles.book} aria-label="Preview workbook">
      <div className={styles.bar}>
        <span className={styles.address}>{cellAddress(sel.top, sel.left)}</span>
        <Input aria-label="Cell value" size="small" style={{ flex: 1 }} value={draft} onChange={(_, d) => setDraft(d.value)} onKeyDown={commit}
          list={choices ? 'lotledger-cell-choices' : undefined} />
        {/* A template column's drop-down list, as Excel's data validation offers it */}
        {choices && <datalist id="lotledger-cell-choices">{choices.map((v) => <option key={v} value={v} />)}</datalist>}
      </div>
      <div className={styles.scroll}>
        <table className={styles.table} role="grid" aria-label={sheet}>
          <thead>
            <tr>
              <th className={styles.head} />
              {Array.from({ length: cols }, (_, c) => <th key={c} className={styles.head} scope="col">{columnName(c)}</th>)}
            </tr>
          </thead>
          <tbody>
            {Array.from({ length: rows }, (_, r) => (
              <tr key={r}>
                <th className={styles.rowHead} scope="row">{r + 1}</th>
                {Array.from({ length: cols }, (_, c) => {
                  const cell = wb.cell(sheet, r, c);
                  const text = wb.text(sheet, r, c);
                  const right = typeof cell?.value === 'number' && wb.formatOf(sheet, r, c) !== '@';
                  return (
                    <td
                      key={c}
                      data-address={cellAddress(r, c)}
                      className={[styles.cell, isSelected(r, c) ? styles.selected : '', cell?.note ? styles.noted : ''].join(' ')}
                      style={{ background: cell?.fill, textAlign: right ? 'right' : 'left', width: widths[c], maxWidth: widths[c] }}
                      title={cell?.note ?? cell?.error ?? (text.length * 7 + 10 > widths[c] ? text : undefined)}
                      onClick={() => wb.select({ sheet, top: r, left: c, rows: 1, cols: 1 })}
                    >
                      {text}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className={styles.tabs} role="tablist" aria-label="Sheets">
        {wb.sheets.map((s) => (
          <Button key={s.name} role="tab" aria-selected={s.name === sheet} size="small" appearance={s.name === sheet ? 'primary' : 'subtle'}
            onClick={() => wb.select({ sheet: s.name, top: 0, left: 0, rows: 1, cols: 1 })}>
            {s.name}
          </Button>
        ))}
      </div>
    </div>
  );
}
