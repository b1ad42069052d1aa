/**
 * What the pane's browser tests share: the pane built if stale, a real server on a temp
 * database with the sample item master, and headless Chromium.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { startNodeServer, type NodeServer } from '../../server/node';

export const repoRoot = path.resolve(import.meta.dirname, '../..');
export const samples = path.resolve(repoRoot, 'test/fixtures/samples');
export const ADMIN_TOKEN = 'e2e-admin-token-0123456789';

const newest = (dir: string): number =>
  readdirSync(dir, { withFileTypes: true }).reduce((t, e) => {
    const p = path.join(dir, e.name);
    return Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }, 0);

/** Builds the pane with vite when its sources are newer than dist/addin. */
export function buildPaneIfStale(): void {
  const built = path.join(repoRoot, 'dist/addin/taskpane.html');
  let builtAt = 0;
  try {
    builtAt = statSync(built).mtimeMs;
  } catch {
    // not built yet
  }
  const sources = Math.max(newest(path.join(repoRoot, 'addin')), newest(path.join(repoRoot, 'shared')), newest(path.join(repoRoot, 'assets')), statSync(path.join(repoRoot, 'vite.config.ts')).mtimeMs);
  // NODE_ENV=production: under vitest NODE_ENV is 'test', and vite would then build React's
  // development runtime (jsxDEV, dev checks) into dist/addin — slower, and not what users get.
  if (sources > builtAt) {
    execFileSync(path.join(repoRoot, 'node_modules/.bin/vite'), ['build', '--logLevel', 'error'], {
      cwd: repoRoot, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' },
    });
  }
}

/** A sample CSV as rows of cells, split on commas (the samples hold no quoted commas). */
export function sampleRows(name: string): string[][] {
  return readFileSync(path.join(samples, name), 'utf8').trim().split(/\r?\n/).map((l) => l.split(','));
}

/** What Excel holds after pasting CSV text: plain numbers become numbers, the rest stays text. */
export const pasted = (rows: string[][]): (string | number)[][] =>
  rows.map((r) => r.map((c) => (/^-?\d+(\.\d+)?$/.test(c) && !/^0\d/.test(c) ? Number(c) : c)));

export interface Harness {
  server: NodeServer;
  browser: Browser;
  api: (method: string, p: string, body?: unknown) => Promise<{ status: number; json: any }>;
  close(): Promise<void>;
}

/** Starts the server on a fresh database, loads the sample items and locations, launches Chromium. */
export async function startHarness(): Promise<Harness> {
  buildPaneIfStale();
  const dir = mkdtempSync(path.join(tmpdir(), 'lotledger-e2e-'));
  const server = await startNodeServer({ port: 0, databaseUrl: `file:${path.join(dir, 'ledger.db')}`, adminToken: ADMIN_TOKEN });
  const api = async (method: string, p: string, body?: unknown) => {
    const res = await fetch(server.url + p, {
      method,
      headers: { Authorization: `Bearer ${ADMIN_TOKEN}`, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, json: await res.json() };
  };
  const items = sampleRows('items.csv').slice(1).map(([sku, name, unit, lot, serial, expiry, gtin]) => ({
    sku, name, unit, lotTracked: lot === 'yes', serialTracked: serial === 'yes', requiresExpiry: expiry === 'yes', ...(gtin ? { gtin } : {}),
  }));
  const locations = sampleRows('locations.csv').slice(1).map(([code, name]) => ({ code, name }));
  const loaded = [await api('POST', '/v1/items', { items }), await api('POST', '/v1/locations', { locations })];
  if (loaded.some((r) => r.status !== 200 && r.status !== 201)) throw new Error(`Could not load the item master: ${JSON.stringify(loaded)}`);
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
  return {
    server, browser, api,
    async close() {
      await browser.close();
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The rows of the table under a heading in column A (header row first), up to the blank row after it. */
export function part(cells: unknown[][], heading: string): unknown[][] {
  const at = cells.findIndex((r) => r[0] === heading);
  expect(at, `heading ${heading}`).toBeGreaterThan(0);
  const rows: unknown[][] = [];
  for (let i = at + 1; i < cells.length && cells[i].some((c) => c !== ''); i++) rows.push(cells[i].slice(0, cells[i].findLastIndex((c) => c !== '') + 1));
  return rows;
}

/**
 * Opens the pane in the preview, 1360 × 820 (or `height`; in `context` when given, which sets its
 * own viewport), lets `watch` see the page first, and connects with the admin token, as a clerk would.
 */
export async function openConnectedPane(
  h: Harness, opts: { height?: number; context?: BrowserContext; watch?: (page: Page) => void } = {},
): Promise<Page> {
  const viewport = { width: 1360, height: opts.height ?? 820 };
  const page = opts.context ? await opts.context.newPage() : await h.browser.newPage({ viewport });
  opts.watch?.(page);
  await page.goto(`${h.server.url}/taskpane.html`);
  await page.waitForFunction(() => document.body.dataset.host === 'preview');
  await page.getByLabel('Access token').fill(ADMIN_TOKEN);
  await page.getByRole('button', { name: 'Connect' }).click();
  await page.getByText('Connected to').waitFor();
  return page;
}
