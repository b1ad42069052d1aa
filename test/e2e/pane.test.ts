import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { ADMIN_TOKEN, pasted, repoRoot, sampleRows, startHarness, type Harness } from './pane-harness';

const ERROR_FILL = '#FFC7CE';
const SHEET = 'Sheet1';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

/** Pictures for docs/, taken when asked (`npm run screenshots`), so a test run leaves the tree clean. */
async function screenshot(page: Page, name: string): Promise<void> {
  if (!process.env.LOTLEDGER_SCREENSHOTS) return;
  await page.waitForTimeout(300); // let Fluent's button transitions settle
  await page.screenshot({ path: path.join(repoRoot, 'docs', name) });
}

/** Opens the pane in the preview and connects with the admin token, as a clerk would. */
async function openPane(): Promise<Page> {
  const page = await h.browser.newPage({ viewport: { width: 1360, height: 820 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${h.server.url}/taskpane.html`);
  await page.waitForFunction(() => document.body.dataset.host === 'preview');
  expect(errors).toEqual([]);
  await page.getByLabel('Access token').fill(ADMIN_TOKEN);
  await page.getByRole('button', { name: 'Connect' }).click();
  await page.getByText('Connected to').waitFor();
  return page;
}

const fill = (page: Page, address: string) => page.evaluate(([s, a]) => window.lotledgerPreview!.getFill(s, a), [SHEET, address]);
const values = (page: Page) => page.evaluate((s) => window.lotledgerPreview!.getValues(s), SHEET);
const setValues = (page: Page, address: string, v: (string | number)[][]) =>
  page.evaluate(([s, a, vals]) => window.lotledgerPreview!.setValues(s as string, a as string, vals as (string | number)[][]), [SHEET, address, v] as const);

/** Presses Check sheet and waits until the ledger's dry run has answered too. */
async function checkSheet(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Check sheet' }).click();
  await page.getByRole('status', { name: 'Check results' }).filter({ hasNotText: 'pending' }).waitFor();
  await page.getByRole('button', { name: 'Check sheet' }).and(page.locator(':not([disabled])')).waitFor();
}

// The mistakes of receiving-messy.csv, each with the cell the clerk must fix and the words that say why.
const MESSY = [
  ['C3', 'Lot is required'],
  ['D4', 'expiry 2027-10-31'],
  ['D5', 'Expiry is required'],
  ['E6', 'serial-tracked'],
  ['F8', 'already received by an earlier row'],
  ['F9', 'space inside'],
  ['B10', 'PUMP-9'],
  ['E11', '-5'],
  ['G12', 'WH7'],
  ['A13', 'PO number is required'],
  ['D14', '2027-02-30'],
] as const;

describe('the task pane in a browser, against a real server', () => {
  let page: Page;

  it('marks every bad cell of a messy receiving sheet, and explains it, before anything is saved', async () => {
    page = await openPane();
    const sheet = pasted(sampleRows('receiving-messy.csv'));
    await setValues(page, 'A1', sheet);
    await page.evaluate((s) => window.lotledgerPreview!.select(s, 'B2'), SHEET);
    await checkSheet(page);

    const marked = new Map<string, string>(MESSY.map(([a]) => [a, ERROR_FILL]));
    for (let r = 2; r <= 14; r++) {
      for (const c of 'ABCDEFGH') {
        expect.soft(await fill(page, `${c}${r}`), `${c}${r}`).toBe(marked.get(`${c}${r}`) ?? null);
      }
    }
    const list = page.getByRole('list', { name: 'Problems' });
    for (const [address, words] of MESSY) {
      await expect.soft(list.getByRole('button', { name: new RegExp(`^${address}: error: .*${words.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&')}`) }).count()).resolves.toBe(1);
      expect(await page.evaluate(([s, a]) => window.lotledgerPreview!.getNote(s, a), [SHEET, address])).toContain(words);
    }
    await expect(page.getByRole('status', { name: 'Check results' }).textContent()).resolves.toContain('11 errors');

    const after = await values(page);
    expect(after[0][8]).toBe('Status');
    expect(after.slice(1).map((r) => r[8])).toEqual(expect.arrayContaining(['OK']));
    expect(after[2][8]).toContain('Lot is required');
    // The Note column is the clerk's: read, never overwritten.
    expect(after.map((r) => r[7])).toEqual(sheet.map((r) => r[7]));
    expect(await page.getByRole('button', { name: /^Post(ed\b| \d)/ }).isDisabled()).toBe(true);
    expect((await h.api('GET', '/v1/batches')).json.batches).toEqual([]);
    await screenshot(page, 'pane-checked.png');
  });

  it('remembers the connection when the pane is opened again', async () => {
    const other = await h.browser.newContext();
    const stranger = await other.newPage();
    await page.reload();
    await page.getByText('Connected to').waitFor();
    await page.evaluate((v) => window.lotledgerPreview!.setValues('Sheet1', 'A1', v), pasted(sampleRows('receiving-messy.csv')));
    await page.evaluate(() => window.lotledgerPreview!.select('Sheet1', 'B2'));
    await checkSheet(page);
    await stranger.goto(`${h.server.url}/taskpane.html`);
    await stranger.getByLabel('Access token').fill('not-a-token');
    await stranger.getByRole('button', { name: 'Connect' }).click();
    // the server's reason is shown under the field
    await stranger.locator('[role="alert"], .fui-Field__validationMessage').first().waitFor();
    expect(await stranger.getByText('Connected to').count()).toBe(0);
    await other.close();
  });

  it('clicking a problem selects its cell', async () => {
    await page.getByRole('button', { name: /^G12: error/ }).click();
    await expect(page.locator('[aria-label="Preview workbook"] span').first().textContent()).resolves.toBe('G12');
  });

  it('re-checks a row as soon as a cell is edited, and clears the mark once it is right', async () => {
    await setValues(page, 'G12', [['WH1-A']]);
    await page.waitForFunction(([s]) => window.lotledgerPreview!.getFill(s, 'G12') === null, [SHEET]);
    expect((await values(page))[11][8]).toBe('OK');
    await setValues(page, 'E11', [[-6]]);
    await page.waitForFunction(([s]) => (window.lotledgerPreview!.getValues(s, 'I11')[0][0] as string).includes('-6'), [SHEET]);
    expect(await fill(page, 'E11')).toBe(ERROR_FILL);
  });

  it('posts the fixed sheet once, writes the batch id into the Status column, and the stock is in the ledger', async () => {
    await setValues(page, 'C3', [['FLU2612B']]);
    await setValues(page, 'D4', [['2027-10-31']]);
    await setValues(page, 'D5', [['2028-01-31']]);
    await setValues(page, 'E6', [[1]]);
    await setValues(page, 'F8', [['P3-001004']]);
    await setValues(page, 'F9', [['P3-001003']]);
    await setValues(page, 'B10', [['PUMP-3']]);
    await setValues(page, 'E11', [[5]]);
    await setValues(page, 'A13', [['PO-24022']]);
    await setValues(page, 'D14', [['2027-02-28']]);
    await checkSheet(page);
    expect(await page.getByRole('status', { name: 'Check results' }).textContent()).toContain('0 errors');
    for (const [address] of MESSY) expect(await fill(page, address), address).toBeNull();

    // The first attempt loses its answer on the way back; pressing Post again must not post twice.
    const keys: string[] = [];
    let dropped = false;
    await page.route('**/v1/batches', async (route) => {
      const body = route.request().postDataJSON();
      if (body?.dryRun) return route.continue();
      keys.push(route.request().headers()['idempotency-key']);
      const response = await route.fetch();
      if (!dropped) {
        dropped = true;
        return route.abort('connectionreset');
      }
      return route.fulfill({ response });
    });
    const post = page.getByRole('button', { name: /^Post(ed\b| \d)/ });
    await expect(post.textContent()).resolves.toBe('Post 13 rows');
    await post.click();
    await page.getByText('press Post again to finish', { exact: false }).waitFor();
    await post.click();
    await page.getByText(/Posted as batch/).waitFor();
    expect(keys).toHaveLength(2);
    expect(keys[0]).toBe(keys[1]);

    const status = (await values(page)).slice(1).map((r) => String(r[8]));
    const batchId = /^Posted (B-\S+)$/.exec(status[0])![1];
    expect(status).toEqual(status.map(() => `Posted ${batchId}`));
    expect(await post.isDisabled()).toBe(true);
    expect(await page.getByRole('button', { name: 'Check sheet' }).isEnabled()).toBe(true);
    await screenshot(page, 'pane-posted.png');

    const batches = (await h.api('GET', '/v1/batches')).json.batches;
    expect(batches.map((b: { batchId: string }) => b.batchId)).toEqual([batchId]);
    const onHand = (await h.api('GET', '/v1/reports/on-hand?sku=VAC-10')).json.rows;
    expect(onHand).toEqual(expect.arrayContaining([
      expect.objectContaining({ lot: 'FLU2612A', location: 'COLD-1', qty: 70 }),
      expect.objectContaining({ lot: 'FLU2612B', location: 'COLD-1', qty: 20 }),
    ]));
    const pumps = (await h.api('GET', '/v1/reports/on-hand?sku=PUMP-3')).json.rows.map((r: { serial: string }) => r.serial).sort();
    expect(pumps).toEqual(['P3-001001', 'P3-001002', 'P3-001003', 'P3-001004', 'P9-000001']);
  });

  it('an edit after posting warns, and offers the changed row alone: the others stay posted (the pane remembers them)', async () => {
    const batchId = String((await values(page))[6][8]).replace(/^Posted /, '');
    await setValues(page, 'E2', [[61]]);
    await page.getByText('was posted as batch', { exact: false }).waitFor();
    // enabled once the ledger's re-check after the pause has passed the row
    await page.getByRole('button', { name: 'Post 1 row' }).and(page.locator(':not([disabled])')).waitFor();
    const status = (await values(page)).slice(1).map((r) => String(r[8]));
    expect(status[0]).toBe('OK');
    expect(status.slice(1)).toEqual(status.slice(1).map(() => `Posted ${batchId}`));
    expect(await fill(page, 'F7')).toBeNull();
  });
});

