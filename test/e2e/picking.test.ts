import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { addDays, isoToExcelSerial, todayUtc } from '../../shared/dates';
import { openConnectedPane, startHarness, type Harness } from './pane-harness';

const ERROR_FILL = '#FFC7CE';
const d = (n: number) => addDays(todayUtc(), n);
const GTIN = '09506000134352'; // VAC-10's, in the sample item master

let h: Harness;
let page: Page;

beforeAll(async () => {
  h = await startHarness();
  const r = await h.api('POST', '/v1/batches', {
    rows: [
      { type: 'receive', date: d(-20), sku: 'VAC-10', lot: 'FLU-NEW', expiry: d(200), qty: 50, to: 'COLD-1', party: 'Acme Pharma', ref: 'PO-1' },
      { type: 'receive', date: d(-20), sku: 'VAC-10', lot: 'FLU-OLD', expiry: d(30), qty: 10, to: 'COLD-1', party: 'Acme Pharma', ref: 'PO-1' },
      { type: 'receive', date: d(-20), sku: 'PUMP-3', serial: 'P-001', to: 'WH1-B', ref: 'PO-2' },
      { type: 'receive', date: d(-20), sku: 'PUMP-3', serial: 'P-002', to: 'WH1-A', ref: 'PO-2' },
    ],
  });
  if (r.status !== 201) throw new Error(JSON.stringify(r.json));
  page = await openConnectedPane(h, { height: 900 });
}, 180_000);

afterAll(async () => {
  await h?.close();
});

const preview = {
  values: (sheet: string) => page.evaluate((s) => window.lotledgerPreview!.getValues(s), sheet),
  set: (sheet: string, address: string, v: (string | number)[][]) =>
    page.evaluate(([s, a, vals]) => window.lotledgerPreview!.setValues(s as string, a as string, vals as (string | number)[][]), [sheet, address, v] as const),
  select: (sheet: string, address: string) => page.evaluate(([s, a]) => window.lotledgerPreview!.select(s, a), [sheet, address]),
  fill: (sheet: string, address: string) => page.evaluate(([s, a]) => window.lotledgerPreview!.getFill(s, a), [sheet, address]),
  note: (sheet: string, address: string) => page.evaluate(([s, a]) => window.lotledgerPreview!.getNote(s, a), [sheet, address]),
};

/** Presses a Picking button and waits for its notice. */
async function press(button: string, notice: RegExp): Promise<void> {
  await page.getByRole('button', { name: button, exact: true }).click();
  await page.getByText(notice).waitFor({ timeout: 30_000 });
  await page.getByRole('button', { name: button, exact: true }).and(page.locator(':not([disabled])')).waitFor();
}

/** The rows of the table under a heading in column A (header first), up to the blank row after it. */
function part(cells: unknown[][], heading: string): unknown[][] {
  const at = cells.findIndex((r) => r[0] === heading);
  expect(at, `heading ${heading}`).toBeGreaterThan(0);
  const rows: unknown[][] = [];
  for (let i = at + 1; i < cells.length && cells[i].some((c) => c !== ''); i++) rows.push(cells[i].slice(0, 10));
  return rows;
}

