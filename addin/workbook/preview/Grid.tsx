import { Button, Input, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useRef, useState, useSyncExternalStore, type ClipboardEvent, type KeyboardEvent } from 'react';
import { cellAddress, columnName } from '../address';
import { clearSelection, copyText, pasteText, typeRows } from './editing';
import { moved } from './keys';
import { SheetTabs } from './SheetTabs';
import { choicesAt, refusal } from './validation';
import type { PreviewWorkbook } from './workbook';

const useStyles = makeStyles({
  book: { display: 'flex', flexDirection: 'column', minWidth: 0, flex: 1, borderRight: `1px solid ${tokens.colorNeutralStroke1}`, height: '100vh' },
  bar: { display: 'flex', gap: tokens.spacingHorizontalS, padding: tokens.spacingHorizontalXS, alignItems: 'center', borderBottom: `1px solid ${tokens.colorNeutralStroke2}`, flexWrap: 'wrap' },
  address: { width: '5em', fontFamily: tokens.fontFamilyMonospace },
  refused: { color: tokens.colorPaletteRedForeground1, fontSize: tokens.fontSizeBase200, flexBasis: '100%' },
  scroll: { overflow: 'auto', flex: 1, position: 'relative', ':focus-within': { outline: 'none' } },
  // The keyboard's target: a spreadsheet takes typing and pastes through a focused, unseen text box.
  sink: { position: 'absolute', left: 0, top: 0, width: '1px', height: '1px', opacity: 0, border: 0, padding: 0, resize: 'none', overflow: 'hidden' },
  table: { borderCollapse: 'collapse', fontSize: '12px', fontFamily: 'Calibri, Aptos, Segoe UI, sans-serif', tableLayout: 'fixed' },
  head: { background: tokens.colorNeutralBackground3, color: tokens.colorNeutralForeground3, fontWeight: 'normal', border: `1px solid ${tokens.colorNeutralStroke2}`, padding: '0 4px', position: 'sticky', top: 0 },
  rowHead: { background: tokens.colorNeutralBackground3, color: tokens.colorNeutralForeground3, border: `1px solid ${tokens.colorNeutralStroke2}`, padding: '0 4px', textAlign: 'right', width: '3em' },
  cell: { border: `1px solid ${tokens.colorNeutralStroke3}`, padding: '1px 4px', whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis', height: '18px', cursor: 'cell', position: 'relative' },
  selected: { outline: `2px solid ${tokens.colorBrandStroke1}`, outlineOffset: '-2px' },
  noted: { '::after': { content: '""', position: 'absolute', top: 0, right: 0, borderTop: '6px solid #C00000', borderLeft: '6px solid transparent' } },
});

const MAX_ROWS = 400;
/** The number formats the preview offers, as Excel's Format Cells does (a few of them). */
const FORMAT_NAMES: Record<string, string> = { General: 'General', '@': 'Text', 'yyyy-mm-dd': 'Date', '000000': 'Zero-padded 000000' };
const FORMATS = Object.keys(FORMAT_NAMES);

/** The preview workbook drawn as a small spreadsheet, beside the pane when no Excel is around. */
export function Grid({ wb }: { wb: PreviewWorkbook }) {
  const styles = useStyles();
  useSyncExternalStore((cb) => wb.onRender(cb), () => wb.version);
  const sel = wb.selection;
  const sheet = sel.sheet;
  const used = wb.usedSize(sheet);
  const rows = Math.min(Math.max(used.rows + 3, 20, sel.top + sel.rows + 2), MAX_ROWS);
  const cols = Math.max(used.cols + 1, 8, sel.left + sel.cols + 1);
  const current = wb.cell(sheet, sel.top, sel.left);
  const [draft, setDraft] = useState('');
  const [refused, setRefused] = useState<string | null>(null);
  const sink = useRef<HTMLTextAreaElement>(null);
  const bar = useRef<HTMLInputElement>(null);
  const choices = choicesAt(wb.sheet(sheet), sel.top, sel.left);
  useEffect(() => setDraft(current?.formula ?? (current ? String(current.value) : '')), [sheet, sel.top, sel.left, current?.value]);
  useEffect(() => setRefused(null), [sheet, sel.top, sel.left]);
  // The selected cell scrolls into view as the keys move it.
  useEffect(() => {
    document.querySelector(`[aria-label="Preview workbook"] td[data-address="${cellAddress(sel.top, sel.left)}"]`)?.scrollIntoView?.({ block: 'nearest', inline: 'nearest' });
  }, [sheet, sel.top, sel.left]);

  /** Enter or Tab in the cell bar: the value is typed into the cell (unless its list refuses it), then the selection moves. */
  function commitKey(e: KeyboardEvent) {
    if (e.key === 'Escape') {
      setDraft(current ? String(current.value) : '');
      sink.current?.focus({ preventScroll: true });
      return;
    }
    if (e.key !== 'Enter' && e.key !== 'Tab') return;
    e.preventDefault();
    const why = refusal(choices, draft);
    if (why) return setRefused(why);
    typeRows(wb, sheet, sel.top, sel.left, [[draft]]);
    wb.select(moved({ ...sel, rows: 1, cols: 1 }, e.key, e.shiftKey)!);
    sink.current?.focus({ preventScroll: true });
  }

  function gridKey(e: KeyboardEvent<HTMLTextAreaElement>) {
    const ctrl = e.ctrlKey || e.metaKey;
    const next = moved(sel, e.key, e.shiftKey);
    if (next && !ctrl) {
      e.preventDefault();
      wb.select(next);
    } else if (e.key === 'Delete' || e.key === 'Backspace') {
      e.preventDefault();
      clearSelection(wb);
    } else if (ctrl && e.key.toLowerCase() === 'c') {
      // The copy event below fills the clipboard; the sink's selected text is the fallback.
      const text = copyText(wb);
      e.currentTarget.value = text;
      e.currentTarget.select();
    } else if (e.key === 'F2' || (e.key.length === 1 && !ctrl && !e.altKey)) {
      // Typing starts editing the cell in the cell bar, as in Excel; F2 edits what is there.
      e.preventDefault();
      if (e.key !== 'F2') setDraft(e.key);
      bar.current?.focus();
    }
  }

  function onPaste(e: ClipboardEvent) {
    e.preventDefault();
    pasteText(wb, e.clipboardData.getData('text/plain'));
  }

  function onCopy(e: ClipboardEvent) {
    e.preventDefault();
    e.clipboardData.setData('text/plain', copyText(wb));
  }

  /** Formats the selected cells; their values stay as they are (Excel re-reads nothing). */
  function formatSelection(format: string) {
    for (let i = 0; i < sel.rows; i++) for (let j = 0; j < sel.cols; j++) wb.setFormat(sheet, sel.top + i, sel.left + j, format);
    wb.changed();
    sink.current?.focus({ preventScroll: true });
  }

  /** Inserts rows above the selection, or deletes the selected rows, as Excel's row commands do. */
  function rowsCommand(insert: boolean) {
    wb.shiftRows(sheet, sel.top, insert ? sel.rows : -sel.rows);
    sink.current?.focus({ preventScroll: true });
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
        <Input aria-label="Cell value" size="small" style={{ flex: 1 }} value={draft} onChange={(_, d) => { setDraft(d.value); setRefused(null); }} onKeyDown={commitKey}
          input={{ ref: bar }} list={choices ? 'lotledger-cell-choices' : undefined} aria-invalid={refused ? true : undefined} />
        {/* A column's drop-down list, as Excel's data validation offers it */}
        {choices && <datalist id="lotledger-cell-choices">{choices.map((v) => <option key={v} value={v} />)}</datalist>}
        <select aria-label="Number format" value={FORMATS.includes(wb.formatOf(sheet, sel.top, sel.left)) ? wb.formatOf(sheet, sel.top, sel.left) : 'General'}
          onChange={(e) => formatSelection(e.target.value)}>
          {FORMATS.map((f) => <option key={f} value={f}>{FORMAT_NAMES[f]}</option>)}
        </select>
        <Button size="small" onClick={() => rowsCommand(true)}>Insert row</Button>
        <Button size="small" onClick={() => rowsCommand(false)}>Delete row</Button>
        {refused && <span className={styles.refused} role="alert">{refused}</span>}
      </div>
      <div className={styles.scroll} onMouseUp={() => sink.current?.focus({ preventScroll: true })}>
        <textarea ref={sink} className={styles.sink} aria-label="Sheet cells" onKeyDown={gridKey} onPaste={onPaste} onCopy={onCopy} />
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
                <th className={styles.rowHead} scope="row" onClick={() => wb.select({ sheet, top: r, left: 0, rows: 1, cols: Math.max(cols - 1, 1) })}>{r + 1}</th>
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
                      onClick={(e) => {
                        // Shift-click widens the selection from its top-left cell, as a drag would.
                        if (e.shiftKey) wb.select({ sheet, top: Math.min(sel.top, r), left: Math.min(sel.left, c), rows: Math.abs(r - sel.top) + 1, cols: Math.abs(c - sel.left) + 1 });
                        else wb.select({ sheet, top: r, left: c, rows: 1, cols: 1 });
                      }}
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
      <SheetTabs wb={wb} active={sheet} />
    </div>
  );
}
