/**
 * A lot's family tree (GET /v1/trace/genealogy) as a sheet: one row per lot, indented under the
 * lot it was made from (down) or made into (up), with the work order that joins them.
 */
import type { ReportSheet } from '../workbook/port';
import type { GenealogyAnswer, LotKey } from '../../shared/recall-answers';
import { column, pulledAt, tableSheet } from './layout';

export type Direction = 'up' | 'down';

/** One line of the tree: a lot at its depth under its parent line, and how it joins that parent. */
export interface TreeLine extends LotKey {
  depth: number;
  /** The work order joining the lot to the line above it in the tree; null for the root. */
  ref: string | null;
  date: string | null;
  /** The lot was already written, with what lies beyond it, higher in the tree. */
  repeated: boolean;
}

/** Two spaces a level: Excel keeps leading spaces in a Text cell. */
const INDENT = '  ';
/** Deeper lines indent no further (the Depth column says how deep), so a cell stays readable and within Excel's 32,767 characters. */
export const MAX_INDENT = 40;
const key = (l: LotKey): string => JSON.stringify([l.sku, l.lot]);

/**
 * The tree in reading order, depth first from the root: down follows edges from input to output,
 * up from output to input. A lot reached twice (two outputs of one input, say) is written each
 * time but expanded once, so the sheet stays finite and says where the rest is.
 * @example treeLines({ nodes: [{ sku: 'A', lot: '1', depth: 0 }], edges: [] }, { sku: 'A', lot: '1' }, 'down') // [{ sku: 'A', lot: '1', depth: 0, ref: null, date: null, repeated: false }]
 */
export function treeLines(g: GenealogyAnswer, root: LotKey, direction: Direction): TreeLine[] {
  const next = new Map<string, { lot: LotKey; ref: string; date: string }[]>();
  for (const e of g.edges) {
    const [a, b] = direction === 'down' ? [e.from, e.to] : [e.to, e.from];
    const list = next.get(key(a)) ?? [];
    list.push({ lot: b, ref: e.ref, date: e.date });
    next.set(key(a), list);
  }
  for (const list of next.values()) list.sort((x, y) => x.date.localeCompare(y.date) || x.lot.sku.localeCompare(y.lot.sku) || x.lot.lot.localeCompare(y.lot.lot));
  const lines: TreeLine[] = [];
  const expanded = new Set<string>();
  // An explicit stack: a deep chain of work orders must not overflow the call stack.
  const stack: { lot: LotKey; depth: number; ref: string | null; date: string | null }[] = [{ lot: root, depth: 0, ref: null, date: null }];
  while (stack.length > 0) {
    const at = stack.pop()!;
    const k = key(at.lot);
    const repeated = expanded.has(k);
    lines.push({ sku: at.lot.sku, lot: at.lot.lot, depth: at.depth, ref: at.ref, date: at.date, repeated });
    if (repeated) continue;
    expanded.add(k);
    const children = next.get(k) ?? [];
    for (let i = children.length - 1; i >= 0; i--) stack.push({ lot: children[i].lot, depth: at.depth + 1, ref: children[i].ref, date: children[i].date });
  }
  return lines;
}

/**
 * The genealogy sheet: the lot first, then each lot made from it (down) or that went into it (up).
 * @example genealogySheet({ nodes: [], edges: [] }, { sku: 'MIX-1', lot: 'M1' }, 'up', new Date(), false).name // 'Genealogy up MIX-1 M1'
 */
export function genealogySheet(g: GenealogyAnswer, root: LotKey, direction: Direction, now: Date, date1904: boolean): ReportSheet {
  const what = direction === 'down' ? 'every lot made from it, to any depth' : 'every lot that went into it, to any depth';
  const joined = direction === 'down' ? 'Made by work order' : 'Went in by work order';
  return tableSheet(`Genealogy ${direction} ${root.sku} ${root.lot}`, `Genealogy of ${root.sku} lot ${root.lot}: ${what} · ${pulledAt(now)}`, [
    column<TreeLine>('Tree', 'text', (l) => `${INDENT.repeat(Math.min(l.depth, MAX_INDENT))}${l.sku} ${l.lot}${l.repeated ? ' (see above)' : ''}`),
    column<TreeLine>('Depth', 'number', (l) => l.depth),
    column<TreeLine>('SKU', 'id', (l) => l.sku),
    column<TreeLine>('Lot', 'id', (l) => l.lot),
    column<TreeLine>(joined, 'id', (l) => l.ref),
    column<TreeLine>('Date', 'date', (l) => l.date),
  ], treeLines(g, root, direction), date1904);
}
