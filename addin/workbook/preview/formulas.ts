/**
 * LOTLEDGER formulas in the preview workbook, computed by the same cell functions Excel calls
 * (and through the same batcher): a formula shows #BUSY! until its answer comes, then the
 * value, a date with its format, or #N/A / #VALUE! with the message. Formulas whose cells
 * the user changes are computed again; any other formula shows #NAME?, as in Excel.
 */
import type { CellValue, Region } from '../port';
import { isCellError, type CellAnswer, type CellFunctions } from '../../functions/cell-functions';
import { parseLotLedgerCall, type FormulaArg } from './formula-parse';
import type { PreviewWorkbook } from './workbook';

type Fn = (...args: unknown[]) => Promise<CellAnswer>;

/** Each function with its fewest and most arguments. */
const FUNCTIONS: Record<string, { min: number; max: number; call: (f: CellFunctions) => Fn }> = {
  ONHAND: { min: 1, max: 3, call: (f) => f.onHand as Fn },
  EXPIRY: { min: 2, max: 2, call: (f) => f.expiry as Fn },
  SERIAL: { min: 1, max: 2, call: (f) => f.serial as Fn },
  HELD: { min: 2, max: 2, call: (f) => f.held as Fn },
};

const ERROR_TEXT = { notAvailable: '#N/A', value: '#VALUE!' } as const;

const refersTo = (a: FormulaArg, sheet: string, region: Region) =>
  a.kind === 'ref' && (a.sheet ?? sheet) === region.sheet
  && a.row >= region.top && a.row < region.top + region.rows && a.col >= region.left && a.col < region.left + region.cols;

/**
 * Computes the workbook's LOTLEDGER formulas with `fns`; answers `recalculate` (every formula
 * again, as Excel's full calculation) and `stop`.
 */
export function attachFormulas(wb: PreviewWorkbook, fns: CellFunctions): { recalculate: () => void; stop: () => void } {
  // Each computation's turn per cell: an answer that comes after the cell changed is dropped.
  const turns = new Map<string, number>();
  let turn = 0;

  function compute(sheet: string, row: number, col: number): void {
    const cell = wb.cell(sheet, row, col);
    const formula = cell?.formula;
    if (!formula) return;
    const call = parseLotLedgerCall(formula);
    const fn = call && FUNCTIONS[call.fn];
    if (!call || !fn) return wb.setComputed(sheet, row, col, '#NAME?');
    if (call.args.length < fn.min || call.args.length > fn.max) {
      return wb.setComputed(sheet, row, col, '#VALUE!', { error: `LOTLEDGER.${call.fn} takes ${fn.min === fn.max ? fn.min : `${fn.min} to ${fn.max}`} arguments.` });
    }
    const args: unknown[] = [];
    for (const a of call.args) {
      if (a.kind === 'value') { args.push(a.value); continue; }
      const on = a.sheet ?? sheet;
      if (!wb.sheets.some((s) => s.name === on)) return wb.setComputed(sheet, row, col, '#REF!', { error: `There is no sheet named ${on}.` });
      args.push(wb.cell(on, a.row, a.col)?.value ?? '');
    }
    const key = `${sheet}\u0000${row},${col}`;
    const mine = ++turn;
    turns.set(key, mine);
    wb.setComputed(sheet, row, col, '#BUSY!');
    void fn.call(fns)(...args).then((answer) => {
      if (turns.get(key) !== mine || wb.cell(sheet, row, col)?.formula !== formula) return;
      turns.delete(key);
      wb.setComputed(sheet, row, col, ...shown(answer));
    });
  }

  wb.calculate = (sheet, cells) => cells.forEach((c) => compute(sheet, c.row, c.col));
  // A changed cell that formulas refer to: those formulas again (formulas in the edit itself were just computed).
  const stop = wb.onEdit((region) => {
    for (const s of wb.sheets) {
      for (const [k, cell] of s.cells) {
        if (!cell.formula) continue;
        const [row, col] = k.split(',').map(Number);
        const inEdit = s.name === region.sheet && row >= region.top && row < region.top + region.rows && col >= region.left && col < region.left + region.cols;
        const call = parseLotLedgerCall(cell.formula);
        if (!inEdit && call?.args.some((a) => refersTo(a, s.name, region))) compute(s.name, row, col);
      }
    }
  });
  return {
    recalculate() {
      for (const s of wb.sheets) for (const [k, cell] of s.cells) if (cell.formula) compute(s.name, ...(k.split(',').map(Number) as [number, number]));
    },
    stop() {
      stop();
      wb.calculate = undefined;
    },
  };
}

/** A cell answer as the cell shows it: value, and the error message or date format. */
function shown(a: CellAnswer): [CellValue, { error?: string; format?: string }] {
  if (isCellError(a)) return [ERROR_TEXT[a.error], { error: a.message }];
  if (typeof a === 'object') return [a.serial, { format: a.format }];
  return [a, {}];
}