describe('picking from an order sheet, in a browser against a real server', () => {
  it('order sheet → pick list → scans, one wrong and fixed → shipment posted → the lot trace shows it to the customer with the order', async () => {
    await press('Add order sheet', /^Added sheet “Orders”/);
    // A hint line, the header, then the order lines.
    await preview.set('Orders', 'A3', [['SO-7', 'Clinic North', 'VAC-10', 12], ['SO-7', 'Clinic North', 'PUMP-3', 1], ['SO-8', 'Clinic South', 'PUMP-3', 3]]);
    await preview.select('Orders', 'A3');
    await press('Make pick list', /^Added sheet “Pick list”/);

    const cells = await preview.values('Pick list');
    expect(String(cells[0][0])).toMatch(/^Pick list of 3 order lines, first expiry first out · pulled /);
    // Shortages at the top; then the walk: the cold room, then aisle A, then aisle B.
    expect(part(cells, 'Short: not enough stock to pick')).toEqual([
      ['Order', 'Customer', 'SKU', 'Ordered', 'Short', '', '', '', '', ''], ['SO-8', 'Clinic South', 'PUMP-3', 3, 2, '', '', '', '', ''],
    ]);
    const picks = part(cells, 'Picks, in walking order');
    expect(picks).toEqual([
      ['Order', 'Customer', 'SKU', 'Lot', 'Serial', 'Location', 'Qty', 'Expiry', 'Scan', 'Picked'],
      ['SO-7', 'Clinic North', 'VAC-10', 'FLU-OLD', '', 'COLD-1', 10, isoToExcelSerial(d(30), false), '', ''],
      ['SO-7', 'Clinic North', 'VAC-10', 'FLU-NEW', '', 'COLD-1', 2, isoToExcelSerial(d(200), false), '', ''],
      ['SO-7', 'Clinic North', 'PUMP-3', '', 'P-002', 'WH1-A', 1, '', '', ''],
      ['SO-8', 'Clinic South', 'PUMP-3', '', 'P-001', 'WH1-B', 1, '', '', ''],
    ]);
    const top = cells.findIndex((r) => r[0] === 'Picks, in walking order') + 3; // the first pick's sheet row, 1-based
    const scan = (n: number) => `I${top + n}`;

    // The picker scans each label; the second is the wrong lot. The pump has no GTIN to scan: its Picked is typed.
    await preview.set('Pick list', scan(0), [[`(01)${GTIN}(10)FLU-OLD`], [`(01)${GTIN}(10)FLU-OLD`]]);
    await preview.set('Pick list', `J${top + 2}`, [[1]]);
    await press('Check scans', /^1 scan wrong/);
    expect(await preview.fill('Pick list', scan(1))).toBe(ERROR_FILL);
    expect(await preview.note('Pick list', scan(1))).toContain('lot FLU-OLD; this row picks lot FLU-NEW');
    expect(await preview.fill('Pick list', scan(0))).toBeNull();
    // A good scan fills in Picked with the row's quantity.
    expect((await preview.values('Pick list')).slice(top - 1, top + 3).map((r) => r[9])).toEqual(['10', '', 1, '']);

    // Posting is refused while a scan is wrong; fixed, the picked rows post as shipments.
    await press('Post shipment', /^1 scan wrong/);
    await preview.set('Pick list', scan(1), [[`(01)${GTIN}(17)${d(200).slice(2).replace(/-/g, '')}(10)FLU-NEW`]]);
    await press('Post shipment', /^Shipment posted as batch /);
    expect(await preview.fill('Pick list', scan(1))).toBeNull();
    expect((await preview.values('Shipment')).slice(2).map((r) => r.slice(0, 9))).toEqual([
      ['ship', todayUtc(), 'SO-7', 'Clinic North', 'VAC-10', 'FLU-OLD', '', 'COLD-1', '10'],
      ['ship', todayUtc(), 'SO-7', 'Clinic North', 'VAC-10', 'FLU-NEW', '', 'COLD-1', '2'],
      ['ship', todayUtc(), 'SO-7', 'Clinic North', 'PUMP-3', '', 'P-002', 'WH1-A', '1'],
    ]);

    // The lot trace, pulled in the pane, shows the shipment to the customer with the order.
    await page.getByLabel('Item', { exact: true }).fill('VAC-10');
    await page.getByLabel('Lots', { exact: true }).fill('FLU-NEW');
    await page.getByRole('button', { name: 'Trace lot', exact: true }).click();
    await page.getByText(/^Added sheet “Trace VAC-10 FLU-NEW”/).waitFor();
    const trace = await preview.values('Trace VAC-10 FLU-NEW');
    expect(part(trace, 'Where it went')[1].slice(0, 5)).toEqual([isoToExcelSerial(todayUtc(), false), 'Clinic North', 'SO-7', 2, 'COLD-1']);
    const serial = await h.api('GET', '/v1/trace/serial?serial=P-002');
    expect(serial.json.unit).toMatchObject({ state: 'shipped', party: 'Clinic North' });
  }, 120_000);
});
