/**
 * The preview workbook as a spreadsheet: driven with the keyboard and a real clipboard paste,
 * kept across a reload, sheets added and renamed, rows inserted and deleted — and the
 * leading-zero case a clerk meets there (a serial that became a number, the offer to format
 * the column as Text, a zero-padded number read as shown).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { openConnectedPane, sampleRows, startHarness, type Harness } from './pane-harness';

const WARNING_FILL = '#FFEB9C';

let h: Harness;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  h = await startHarness();
  context = await h.browser.newContext({ viewport: { width: 1360, height: 820 }, permissions: ['clipboard-read', 'clipboard-write'] });
  page = await openConnectedPane(h, { context });
}, 180_000);

afterAll(async () => {
  await context?.close();
  await h?.close();
});

const cell = (address: string) => page.locator(`[aria-label="Preview workbook"] td[data-address="${address}"]`);
const selection = () => page.evaluate(() => window.lotledgerPreview!.selection());
const values = (sheet: string, address?: string) => page.evaluate(([s, a]) => window.lotledgerPreview!.getValues(s!, a), [sheet, address] as const);
const tsv = (rows: string[][]) => rows.map((r) => r.join('\t')).join('\r\n');

/** Puts text on the real clipboard and presses Ctrl+V with `address` selected. */
async function paste(address: string, text: string): Promise<void> {
  await cell(address).click();
  await page.evaluate((t) => navigator.clipboard.writeText(t), text);
  await page.keyboard.press('Control+V');
}

async function checkSheet(): Promise<void> {
  await page.getByRole('button', { name: 'Check sheet' }).click();
  await page.getByRole('status', { name: 'Check results' }).filter({ hasNotText: 'pending' }).waitFor();
  await page.getByRole('button', { name: 'Check sheet' }).and(page.locator(':not([disabled])')).waitFor();
}

describe('the preview workbook behaves like a spreadsheet', () => {
  it('pastes tab-separated text from the clipboard at the selection, as Excel takes it', async () => {
    await paste('A1', tsv(sampleRows('receiving-packing-list.csv')));
    const got = await values('Sheet1');
    expect(got).toHaveLength(10);
    expect(got[0]).toEqual(['PO #', 'Item code', 'Description', 'Lot #', 'Exp. date', 'Qty', 'S/N', 'Location']);
    // Plain numbers became numbers, dates date serials shown as dates, the rest text.
    expect(got[1][5]).toBe(120);
    expect(typeof got[1][4]).toBe('number');
    expect(await cell('E2').textContent()).toBe('2027-08-31');
    expect(got[4][6]).toBe('P3-000981');
    expect(await selection()).toEqual({ sheet: 'Sheet1', address: 'A1:H10' });
    await cell('B2').click();
    await checkSheet();
    await page.getByText('Ready to post').waitFor();
    await expect(page.getByRole('button', { name: /^Post(ed\b| \d)/ }).textContent()).resolves.toBe('Post 9 rows');
  });

  it('moves with the arrows, Tab and Enter, and types into the selected cell', async () => {
    await cell('B2').click();
    const steps: [string, string][] = [['ArrowDown', 'B3'], ['ArrowRight', 'C3'], ['Tab', 'D3'], ['Enter', 'D4'], ['Shift+Tab', 'C4'], ['ArrowUp', 'C3'], ['ArrowLeft', 'B3']];
    for (const [key, address] of steps) {
      await page.keyboard.press(key);
      expect((await selection()).address, key).toBe(address);
    }
    await page.keyboard.press('Shift+ArrowDown');
    expect((await selection()).address).toBe('B3:B4');
    await cell('J2').click();
    await page.keyboard.type('checked by Ann');
    await page.keyboard.press('Enter');
    expect((await values('Sheet1', 'J2'))[0][0]).toBe('checked by Ann');
    expect((await selection()).address).toBe('J3');
    await page.keyboard.type('42');
    await page.keyboard.press('Tab');
    expect((await values('Sheet1', 'J3'))[0][0]).toBe(42);
    expect((await selection()).address).toBe('K3');
  });

  it('copies the selection to the clipboard with Ctrl+C, and Delete clears it', async () => {
    await cell('A2').click();
    await page.keyboard.press('Shift+ArrowRight');
    await page.keyboard.press('Shift+ArrowDown');
    await page.keyboard.press('Control+C');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('PO-24017\tVAC-10\r\nPO-24017\tVAC-10\r\n');
    await cell('J2').click();
    await page.keyboard.press('Shift+ArrowDown');
    await page.keyboard.press('Delete');
    expect(await values('Sheet1', 'J2:J3')).toEqual([[''], ['']]);
  });

  it('inserts and deletes rows, the cells below moving', async () => {
    await cell('A3').click();
    await page.getByRole('button', { name: 'Insert row' }).click();
    expect((await values('Sheet1', 'A3:B4'))).toEqual([['', ''], ['PO-24017', 'VAC-10']]);
    expect(await values('Sheet1')).toHaveLength(11);
    await page.getByRole('button', { name: 'Delete row' }).click();
    expect((await values('Sheet1', 'D3'))[0][0]).toBe('FLU2611B');
    expect(await values('Sheet1')).toHaveLength(10);
  });

  it('adds and renames sheets, and keeps the workbook across a reload', async () => {
    await page.getByRole('button', { name: 'Add sheet' }).click();
    expect(await selection()).toEqual({ sheet: 'Sheet2', address: 'A1' });
    expect(await page.evaluate(() => window.lotledgerPreview!.addSheet('Extra'))).toBe('Extra');
    expect(await page.evaluate(() => window.lotledgerPreview!.activeSheet())).toBe('Extra');
    await page.getByRole('tab', { name: 'Sheet2' }).dblclick();
    await page.getByLabel('Sheet name').fill('Returns');
    await page.getByLabel('Sheet name').press('Enter');
    expect(await page.evaluate(() => window.lotledgerPreview!.sheetNames())).toEqual(['Sheet1', 'Returns', 'Extra']);
    await page.evaluate(() => window.lotledgerPreview!.setValues('Returns', 'B2', [['RMA-7', 3]]));
    await page.evaluate(() => window.lotledgerPreview!.select('Returns', 'C2'));
    const before = await values('Sheet1');

    await page.reload();
    await page.waitForFunction(() => document.body.dataset.host === 'preview');
    expect(await page.evaluate(() => window.lotledgerPreview!.sheetNames())).toEqual(['Sheet1', 'Returns', 'Extra']);
    expect(await values('Sheet1')).toEqual(before);
    expect(await values('Returns', 'B2:C2')).toEqual([['RMA-7', 3]]);
    expect(await selection()).toEqual({ sheet: 'Returns', address: 'C2' });
    await page.getByText('Connected to').waitFor();
  });
});