describe('the pane as Excel shows it: narrow, and driven by the keyboard', () => {
  it('fits a 320-pixel-wide pane without sideways scrolling, and connects and checks with the keyboard alone', async () => {
    const page = await h.browser.newPage({ viewport: { width: 320, height: 700 } });
    const elsewhere: string[] = [];
    page.on('request', (r) => { if (!r.url().startsWith(h.server.url)) elsewhere.push(r.url()); });
    await page.goto(`${h.server.url}/taskpane.html?layout=pane`);
    await page.waitForFunction(() => document.body.dataset.host === 'preview');
    // office.js and everything else come from the server itself: no CDN, no internet needed
    expect(await page.evaluate(() => [...document.scripts].map((s) => new URL(s.src, location.href).pathname))).toContain('/office-js/office.js');
    await page.evaluate((v) => window.lotledgerPreview!.setValues('Sheet1', 'A1', v), pasted(sampleRows('receiving-packing-list.csv')));

    const focusByTab = async (label: string) => {
      for (let i = 0; i < 15; i++) {
        await page.keyboard.press('Tab');
        const name = await page.evaluate(() => {
          const el = document.activeElement as HTMLElement | null;
          return el?.getAttribute('aria-label') ?? (el?.id ? document.querySelector(`label[for="${el.id}"]`)?.textContent : null) ?? el?.textContent ?? '';
        });
        if (name === label) return;
      }
      throw new Error(`Tab never reached ${label}`);
    };
    await focusByTab('Access token');
    await page.keyboard.type(ADMIN_TOKEN);
    await page.keyboard.press('Enter');
    await page.getByText('Connected to').waitFor();
    await focusByTab('Check sheet');
    await page.keyboard.press('Enter');
    await page.getByText('Ready to post').waitFor();
    await expect(page.getByRole('button', { name: /^Post(ed\b| \d)/ }).textContent()).resolves.toBe('Post 9 rows');
    await focusByTab('Columns');
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Use these columns and check again' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    expect(elsewhere).toEqual([]);
    await page.close();
  });

  it('serves every icon the manifest names, as PNG', async () => {
    const manifest = readFileSync(path.join(repoRoot, 'manifest.xml'), 'utf8');
    const icons = [...new Set([...manifest.matchAll(/https:\/\/localhost:8787(\/assets\/[\w-]+\.png)/g)].map((m) => m[1]))];
    expect(icons.length).toBeGreaterThanOrEqual(4);
    for (const p of icons) {
      const res = await fetch(h.server.url + p);
      expect(res.status, p).toBe(200);
      expect(res.headers.get('content-type')).toBe('image/png');
    }
    expect((await fetch(`${h.server.url}/taskpane.html`)).status).toBe(200);
  });
});

