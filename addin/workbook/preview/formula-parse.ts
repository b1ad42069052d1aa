/**
 * Reading a preview formula: `=LOTLEDGER.NAME(arg, …)` with arguments as Excel writes them —
 * text in double quotes ("" for a quote), numbers, TRUE/FALSE, cell references (A1, $B$2,
 * Sheet1!C3, 'My sheet'!C3) and blanks for omitted ones. Any other formula is one the preview
 * lacks: Excel shows #NAME? for a function it does not know.
 */
import { parseAddress } from '../address';

export type FormulaArg =
  | { kind: 'value'; value: string | number | boolean | undefined }
  | { kind: 'ref'; sheet: string | null; row: number; col: number };

export interface LotLedgerCall { fn: string; args: FormulaArg[] }

const CALL = /^=\s*LOTLEDGER\.([A-Z]+)\s*\((.*)\)\s*$/is;
const REF = /^(?:(?:'((?:[^']|'')+)'|([A-Za-z_][\w.]*))!)?(\$?[A-Za-z]{1,3}\$?\d{1,7})$/;

/** The arguments' texts, split at commas outside quotes. */
function splitArgs(text: string): string[] | null {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') {
      if (quoted && text[i + 1] === '"') { cur += '""'; i++; continue; }
      quoted = !quoted;
      cur += ch;
    } else if (ch === ',' && !quoted) {
      out.push(cur.trim());
      cur = '';
    } else cur += ch;
  }
  if (quoted) return null;
  out.push(cur.trim());
  return out;
}

function parseArg(t: string): FormulaArg | null {
  if (t === '') return { kind: 'value', value: undefined };
  if (/^"(?:[^"]|"")*"$/.test(t)) return { kind: 'value', value: t.slice(1, -1).replace(/""/g, '"') };
  if (/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(t)) return { kind: 'value', value: Number(t) };
  if (/^(TRUE|FALSE)$/i.test(t)) return { kind: 'value', value: t.toUpperCase() === 'TRUE' };
  const m = REF.exec(t);
  if (!m) return null;
  const { top, left } = parseAddress(m[3]);
  return { kind: 'ref', sheet: m[1]?.replace(/''/g, "'") ?? m[2] ?? null, row: top, col: left };
}

/**
 * A LOTLEDGER call, or null for a formula the preview cannot compute (shown as #NAME?).
 * @example parseLotLedgerCall('=LOTLEDGER.ONHAND(A2, "FLU-A")') // { fn: 'ONHAND', args: [{ kind: 'ref', sheet: null, row: 1, col: 0 }, { kind: 'value', value: 'FLU-A' }] }
 */
export function parseLotLedgerCall(formula: string): LotLedgerCall | null {
  const m = CALL.exec(formula);
  if (!m) return null;
  const texts = m[2].trim() === '' ? [] : splitArgs(m[2]);
  if (texts === null) return null;
  const args: FormulaArg[] = [];
  for (const t of texts) {
    const a = parseArg(t);
    if (a === null) return null;
    args.push(a);
  }
  return { fn: m[1].toUpperCase(), args };
}
