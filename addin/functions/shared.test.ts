import { afterEach, describe, expect, it } from 'vitest';
import type { LookupRequest } from '../../shared/lookup-answers';
import { PreviewWorkbook } from '../workbook/preview/workbook';
import { attachFormulas } from '../workbook/preview/formulas';
import { onLookupClientChange, setLookupClient, sharedBatcher, sharedCellFunctions } from './shared';

afterEach(() => setLookupClient(null));

const client = (asked: LookupRequest[] = []) => ({
  lookup: async (r: LookupRequest) => {
    asked.push(r);
    return { onHand: (r.onHand ?? []).map(() => ({ qty: 7, found: true })), lots: [], serials: [] };
  },
});

describe('the cell functions of the page', () => {
  it('ask through the pane\'s connection, and answer #VALUE! "not connected" without one', async () => {
    expect(await sharedCellFunctions.onHand('VAC-10')).toEqual({ error: 'value', message: expect.stringMatching(/^Not connected to LotLedger/) });
    const asked: LookupRequest[] = [];
    setLookupClient(client(asked));
    const before = sharedBatcher.requests;
    expect(await Promise.all([sharedCellFunctions.onHand('VAC-10'), sharedCellFunctions.onHand('GLV-M', 'L1')])).toEqual([7, 7]);
    expect(sharedBatcher.requests - before).toBe(1);
    expect(asked.at(-1)).toEqual({ onHand: [{ sku: 'VAC-10' }, { sku: 'GLV-M', lot: 'L1' }] });
  });

  it('compute the preview\'s formulas again when the pane connects', async () => {
    const wb = new PreviewWorkbook();
    const formulas = attachFormulas(wb, sharedCellFunctions);
    const stop = onLookupClientChange(() => formulas.recalculate());
    wb.setValues('Sheet1', 0, 0, [['=LOTLEDGER.ONHAND("VAC-10")']], { byUser: true, formulas: true });
    await new Promise((r) => setTimeout(r, 80));
    expect(wb.cell('Sheet1', 0, 0)?.value).toBe('#VALUE!');
    setLookupClient(client());
    await new Promise((r) => setTimeout(r, 80));
    expect(wb.cell('Sheet1', 0, 0)?.value).toBe(7);
    stop();
    formulas.stop();
  });
});
