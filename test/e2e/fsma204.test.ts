/**
 * The FDA records request end to end in the pane (issue 17): a food distributor describes its
 * parties, items and locations on the pane's sheets, receives romaine by a GS1 Digital Link
 * scan with its TLC source, ships to a customer it never described, and pulls the FSMA 204
 * record: a sortable table, the explanation of its columns, and the customer's missing phone
 * and address marked in their cells with notes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { FSMA204_COLUMNS } from '../../shared/fsma204';
import { todayUtc } from '../../shared/dates';
import { cellAddress } from '../../addin/workbook/address';
import { openConnectedPane, startHarness, type Harness } from './pane-harness';

const WARNING_FILL = '#FFEB9C';
const GTIN = '00614141000012';
const FARM_GLN = '0614141000012';

let h: Harness;
let page: Page;

beforeAll(async () => {
  h = await startHarness();
  page = await openConnectedPane(h);
}, 180_000);

afterAll(async () => {
  await h?.close();
});

const activeSheet = () => page.evaluate(() => window.lotledgerPreview!.activeSheet());
const fillOf = (sheet: string, address: string) => page.evaluate(([s, a]) => window.lotledgerPreview!.getFill(s, a), [sheet, address]);
const noteOf = (sheet: string, address: string) => page.evaluate(([s, a]) => window.lotledgerPreview!.getNote(s, a), [sheet, address]);

/** Adds a template sheet, types rows under its header, checks it and posts (or saves) it. */
async function sheetFromTemplate(label: string, rows: (string | number)[][], post: string, done: string | RegExp): Promise<string> {
  await page.getByLabel('New sheet for').selectOption({ label });
  await page.getByRole('button', { name: `Add ${label.toLowerCase()} sheet` }).click();
  await page.getByText(`Added sheet “${label}”`).waitFor();
  await page.evaluate((rs) => {
    const p = window.lotledgerPreview!;
    p.setValues(p.activeSheet(), 'A3', rs);
    p.select(p.activeSheet(), 'A3');
  }, rows);
  await page.getByRole('button', { name: 'Check sheet' }).click();
  await page.getByRole('status', { name: 'Check results' }).filter({ hasNotText: 'pending' }).waitFor();
  const button = page.getByRole('button', { name: post, exact: true });
  await button.and(page.locator(':not([disabled])')).waitFor();
  await button.click();
  await page.getByText(done).first().waitFor();
  return label;
}