describe('a serial that Excel turned into a number', () => {
  it('is a warning with a note saying how to fix it; formatting the column as Text and retyping it clears it', async () => {
    await page.evaluate(() => window.lotledgerPreview!.addSheet('Pumps'));
    await paste('A1', tsv([['PO #', 'Item code', 'Serial No.', 'Qty', 'Location'], ['PO-30001', 'PUMP-3', '000123', '1', 'WH1-B'], ['PO-30001', 'PUMP-3', 'P3-000990', '1', 'WH1-B']]));
    expect((await values('Pumps', 'C2'))[0][0]).toBe(123);
    await cell('B2').click();
    await checkSheet();
    expect(await page.evaluate(() => window.lotledgerPreview!.getFill('Pumps', 'C2'))).toBe(WARNING_FILL);
    const note = await page.evaluate(() => window.lotledgerPreview!.getNote('Pumps', 'C2'));
    expect(note).toContain('is a number, not text');
    expect(note).toContain('Format the “Serial No.” column as Text');
    await expect(page.getByRole('status', { name: 'Check results' }).textContent()).resolves.toMatch(/0 errors.*1 warning.*2 rows/);

    await page.getByRole('button', { name: 'Format “Serial No.” as Text' }).click();
    await page.getByRole('status', { name: 'Format result' }).waitFor();
    await cell('C2').click();
    await page.keyboard.type('000123');
    await page.keyboard.press('Enter');
    expect((await values('Pumps', 'C2'))[0][0]).toBe('000123');
    await page.waitForFunction(() => window.lotledgerPreview!.getFill('Pumps', 'C2') === null);
    // New rows typed below are text too: the whole column below the header was formatted.
    await cell('C4').click();
    await page.keyboard.type('000124');
    await page.keyboard.press('Enter');
    expect((await values('Pumps', 'C4'))[0][0]).toBe('000124');
  });

  it('a number shown as 000125 by its zero-padded format is read, and posted, as shown', async () => {
    await page.evaluate(() => window.lotledgerPreview!.addSheet('Padded'));
    await paste('A1', tsv([['PO #', 'Item code', 'Serial No.', 'Qty', 'Location'], ['PO-30002', 'PUMP-3', '125', '1', 'WH1-B']]));
    await cell('C2').click();
    await page.getByLabel('Number format').selectOption('000000');
    expect(await cell('C2').textContent()).toBe('000125');
    expect((await values('Padded', 'C2'))[0][0]).toBe(125);
    await checkSheet();
    expect(await page.evaluate(() => window.lotledgerPreview!.getFill('Padded', 'C2'))).toBeNull();
    await page.getByRole('button', { name: 'Post 1 row' }).click();
    await page.getByText(/Posted as batch/).waitFor();
    const serial = await h.api('GET', '/v1/trace/serial?serial=000125');
    expect(serial.status).toBe(200);
    expect(JSON.stringify(serial.json)).toContain('"000125"');
  });
});
