import { describe, expect, it } from 'vitest';
import type { LookupAnswer, LookupRequest } from '../../../shared/lookup-answers';
import { LookupBatcher } from '../../functions/batcher';
import { cellFunctions } from '../../functions/cell-functions';
import { previewApi } from './api';
import { parseLotLedgerCall } from './formula-parse';
import { attachFormulas } from './formulas';
import { PreviewWorkbook } from './workbook';

/** A preview workbook computing formulas against a server that knows VAC-10 (70 on hand, lot FLU-A 66, expiring 2026-12-31). */
function setup() {
  const requests: LookupRequest[] = [];
  const send = async (r: LookupRequest): Promise<LookupAnswer> => {
    requests.push(r);
    return {
      onHand: (r.onHand ?? []).map((k) => (k.sku === 'VAC-10' ? { qty: k.lot === 'FLU-A' ? 66 : 70, found: true } : { qty: 0, found: false })),
      lots: (r.lots ?? []).map((k) => (k.lot === 'FLU-A' ? { expiry: '2026-12-31', held: false, onHand: 66, found: true } : { expiry: null, held: false, onHand: 0, found: false })),
      serials: [],
    };
  };
  const wb = new PreviewWorkbook();
  attachFormulas(wb, cellFunctions(new LookupBatcher(send, 0), () => wb.date1904));
  return { wb, api: previewApi(wb), requests };
}

const settled = () => new Promise((r) => setTimeout(r, 5));

describe('LOTLEDGER formulas in the preview workbook', () => {
  it('shows #BUSY! until computed, then the values of a column of formulas asked in one request', async () => {
    const { api, requests } = setup();
    api.setValues('Sheet1', 'A1', [['VAC-10', 'FLU-A'], ['NOPE', '']]);
    const formulas = Array.from({ length: 300 }, (_, i) => [i % 2 ? '=LOTLEDGER.ONHAND(A1, B1)' : '=LOTLEDGER.ONHAND("VAC-10")']);
    api.setValues('Sheet1', 'C1', formulas);
    expect(api.getValues('Sheet1', 'C1:C2')).toEqual([['#BUSY!'], ['#BUSY!']]);
    await settled();
    expect(requests).toHaveLength(1);
    expect(api.getValues('Sheet1', 'C1:C3')).toEqual([[70], [66], [70]]);
    expect(api.getFormulas('Sheet1', 'A1:C2')).toEqual([['VAC-10', 'FLU-A', '=LOTLEDGER.ONHAND("VAC-10")'], ['NOPE', '', '=LOTLEDGER.ONHAND(A1, B1)']]);
  });

  it('answers #N/A for what the ledger does not know, a date with its format, #NAME? for other formulas', async () => {
    const { api, wb } = setup();
    api.setValues('Sheet1', 'A1', [['=LOTLEDGER.ONHAND("NOPE")', '=LOTLEDGER.EXPIRY("VAC-10", "FLU-A")', '=SUM(1,2)', '=LOTLEDGER.STOCK("x")', '=LOTLEDGER.HELD("VAC-10")']]);
    expect(api.getValues('Sheet1', 'C1:D1')).toEqual([['#NAME?', '#NAME?']]);
    await settled();
    expect(api.getValues('Sheet1', 'A1:B1')).toEqual([['#N/A', 46387]]);
    expect(wb.cell('Sheet1', 0, 0)?.error).toBe('NOPE is not in the ledger.');
    expect(wb.text('Sheet1', 0, 1)).toBe('2026-12-31');
    expect(api.getValues('Sheet1', 'E1')).toEqual([['#VALUE!']]);
  });

  it('computes a formula again when a cell it refers to changes, and drops an answer to a formula replaced meanwhile', async () => {
    const { api, requests } = setup();
    api.setValues('Sheet1', 'A1', [['NOPE', '=LOTLEDGER.ONHAND(A1)']]);
    await settled();
    expect(api.getValues('Sheet1', 'B1')).toEqual([['#N/A']]);
    api.setValues('Sheet1', 'A1', [['VAC-10']]);
    await settled();
    expect(api.getValues('Sheet1', 'B1')).toEqual([[70]]);
    api.setValues('Sheet1', 'C1', [['=LOTLEDGER.ONHAND("VAC-10")']]);
    api.setValues('Sheet1', 'C1', [['plain text']]);
    await settled();
    expect(api.getValues('Sheet1', 'C1')).toEqual([['plain text']]);
    expect(requests.length).toBe(3);
  });
});

describe('reading a LOTLEDGER formula', () => {
  it('takes quoted text, numbers, blanks, booleans and references to this or another sheet', () => {
    expect(parseLotLedgerCall(`=lotledger.onhand("A ""B"", C", 12, , TRUE, $B$3, 'My sheet'!C2)`)).toEqual({
      fn: 'ONHAND',
      args: [
        { kind: 'value', value: 'A "B", C' }, { kind: 'value', value: 12 }, { kind: 'value', value: undefined }, { kind: 'value', value: true },
        { kind: 'ref', sheet: null, row: 2, col: 1 }, { kind: 'ref', sheet: 'My sheet', row: 1, col: 2 },
      ],
    });
  });

  it('refuses what is not a LOTLEDGER call it can compute', () => {
    for (const f of ['=SUM(A1)', '=LOTLEDGER.ONHAND(A1+1)', '=LOTLEDGER.ONHAND("open)', 'LOTLEDGER.ONHAND("x")']) expect(parseLotLedgerCall(f), f).toBeNull();
  });
});