describe('the FSMA 204 record of a food distributor, from the pane', () => {
  it('describes parties, items and locations on sheets, receives by a Digital Link scan, ships, and pulls the record with the gaps marked', async () => {
    await sheetFromTemplate('Parties', [
      ['Green Farm', 'farm', '', FARM_GLN, '+1 831 555 0100', '1 Field Rd', 'Salinas', 'CA', '93901', 'US'],
    ], 'Post 1 party', 'Saved 1 party');
    expect((await h.api('GET', '/v1/parties')).json.parties).toEqual([expect.objectContaining({ name: 'Green Farm', kind: 'supplier', gln: FARM_GLN, postalCode: '93901' })]);

    await sheetFromTemplate('Items', [
      ['ROM-1', 'Romaine hearts', 'case', 'yes', 'no', 'no', GTIN, 'Green', 'Romaine lettuce', 'Heart', '3 ct', 'bag'],
    ], 'Post 1 item', 'Saved 1 item');
    expect((await h.api('GET', '/v1/items')).json.items.find((i: { sku: string }) => i.sku === 'ROM-1'))
      .toMatchObject({ unit: 'CS', gtin: GTIN, commodity: 'Romaine lettuce', packStyle: 'bag' });

    await sheetFromTemplate('Locations', [
      ['COOLER-1', 'Cooler 1', 'Fresh Foods Distribution', '', '+1 408 555 0199', '9 Dock St', 'San Jose', 'CA', '95112', 'US'],
    ], 'Post 1 location', 'Saved 1 location');

    const today = todayUtc();
    // Receiving: the lot and item come from the QR code's Digital Link; the TLC source is the farm.
    await sheetFromTemplate('Receiving', [
      ['receive', today, 'PO-77', 'Green Farm', '', '', '', '', 40, 'COOLER-1', `https://id.gs1.org/01/${GTIN}/10/ROM-2611`, 'Green Farm', '', '', ''],
    ], 'Post 1 row', /Posted as batch/);
    await sheetFromTemplate('Shipping', [
      ['ship', today, 'SO-9', 'Bistro 9', 'ROM-1', 'ROM-2611', '', 10, 'COOLER-1', ''],
    ], 'Post 1 row', /Posted as batch/);

    await page.getByRole('button', { name: 'FSMA 204 (FDA records request)' }).click();
    const button = page.getByRole('button', { name: 'FSMA 204 record', exact: true });
    await button.click();
    await page.getByText(/^Added sheet “FSMA 204/).waitFor();
    const name = await activeSheet();
    expect(name).toMatch(/^FSMA 204 \d{4}-\d\d-\d\d \d{4}-\d\d-\d\d$/);
    expect(await page.getByLabel('Report result').textContent()).toContain('2 records; 6 missing key data elements marked in yellow, each with a note.');

    const cells = await page.evaluate((s) => window.lotledgerPreview!.getValues(s), name);
    const headers = FSMA204_COLUMNS.map((c) => c.header);
    expect(cells[2].slice(0, headers.length)).toEqual(headers);
    const at = (row: number, key: string) => cells[row][FSMA204_COLUMNS.findIndex((c) => c.key === key)];
    // The sortable spreadsheet: one Excel table over the header and both records.
    const tables = await page.evaluate((s) => window.lotledgerPreview!.tables(s), name);
    expect(tables[0]).toEqual({ address: `A3:AN5`, columns: headers });
    // Receiving, read from the scan, fully described: nothing missing.
    expect([at(3, 'cte'), at(3, 'tlc'), at(3, 'sku'), at(3, 'qty'), at(3, 'unit'), at(3, 'commodity')]).toEqual(['receiving', 'ROM-2611', 'ROM-1', 40, 'CS', 'Romaine lettuce']);
    expect([at(3, 'partnerName'), at(3, 'partnerCity'), at(3, 'locationName'), at(3, 'tlcSourceName'), at(3, 'tlcSourceRef'), at(3, 'refType'), at(3, 'ref')])
      .toEqual(['Green Farm', 'Salinas', 'Fresh Foods Distribution', 'Green Farm', FARM_GLN, 'PO', 'PO-77']);
    expect(at(3, 'missing')).toBe('');
    // Shipping to the undescribed customer: its phone and address are blank, marked, and named.
    expect([at(4, 'cte'), at(4, 'partnerName'), at(4, 'refType'), at(4, 'ref')]).toEqual(['shipping', 'Bistro 9', 'BOL', 'SO-9']);
    expect(at(4, 'missing')).toBe(['phone', 'street address', 'city', 'state or region', 'ZIP or postal code', 'country'].map((w) => `Previous source or recipient ${w}`).join('; '));
    for (const [key, words] of [['partnerPhone', 'Previous source or recipient phone'], ['partnerAddress', 'Previous source or recipient street address']]) {
      const col = FSMA204_COLUMNS.findIndex((c) => c.key === key);
      expect(at(4, key)).toBe('');
      expect(await fillOf(name, cellAddress(4, col))).toBe(WARNING_FILL);
      expect(await noteOf(name, cellAddress(4, col))).toContain(`Missing key data element: ${words}`);
    }
    // The farm is described: the receiving row's partner cells carry no mark.
    const phone = FSMA204_COLUMNS.findIndex((c) => c.key === 'partnerPhone');
    expect([await fillOf(name, cellAddress(3, phone)), await noteOf(name, cellAddress(3, phone))]).toEqual([null, null]);
    // The explanation block below the table: every column, then the coding systems.
    const explained = cells.findIndex((r) => r[0] === 'What each column means');
    expect(explained).toBeGreaterThan(5);
    expect(cells[explained + 1].slice(0, 2)).toEqual(['Column', 'What it holds']);
    expect(cells.slice(explained + 2, explained + 2 + headers.length).map((r) => r[0])).toEqual(headers);
    expect(tables[1].columns).toEqual(['Column', 'What it holds']);
    expect(cells.map((r) => r[0]).join('\n')).toMatch(/Coding systems used\nCritical tracking events: .*\nDates: .*\nUnits of measure: UN\/ECE/);
  });

  it('EPCIS export saves the same events as an EPCIS 2.0 document, a file the browser downloads', async () => {
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'EPCIS export', exact: true }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^lotledger-epcis-\d{4}-\d\d-\d\d-to-\d{4}-\d\d-\d\d\.jsonld$/);
    const doc = JSON.parse(readFileSync(await file.path(), 'utf8'));
    expect(doc.type).toBe('EPCISDocument');
    expect(doc.epcisBody.eventList.map((e: { bizStep: string }) => e.bizStep)).toEqual(['receiving', 'shipping']);
    expect(doc.epcisBody.eventList[0].quantityList[0]).toMatchObject({ epcClass: `https://id.gs1.org/01/${GTIN}/10/ROM-2611`, quantity: 40, uom: 'CS' });
    await page.getByRole('status', { name: 'EPCIS result' }).filter({ hasText: '2 EPCIS events' }).waitFor();
  });
});