describe('templates and master data from a sheet', () => {
  it('adds a receiving sheet whose identifier columns keep leading zeros, and posts what is typed into it', async () => {
    const page = await openPane();
    await page.getByRole('button', { name: 'Add receiving sheet' }).click();
    await page.getByText('Added sheet “Receiving”').waitFor();
    expect(await page.evaluate(() => window.lotledgerPreview!.sheetNames())).toEqual(['Sheet1', 'Receiving']);
    expect(await page.evaluate(() => window.lotledgerPreview!.activeSheet())).toBe('Receiving');
    // A hint line above the table, the header under it.
    expect(String(await page.evaluate(() => window.lotledgerPreview!.getValues('Receiving', 'A1')[0][0]))).toMatch(/^Receiving: /);
    const header = await page.evaluate(() => window.lotledgerPreview!.getValues('Receiving', 'A2:O2')[0]);
    expect(header).toEqual(['Type', 'Date', 'PO #', 'Supplier', 'Item code', 'Lot #', 'Serial No.', 'Exp. date', 'Qty', 'Location', 'Scan', 'TLC source', 'TLC source ref', 'Ref type', 'Note']);
    // The Type, Item code and Location columns offer their values, as Excel's drop-down lists do.
    const choices = async (address: string) => {
      await page.evaluate((a) => window.lotledgerPreview!.select('Receiving', a), address);
      return page.locator('#lotledger-cell-choices option').evaluateAll((o) => o.map((x) => (x as HTMLOptionElement).value));
    };
    expect(await choices('A3')).toEqual(['receive', 'return']);
    expect(await choices('E3')).toEqual(['GLV-M', 'IMP-7', 'PUMP-3', 'SAL-500', 'VAC-10']);
    expect(await choices('J3')).toHaveLength(5);
    // A location typed that the list does not hold is refused, as Excel's validation stops it.
    await page.getByLabel('Cell value').fill('NOWHERE');
    await page.getByLabel('Cell value').press('Enter');
    await page.getByRole('alert').filter({ hasText: 'not in this column’s list' }).waitFor();
    expect(await page.evaluate(() => window.lotledgerPreview!.getValues('Receiving', 'J3')[0][0])).toBe('');
    // Typed into the cell bar as a clerk would: the Text-formatted Lot column keeps 000123 as text.
    await page.evaluate(() => window.lotledgerPreview!.select('Receiving', 'F3'));
    await page.getByLabel('Cell value').fill('000123');
    await page.getByLabel('Cell value').press('Enter');
    expect(await page.evaluate(() => window.lotledgerPreview!.getValues('Receiving', 'F3')[0][0])).toBe('000123');
    // The Type left blank: the sheet's rows are receipts, as the template set the pane's type.
    await page.evaluate(() => window.lotledgerPreview!.setValues('Receiving', 'B3', [['2026-11-20', 'PO-9001', 'Acme', 'SAL-500']]));
    await page.evaluate(() => window.lotledgerPreview!.setValues('Receiving', 'H3', [['2028-06-30', 24, 'WH1-B']]));
    await page.evaluate(() => window.lotledgerPreview!.select('Receiving', 'C3'));
    await checkSheet(page);
    await page.getByRole('button', { name: 'Post 1 row' }).click();
    await page.getByText(/Posted as batch/).waitFor();
    const lot = (await h.api('GET', '/v1/trace/lot?sku=SAL-500&lot=000123')).json;
    expect(lot.lot).toMatchObject({ sku: 'SAL-500', lot: '000123', expiry: '2028-06-30' });
    expect(lot.receipts[0]).toMatchObject({ party: 'Acme', ref: 'PO-9001', to: 'WH1-B', qty: 24 });
    await page.close();
  });

  it('an admin checks an item sheet, sees the bad flag marked, fixes it and saves the items', async () => {
    const page = await openPane();
    await page.getByLabel('This sheet holds').selectOption('items');
    const sheet = [['SKU', 'Name', 'Unit', 'Lot tracked', 'Serial tracked'], ['TAPE-5', 'Surgical tape 5 cm', 'roll', 'perhaps', 'no']];
    await page.evaluate((v) => { window.lotledgerPreview!.setValues('Sheet1', 'M1', v); window.lotledgerPreview!.select('Sheet1', 'M1'); }, sheet);
    await page.getByRole('button', { name: 'Check sheet' }).click();
    await page.waitForFunction(() => window.lotledgerPreview!.getFill('Sheet1', 'P2') !== null);
    expect(await page.evaluate(() => window.lotledgerPreview!.getFill('Sheet1', 'P2'))).toBe(ERROR_FILL);
    await page.evaluate(() => window.lotledgerPreview!.setValues('Sheet1', 'P2', [['yes']]));
    await page.waitForFunction(() => window.lotledgerPreview!.getFill('Sheet1', 'P2') === null);
    await page.getByRole('button', { name: 'Post 1 item' }).click();
    await page.getByText('Saved 1 item', { exact: true }).waitFor();
    const items = (await h.api('GET', '/v1/items')).json.items;
    expect(items.find((i: { sku: string }) => i.sku === 'TAPE-5')).toMatchObject({ name: 'Surgical tape 5 cm', unit: 'RO', lotTracked: true, serialTracked: false });
    expect(await page.evaluate(() => window.lotledgerPreview!.getValues('Sheet1', 'R2')[0][0])).toBe('Saved');
    await page.close();
  });
});
