/**
 * The clerk cannot post a sheet twice, and can undo a mistake where it was made (issue 14):
 * the pane remembers what its workbook posted, the ledger catches repeats from another
 * workbook, and a batch is voided from the pane.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { ADMIN_TOKEN, repoRoot, startHarness, type Harness } from './pane-harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

// Ten columns: as wide as the receiving template, so a copy onto it leaves none of its cells behind.
const WIDTH = 10;
const pad = (r: (string | number)[]) => [...r, ...Array(WIDTH - r.length).fill('')];
const HEADER = pad(['PO #', 'Item code', 'Lot #', 'Exp. date', 'Qty', 'Location']);
const FIRST = [
  ['PO-5100', 'VAC-10', 'DUP-A', '2028-01-31', 10, 'COLD-1'],
  ['PO-5100', 'VAC-10', 'DUP-B', '2028-02-29', 20, 'COLD-1'],
  ['PO-5100', 'GLV-M', '', '', 30, 'WH1-A'],
  ['PO-5100', 'GLV-M', '', '', 30, 'WH1-A'], // a second, equal pallet
].map(pad);
const MORE = pad(['PO-5101', 'SAL-500', 'S-88', '2028-03-31', 12, 'WH1-A']);
const OTHER = pad(['PO-5102', 'SAL-500', 'S-89', '2028-03-31', 7, 'WH1-A']);
const STATUS = 'G';

/** The pane alone, 350 pixels wide as Excel shows it, on a new workbook; connected with the admin token. */
async function openPane(): Promise<Page> {
  const page = await h.browser.newPage({ viewport: { width: 350, height: 760 } });
  await page.goto(`${h.server.url}/taskpane.html?layout=pane`);
  await page.waitForFunction(() => document.body.dataset.host === 'preview');
  await page.getByLabel('Access token').fill(ADMIN_TOKEN);
  await page.getByRole('button', { name: 'Connect' }).click();
  await page.getByText('Connected to').waitFor();
  return page;
}

/** Pictures for docs/, taken when asked (LOTLEDGER_SCREENSHOTS=1), so a test run leaves the tree clean. */
async function screenshot(page: Page, name: string): Promise<void> {
  if (!process.env.LOTLEDGER_SCREENSHOTS) return;
  await page.waitForTimeout(300); // let Fluent's transitions settle
  await page.screenshot({ path: path.join(repoRoot, 'docs', name) });
}

const put = (page: Page, sheet: string, rows: (string | number)[][]) =>
  page.evaluate(([s, v]) => { window.lotledgerPreview!.setValues(s as string, 'A1', v as (string | number)[][]); window.lotledgerPreview!.select(s as string, 'B2'); }, [sheet, rows] as const);
const statusOf = (page: Page, sheet: string, n: number) =>
  page.evaluate(([s, a]) => window.lotledgerPreview!.getValues(s as string, a as string).map((r) => String(r[0])), [sheet, `${STATUS}2:${STATUS}${n + 1}`] as const);
const results = (page: Page) => page.getByRole('status', { name: 'Check results' }).textContent();
const postButton = (page: Page) => page.getByRole('button', { name: /^Post( \d+ rows?)?$|^Posted$/ });

async function checkSheet(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Check sheet' }).click();
  await page.getByRole('status', { name: 'Check results' }).filter({ hasNotText: 'pending' }).waitFor();
  await page.getByRole('button', { name: 'Check sheet' }).and(page.locator(':not([disabled])')).waitFor();
}

async function post(page: Page, label: string): Promise<string> {
  await page.getByRole('button', { name: label, exact: true }).click();
  const notice = page.getByText(/^Posted as batch B-\S+$/);
  await notice.waitFor();
  return /B-\S+/.exec((await notice.textContent())!)![0];
}

