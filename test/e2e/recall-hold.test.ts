/**
 * Issue 15 end to end, in Chromium against a real server: two input lots are received, a work
 * order made on the pane's production sheet turns them into an output lot, the output is shipped
 * to two customers; a recall of one input lot pulled from the pane reaches those customers, Hold
 * these lots stops the held lot from being shipped, and Release lets it go again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { addDays, isoToExcelSerial, todayUtc } from '../../shared/dates';
import { ADMIN_TOKEN, part, repoRoot, startHarness, type Harness } from './pane-harness';

const d = (n: number) => addDays(todayUtc(), n);
const ERROR_FILL = '#FFC7CE';

let h: Harness;
let page: Page;

beforeAll(async () => {
  h = await startHarness();
  const ok = async (method: string, p: string, body: unknown) => {
    const r = await h.api(method, p, body);
    if (r.status !== 200 && r.status !== 201) throw new Error(`${p}: ${JSON.stringify(r.json)}`);
  };
  await ok('POST', '/v1/items', { items: [{ sku: 'KIT-1', name: 'Infusion kit', unit: 'each', lotTracked: true, serialTracked: false }] });
  // The two input lots.
  await ok('POST', '/v1/batches', { rows: [
    { type: 'receive', date: d(-10), sku: 'SAL-500', lot: 'S-1', expiry: d(200), qty: 50, to: 'WH1-A', party: 'Acme Pharma', ref: 'PO-1' },
    { type: 'receive', date: d(-10), sku: 'VAC-10', lot: 'FLU-A', expiry: d(300), qty: 30, to: 'COLD-1', party: 'Acme Pharma', ref: 'PO-2' },
  ] });
  page = await openPane(ADMIN_TOKEN);
}, 180_000);

afterAll(async () => {
  await h?.close();
});

/** The pane connected with a token; `narrow`: the pane alone, 320 pixels wide, as Excel shows it. */
async function openPane(token: string, narrow = false): Promise<Page> {
  const p = await h.browser.newPage({ viewport: narrow ? { width: 320, height: 900 } : { width: 1360, height: 820 } });
  await p.goto(`${h.server.url}/taskpane.html${narrow ? '?layout=pane' : ''}`);
  await p.waitForFunction(() => document.body.dataset.host === 'preview');
  await p.getByLabel('Access token').fill(token);
  await p.getByRole('button', { name: 'Connect' }).click();
  await p.getByText('Connected to').waitFor();
  return p;
}

const values = (p: Page, sheet: string) => p.evaluate((s) => window.lotledgerPreview!.getValues(s), sheet);
const sheetNames = (p: Page) => p.evaluate(() => window.lotledgerPreview!.sheetNames());

/** A part's rows as records by header. */
const records = (rows: unknown[][]) => rows.slice(1).map((r) => Object.fromEntries(rows[0].map((hd, i) => [String(hd), r[i] ?? ''])));

/** Presses a button that writes a sheet and waits for it (or for the pane to say why not); answers the new sheet's name. */
async function pressForSheet(p: Page, button: string): Promise<string> {
  const before = await sheetNames(p);
  await p.getByRole('button', { name: button, exact: true }).click();
  await p.waitForFunction((n) => window.lotledgerPreview!.sheetNames().length > n
    || /not pulled|not held|not released/.test(document.querySelector('[aria-label="Report result"]')?.textContent ?? ''), before.length);
  const added = (await sheetNames(p)).filter((n) => !before.includes(n));
  expect(added, (await p.getByRole('status', { name: 'Report result' }).textContent()) ?? '').toHaveLength(1);
  await p.getByRole('button', { name: button, exact: true }).and(p.locator(':not([disabled])')).waitFor();
  return added[0];
}

async function checkSheet(p: Page): Promise<void> {
  await p.getByRole('button', { name: 'Check sheet' }).click();
  await p.getByRole('status', { name: 'Check results' }).filter({ hasNotText: 'pending' }).waitFor();
  await p.getByRole('button', { name: 'Check sheet' }).and(p.locator(':not([disabled])')).waitFor();
}

async function recallFromPane(p: Page): Promise<string> {
  await p.getByLabel('Item', { exact: true }).fill('SAL-500');
  await p.getByLabel('Lots', { exact: true }).fill('S-1');
  return pressForSheet(p, 'Recall');
}

const shipS1 = (ref: string) => h.api('POST', '/v1/batches', { rows: [{ type: 'ship', date: d(0), sku: 'SAL-500', lot: 'S-1', qty: 5, from: 'WH1-A', party: 'Clinic East', ref }] });

