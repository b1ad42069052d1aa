/**
 * The pane states what it knows: messages beside the controls that caused them, report fields
 * that follow the selection, no stale counts once the server is out of reach or the token is
 * refused, right plurals — and a template for every sheet the pane reads, leftover marks of an
 * earlier check taken away when a sheet is reused for another kind.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openConnectedPane, startHarness, type Harness } from './pane-harness';

let h: Harness;
let page: Page;

beforeAll(async () => {
  h = await startHarness();
  page = await openConnectedPane(h);
}, 180_000);

afterAll(async () => {
  await h?.close();
});

const setValues = (sheet: string, address: string, v: (string | number)[][]) =>
  page.evaluate(([s, a, vals]) => window.lotledgerPreview!.setValues(s as string, a as string, vals as (string | number)[][]), [sheet, address, v] as const);
const select = (sheet: string, address: string) => page.evaluate(([s, a]) => window.lotledgerPreview!.select(s, a), [sheet, address]);
const field = (name: string) => page.getByLabel(name, { exact: true });
const results = () => page.getByRole('status', { name: 'Check results' });

async function checkSheet(): Promise<void> {
  await page.getByRole('button', { name: 'Check sheet' }).click();
  await results().filter({ hasNotText: 'pending' }).waitFor();
  await page.getByRole('button', { name: 'Check sheet' }).and(page.locator(':not([disabled])')).waitFor();
}

/** The element's box lies below `above` and above `below`, and inside the pane's view. */
async function between(el: ReturnType<Page['locator']>, above: ReturnType<Page['locator']>, below: ReturnType<Page['locator']>): Promise<void> {
  const [e, a, b] = await Promise.all([el.boundingBox(), above.boundingBox(), below.boundingBox()]);
  expect(e!.y).toBeGreaterThanOrEqual(a!.y + a!.height);
  expect(e!.y + e!.height).toBeLessThanOrEqual(b!.y);
  await expect(el.isVisible()).resolves.toBe(true);
  // The pane scrolls it into view on the next animation frame after it is laid out: wait for that.
  // Scrolled to the nearest edge, its box may end a fraction of a pixel past the view's.
  await expect.poll(() => el.evaluate((x) => { const r = x.getBoundingClientRect(); return r.top >= -1 && r.bottom <= window.innerHeight + 1; }),
    { timeout: 2000 }).toBe(true);
}

describe('the pane states what it knows', () => {
  it('fills the report fields from the selection as it changes, and clears them when it names no lot', async () => {
    await setValues('Sheet1', 'A1', [['Item code', 'Lot #', 'Qty', '', 'Item code', 'Serial No.'], ['VAC-10', 'FLU-A', 20, '', 'PUMP-3', 'P-001'], ['VAC-10', 'FLU-B', 10], ['', '', ''], ['Counted by Ann']]);
    await select('Sheet1', 'B2');
    await expect.poll(() => field('Lots').inputValue()).toBe('FLU-A');
    expect(await field('Item').inputValue()).toBe('VAC-10');
    await select('Sheet1', 'B2:B3');
    await expect.poll(() => field('Lots').inputValue()).toBe('FLU-A, FLU-B');
    await select('Sheet1', 'F2');
    await expect.poll(() => field('Serial').inputValue()).toBe('P-001');
    expect(await field('Lots').inputValue()).toBe('');
    await select('Sheet1', 'A5');
    await expect.poll(() => field('Item').inputValue()).toBe('');
    expect(await field('Serial').inputValue()).toBe('');
  });

  it('shows a report’s result beside the buttons that asked for it, in view', async () => {
    await field('Item').fill('VAC-10');
    await field('Lots').fill('NOPE-1');
    await page.getByRole('button', { name: 'Recall', exact: true }).click();
    const result = page.getByRole('status', { name: 'Report result' });
    await result.getByText('Report not pulled').waitFor();
    await between(result, page.getByRole('button', { name: 'Recall', exact: true }), page.getByRole('button', { name: 'Expiring lots' }));
    await page.getByRole('button', { name: 'Expiring lots' }).click();
    await page.getByRole('button', { name: 'Pull expiring lots' }).click();
    await result.getByText(/^Added sheet “Expiring 30 days”/).waitFor();
    await between(result, page.getByRole('button', { name: 'Pull expiring lots' }), page.getByRole('button', { name: 'Stock on hand' }));
  });

  it('hides the last check’s counts when the server cannot be reached or refuses the token, and says what to do', async () => {
    await setValues('Sheet1', 'H1', [['PO #', 'Item code', 'Lot #', 'Exp. date', 'Qty', 'Location'], ['PO-1', 'GLV-M', '', '', 5, 'WH1-A']]);
    await select('Sheet1', 'H2');
    await checkSheet();
    await expect(results().textContent()).resolves.toMatch(/0 errors0 warnings1 row on Sheet1$/);
    await expect(page.getByRole('button', { name: /^Post(ed\b| \d)/ }).textContent()).resolves.toBe('Post 1 row');

    await page.route('**/v1/**', (route) => route.abort('connectionrefused'));
    await page.getByRole('button', { name: 'Check sheet' }).click();
    await page.getByText('Check that the server is running', { exact: false }).waitFor();
    expect(await results().count()).toBe(0);
    expect(await page.getByText('0 errors').count()).toBe(0);

    await page.unroute('**/v1/**');
    await page.route('**/v1/**', (route) => route.fulfill({ status: 401, contentType: 'application/json', body: JSON.stringify({ error: { code: 'unauthorized', message: 'The access token is not valid (revoked?).' } }) }));
    await page.getByRole('button', { name: 'Check sheet' }).click();
    await page.getByText('connect with a valid token', { exact: false }).waitFor();
    expect(await results().count()).toBe(0);

    await page.unroute('**/v1/**');
    await checkSheet();
    await expect(results().textContent()).resolves.toContain('1 row on Sheet1');
  });

  it('says why a stored connection no longer works when the pane opens', async () => {
    await page.route('**/v1/me', (route) => route.fulfill({ status: 401, contentType: 'application/json', body: JSON.stringify({ error: { code: 'unauthorized', message: 'The access token is not valid.' } }) }));
    await page.reload();
    await page.getByText('connect with a valid token', { exact: false }).waitFor();
    await page.unroute('**/v1/me');
    await page.getByRole('button', { name: 'Connect' }).click();
    await page.getByText('Connected to').waitFor();
  });
});