describe('a sheet is posted once, and a mistake is undone from the pane', () => {
  let book: Page;
  let first: string;
  let second: string;

  it('re-checking a posted sheet marks its rows posted again and offers nothing to post', async () => {
    book = await openPane();
    await put(book, 'Sheet1', [HEADER, ...FIRST]);
    await checkSheet(book);
    first = await post(book, 'Post 4 rows');
    await checkSheet(book);
    expect(await results(book)).toContain('4 posted earlier · 0 to post');
    expect(await statusOf(book, 'Sheet1', 4)).toEqual(Array(4).fill(`Posted ${first}`));
    expect(await postButton(book).isDisabled()).toBe(true);
    await book.getByText('Nothing to post').waitFor();
  });

  it('recognises the same rows copied to another sheet of the workbook, and posts only the new one', async () => {
    await book.getByRole('button', { name: 'Add receiving sheet' }).click();
    await book.waitForFunction(() => window.lotledgerPreview!.sheetNames().length === 2);
    const sheet = await book.evaluate(() => window.lotledgerPreview!.activeSheet());
    await put(book, sheet, [HEADER, ...FIRST, MORE]);
    await checkSheet(book);
    expect(await results(book)).toContain('4 posted earlier · 1 to post');
    second = await post(book, 'Post 1 row');
    expect(await statusOf(book, sheet, 5)).toEqual([...Array(4).fill(`Posted ${first}`), `Posted ${second}`]);
  });

  it('lists the workbook\'s batches, goes to their rows, and voids one with a reason: its rows become postable', async () => {
    const batches = book.getByRole('region', { name: 'Batches' });
    const entry = (id: string) => batches.getByRole('listitem', { name: `Batch ${id}` });
    await entry(second).waitFor();
    await expect(entry(first).textContent()).resolves.toMatch(/4 rows · Sheet1!A1:[A-Z]+5/);
    await entry(first).getByRole('button', { name: 'Go to rows' }).click();
    await book.waitForFunction(() => window.lotledgerPreview!.activeSheet() === 'Sheet1');

    await entry(second).getByRole('button', { name: 'Void' }).click();
    await entry(second).getByLabel('Reason').fill('posted from the wrong sheet');
    await entry(second).getByRole('button', { name: `Void ${second}` }).click();
    await batches.getByText(`Voided batch ${second}`).waitFor();
    await expect(entry(second).textContent()).resolves.toContain('Voided by B-');
    await batches.scrollIntoViewIfNeeded();
    await screenshot(book, 'pane-batches.png');
    const voidedBy = (await h.api('GET', `/v1/batches/${second}`)).json.voidedBy;

    const sheet = (await book.evaluate(() => window.lotledgerPreview!.sheetNames()))[1];
    await book.evaluate((s) => window.lotledgerPreview!.select(s, 'B2'), sheet);
    await checkSheet(book);
    expect(await results(book)).toContain('4 posted earlier · 1 to post');
    expect((await statusOf(book, sheet, 5))[4]).toBe(`Voided by ${voidedBy}. OK`);
    expect(await postButton(book).textContent()).toBe('Post 1 row');
  });

  it('in a new workbook the ledger finds the repeats: Skip posts only the others, Post anyway posts them too', async () => {
    const other = await openPane();
    await put(other, 'Sheet1', [HEADER, ...FIRST, OTHER]);
    await checkSheet(other);
    const choice = other.getByRole('group', { name: 'Repeated rows' });
    await expect(choice.textContent()).resolves.toMatch(new RegExp(`4 rows repeat batch ${first} posted \\d{1,2} \\w{3} by \\S+`));
    expect(await postButton(other).isDisabled()).toBe(true);
    await choice.scrollIntoViewIfNeeded();
    await screenshot(other, 'pane-duplicates.png');

    await choice.getByRole('button', { name: 'Skip these rows' }).click();
    await other.getByRole('button', { name: 'Post 1 row', exact: true }).waitFor();
    expect(await statusOf(other, 'Sheet1', 5)).toEqual([...Array(4).fill(`Skipped: repeats batch ${first}`), 'OK']);
    const third = await post(other, 'Post 1 row');
    expect((await h.api('GET', `/v1/batches/${third}`)).json.movements.map((m: { lot: string }) => m.lot)).toEqual(['S-89']);

    await checkSheet(other);
    expect(await results(other)).toContain('1 posted earlier · 4 to post');
    await choice.getByRole('button', { name: 'Post anyway' }).click();
    const fourth = await post(other, 'Post 4 rows');
    const posted = (await h.api('GET', `/v1/batches/${fourth}`)).json;
    expect(posted.movements.map((m: { qty: number }) => m.qty)).toEqual([10, 20, 30, 30]);
    expect(await statusOf(other, 'Sheet1', 5)).toEqual([...Array(4).fill(`Posted ${fourth}`), `Posted ${third}`]);
    await other.close();
    await book.close();
  });
});