describe('a recall that acts, from the pane', () => {
  it('a production sheet added by the pane is checked and posted: two inputs consumed, one output produced under one work order', async () => {
    await page.getByLabel('New sheet for').selectOption('production');
    await page.getByRole('button', { name: 'Add production sheet' }).click();
    await page.getByText('Added sheet “Production”').waitFor();
    // A hint line, then the header.
    expect(await page.evaluate(() => window.lotledgerPreview!.getValues('Production', 'A2:J2')[0]))
      .toEqual(['Date', 'Work order', 'Type', 'Item code', 'Lot #', 'Serial No.', 'Exp. date', 'Qty', 'Location', 'Note']);
    await page.evaluate((rows) => window.lotledgerPreview!.setValues('Production', 'A3', rows), [
      [d(-3), 'WO-1', 'consume', 'SAL-500', 'S-1', '', '', 10, 'WH1-A', ''],
      [d(-3), 'WO-1', 'consume', 'VAC-10', 'FLU-A', '', '', 5, 'COLD-1', ''],
      [d(-3), 'WO-1', 'produce', 'KIT-1', 'K-1', '', d(100), 4, 'WH1-B', 'first kits'],
    ]);
    await page.evaluate(() => window.lotledgerPreview!.select('Production', 'B3'));
    await checkSheet(page);
    expect(await page.getByRole('status', { name: 'Check results' }).textContent()).toContain('0 errors');
    await page.getByRole('button', { name: 'Post 3 rows' }).click();
    await page.getByText(/Posted as batch/).waitFor();
    const kit = (await h.api('GET', '/v1/trace/lot?sku=KIT-1&lot=K-1')).json;
    expect(kit.madeFrom.map((m: { sku: string; lot: string; qty: number; ref: string }) => [m.sku, m.lot, m.qty, m.ref]).sort())
      .toEqual([['SAL-500', 'S-1', 10, 'WO-1'], ['VAC-10', 'FLU-A', 5, 'WO-1']]);
    // The output goes to two customers.
    const shipped = await h.api('POST', '/v1/batches', { rows: [
      { type: 'ship', date: d(-1), sku: 'KIT-1', lot: 'K-1', qty: 1, from: 'WH1-B', party: 'Clinic North', ref: 'SO-1' },
      { type: 'ship', date: d(-1), sku: 'KIT-1', lot: 'K-1', qty: 2, from: 'WH1-B', party: 'Clinic South', ref: 'SO-2' },
    ] });
    expect(shipped.status).toBe(201);
  });

  it('the lot trace of the output shows what it was made from, and a genealogy of an input shows the output under it', async () => {
    await page.getByLabel('Item', { exact: true }).fill('KIT-1');
    await page.getByLabel('Lots', { exact: true }).fill('K-1');
    const trace = await pressForSheet(page, 'Trace lot');
    expect(trace).toBe('Trace KIT-1 K-1');
    const made = records(part(await values(page, trace), 'Made from'));
    expect(made.map((m) => [m.SKU, m.Lot, m['Qty consumed'], m['Work order']]).sort()).toEqual([['SAL-500', 'S-1', 10, 'WO-1'], ['VAC-10', 'FLU-A', 5, 'WO-1']]);
    await page.getByLabel('Item', { exact: true }).fill('SAL-500');
    await page.getByLabel('Lots', { exact: true }).fill('S-1');
    const tree = await pressForSheet(page, 'Genealogy down');
    expect(tree).toBe('Genealogy down SAL-500 S-1');
    expect((await values(page, tree)).slice(1).map((r) => [r[0], r[1], r[4]])).toEqual([
      ['Tree', 'Depth', 'Made by work order'], ['SAL-500 S-1', 0, ''], ['  KIT-1 K-1', 1, 'WO-1'],
    ]);
  });

  it('a recall of one input lot names the customers of the output; Hold these lots holds it, and its shipment is refused while held', async () => {
    const recall = await recallFromPane(page);
    expect(recall).toBe('Recall SAL-500 S-1');
    let cells = await values(page, recall);
    expect(records(part(cells, 'Made from these lots, to any depth: recall these too'))).toEqual([
      { SKU: 'KIT-1', Lot: 'K-1', Depth: 1, 'Made by work order': 'WO-1', 'On hold': 'no' },
    ]);
    const customers = records(part(cells, 'Who to call: customers who still hold them or what was made from them'));
    expect(customers.map((c) => [c.Customer, c['Still held'], c['Lots they hold']])).toEqual([
      ['Clinic North', 1, 'KIT-1 K-1: 1'],
      ['Clinic South', 2, 'KIT-1 K-1: 2'],
    ]);
    expect(records(part(cells, 'The lots'))[0]).toMatchObject({ Lot: 'S-1', 'On hold': 'no' });

    // Hold: the recalled lot and the lot made from it; the recall is pulled again to show it.
    await page.getByLabel('Reason').fill('Supplier recall R-7');
    const held = await pressForSheet(page, 'Hold these lots');
    expect(held).toBe('Recall SAL-500 S-1 (2)');
    await page.getByText('1 lot of SAL-500 and 1 lot made from it on hold (2 newly held).', { exact: false }).waitFor();
    cells = await values(page, held);
    expect(records(part(cells, 'The lots'))[0]).toMatchObject({ Lot: 'S-1', 'On hold': 'yes', 'Hold reason': 'Supplier recall R-7', 'Hold placed by': expect.any(String), 'Held since': isoToExcelSerial(todayUtc(), false) });
    expect(records(part(cells, 'Made from these lots, to any depth: recall these too'))[0]['On hold']).toBe('yes');
    if (process.env.LOTLEDGER_SCREENSHOTS) {
      await page.waitForTimeout(300);
      await page.screenshot({ path: path.join(repoRoot, 'docs', 'recall-hold.png') });
    }
    expect(records(part(cells, 'Still on our shelves: pull these')).map((s) => `${s.SKU} ${s.Lot} ${s.Qty} ${s['On hold']}`).sort()).toEqual([
      'KIT-1 K-1 1 yes', 'SAL-500 S-1 40 yes',
    ]);

    // The held lot cannot be shipped: the pane's check marks its Lot cell, and the ledger refuses the post.
    await page.getByRole('tab', { name: 'Sheet1' }).click();
    await page.evaluate(() => {
      window.lotledgerPreview!.setValues('Sheet1', 'A1', [['Type', 'Order', 'Customer', 'Item code', 'Lot #', 'Qty', 'Location'], ['ship', 'SO-3', 'Clinic East', 'SAL-500', 'S-1', 5, 'WH1-A']]);
      window.lotledgerPreview!.select('Sheet1', 'A2');
    });
    await checkSheet(page);
    await page.waitForFunction(() => window.lotledgerPreview!.getFill('Sheet1', 'E2') !== null);
    expect(await page.evaluate(() => window.lotledgerPreview!.getFill('Sheet1', 'E2'))).toBe(ERROR_FILL);
    expect(await page.evaluate(() => window.lotledgerPreview!.getNote('Sheet1', 'E2'))).toContain('Supplier recall R-7');
    const refused = await shipS1('SO-3');
    expect(refused.status).toBe(422);
    expect(refused.json.problems).toEqual([expect.objectContaining({ row: 0, field: 'lot', code: 'lot_on_hold' })]);
    const kit = await h.api('POST', '/v1/batches', { rows: [{ type: 'ship', date: d(0), sku: 'KIT-1', lot: 'K-1', qty: 1, from: 'WH1-B', party: 'Clinic East', ref: 'SO-4' }] });
    expect(kit.json.problems?.[0]?.code).toBe('lot_on_hold');
  });

  it('later, the lots selected on the held recall sheet ask for the recall again; Release lifts the holds, the sheet says so, and the lot ships again', async () => {
    await page.getByRole('tab', { name: 'Recall SAL-500 S-1 (2)' }).click();
    await page.evaluate(() => window.lotledgerPreview!.select('Recall SAL-500 S-1 (2)', 'B5'));
    expect(await pressForSheet(page, 'Recall')).toBe('Recall SAL-500 S-1 (3)');
    await page.getByLabel('Reason').fill('Cleared by QA');
    const released = await pressForSheet(page, 'Release');
    expect(released).toBe('Recall SAL-500 S-1 (4)');
    await page.getByText('2 holds on 1 lot of SAL-500 and 1 lot made from it released.', { exact: false }).waitFor();
    const cells = await values(page, released);
    expect(records(part(cells, 'The lots'))[0]['On hold']).toBe('no');
    expect((await shipS1('SO-5')).status).toBe(201);
    const holds = (await h.api('GET', '/v1/holds?sku=SAL-500')).json.holds;
    expect(holds).toEqual([expect.objectContaining({ lot: 'S-1', reason: 'Supplier recall R-7', releaseReason: 'Cleared by QA' })]);
  });

  it('a viewer sees the recall but not a way to hold it, and is told why, in a 320-pixel pane', async () => {
    const token = (await h.api('POST', '/v1/tokens', { name: 'auditor', role: 'viewer' })).json.token;
    const viewer = await openPane(token, true);
    await recallFromPane(viewer);
    await expect.poll(() => viewer.getByRole('button', { name: 'Hold these lots' }).isDisabled()).toBe(true);
    expect(await viewer.getByRole('button', { name: 'Release' }).isDisabled()).toBe(true);
    expect(await viewer.getByRole('group', { name: 'Hold the recalled lots' }).textContent()).toContain('needs a clerk or admin token; this one is a viewer');
    expect(await viewer.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await viewer.close();
  });
});