describe('templates for every sheet the pane reads, and a sheet reused for another kind', () => {
  it('adds shipping, transfers, items and locations sheets, each with its hint, header and lists', async () => {
    const add = async (kind: string, label: string) => {
      await page.getByLabel('New sheet for').selectOption(kind);
      await page.getByRole('button', { name: `Add ${label} sheet` }).click();
      await page.getByRole('status', { name: 'Template result' }).filter({ hasText: `Added sheet “${label[0].toUpperCase()}${label.slice(1)}”` }).waitFor();
    };
    const header = (sheet: string) => page.evaluate((s) => window.lotledgerPreview!.getValues(s, 'A2:O2')[0].filter((v) => v !== ''), sheet);
    await add('shipping', 'shipping');
    expect(await header('Shipping')).toEqual(['Type', 'Date', 'SO #', 'Customer', 'Item code', 'Lot #', 'Serial No.', 'Qty', 'Location', 'Note']);
    expect(await page.getByLabel('Type for rows without one').inputValue()).toBe('ship');
    await add('transfers', 'transfers');
    expect(await header('Transfers')).toEqual(['Type', 'Date', 'Item code', 'Lot #', 'Serial No.', 'Qty', 'From', 'To', 'Note']);
    await select('Transfers', 'H3');
    expect(await page.locator('#lotledger-cell-choices option').count()).toBe(5);
    await add('locations', 'locations');
    expect(await header('Locations')).toEqual(['Code', 'Name', 'Business name', 'GLN', 'Phone', 'Address', 'City', 'State', 'ZIP code', 'Country']);
    await add('items', 'items');
    expect(await header('Items')).toEqual(['SKU', 'Name', 'Unit', 'Lot tracked', 'Serial tracked', 'Requires expiry', 'GTIN', 'Brand', 'Commodity', 'Variety', 'Pack size', 'Pack style']);
    expect(await page.getByLabel('This sheet holds').inputValue()).toBe('items');
    await select('Items', 'D3');
    expect(await page.locator('#lotledger-cell-choices option').evaluateAll((o) => o.map((x) => (x as HTMLOptionElement).value))).toEqual(['yes', 'no']);
    expect(String(await page.evaluate(() => window.lotledgerPreview!.getValues('Items', 'A1')[0][0]))).toMatch(/^Items: /);
  });

  it('an items check’s marks and notes are gone once the sheet is checked as receiving', async () => {
    await setValues('Items', 'A3', [['TAPE-9', 'Tape 9 cm', 'roll', 'perhaps', 'no', 'no']]);
    await select('Items', 'A3');
    await checkSheet();
    expect(await page.evaluate(() => window.lotledgerPreview!.getNote('Items', 'D3'))).toBeTruthy();
    // The pane is opened again (the workbook kept), and the clerk reuses the sheet for a receiving table.
    await page.reload();
    await page.getByText('Connected to').waitFor();
    expect(await page.evaluate(() => window.lotledgerPreview!.getNote('Items', 'D3'))).toBeTruthy();
    await setValues('Items', 'A2', [['PO #', 'Item code', 'Lot #', 'Qty', 'Location', '', ''], ['PO-7', 'GLV-M', '', 5, 'WH1-A', '', '']]);
    await select('Items', 'A3');
    await checkSheet();
    expect(await page.evaluate(() => window.lotledgerPreview!.getFill('Items', 'D3'))).toBeNull();
    expect(await page.evaluate(() => window.lotledgerPreview!.getNote('Items', 'D3'))).toBeNull();
  });
});
