/**
 * Checking: the shared field rules over a receiving sheet in Node, against JSON.parse of the
 * same rows; and the pane in real Chromium checking a pasted sheet in the preview workbook,
 * from the paste to the Status column filled, against pasting and reading back the same cells.
 */
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { checkRowsFields, masterData } from '../shared/rules';
import { todayUtc } from '../shared/dates';
import type { Item } from '../shared/rows';
import { startNodeServer } from '../server/node';
import { buildPaneIfStale, repoRoot } from '../test/e2e/pane-harness';
import type { BenchContext } from './lib/context';
import type { Figure } from './lib/report';
import { BENCH_ITEMS, BENCH_LOCATIONS, loadBenchMaster, serialReceipts } from './lib/sheets';
import { median } from './lib/stats';

export const CHROMIUM = '/usr/bin/chromium';

export async function checking(ctx: BenchContext): Promise<Figure[]> {
  const figures = [rulesInNode(ctx)];
  if (existsSync(CHROMIUM)) figures.push(await paneInChromium(ctx));
  else ctx.note('Checking', `The pane was not measured: no Chromium at ${CHROMIUM}.`);
  return figures;
}

function rulesInNode(ctx: BenchContext): Figure {
  const n = ctx.sizes.checkRows;
  const items: Item[] = BENCH_ITEMS.map((i) => ({
    sku: i.sku, name: i.name, unit: i.unit ?? 'each', lotTracked: i.lotTracked === 'yes', serialTracked: i.serialTracked === 'yes',
    requiresExpiry: i.requiresExpiry === 'yes', gtin: null,
  }));
  const master = masterData(items, BENCH_LOCATIONS.map((l) => ({ code: l.code, name: l.name })));
  const today = todayUtc(new Date());
  const text = JSON.stringify(serialReceipts(n, 'chk'));
  const rules: number[] = [];
  const parses: number[] = [];
  for (let run = 0; run < 5; run++) {
    let t0 = performance.now();
    const rows = JSON.parse(text);
    parses.push(n / ((performance.now() - t0) / 1000));
    t0 = performance.now();
    const checked = checkRowsFields(rows, master, { today });
    rules.push(n / ((performance.now() - t0) / 1000));
    if (checked.problems.length > 0) throw new Error(`the bench sheet has problems: ${JSON.stringify(checked.problems[0])}`);
  }
  ctx.log(`  rules: ${rules.map(Math.round).join(', ')} rows/s; JSON.parse ${parses.map(Math.round).join(', ')} rows/s`);
  ctx.note('Checking', `Rules in Node: \`checkRowsFields\` over ${n.toLocaleString('en-US')} serial receiving rows (type, date, SKU, lot, expiry, serial, quantity, location, supplier, PO), median of 5 runs in one process; the floor is \`JSON.parse\` of the same rows' JSON text.`);
  const value = median(rules);
  return {
    section: 'Checking', what: `shared rules over ${n.toLocaleString('en-US')} rows in Node`, value, unit: 'rows/s',
    floorWhat: 'JSON.parse of the same rows', floorValue: median(parses), better: 'higher',
    target: { text: '≥ 300,000 rows/s', met: value >= 300_000 },
  };
}

/**
 * dist/addin as users get it: built when stale, and rebuilt when it holds React's development
 * runtime (a build made with NODE_ENV=test, e.g. from inside vitest before the harness set it).
 */
function productionPane(): void {
  const assets = path.join(repoRoot, 'dist/addin/assets');
  const devBuild = existsSync(assets) && readdirSync(assets).some((f) => f.endsWith('.js') && readFileSync(path.join(assets, f), 'utf8').includes('jsxDEV'));
  if (devBuild) {
    execFileSync(path.join(repoRoot, 'node_modules/.bin/vite'), ['build', '--logLevel', 'error'], {
      cwd: repoRoot, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' },
    });
  }
  buildPaneIfStale();
}

const TOKEN = 'bench-pane-token-0123456789';
const HEADER = ['PO #', 'Item code', 'Lot #', 'Exp. date', 'Qty', 'S/N', 'Location', 'Note'];

/** The pane checking a pasted sheet: rules in the page, the server's dry run, marks and the Status column. */
async function paneInChromium(ctx: BenchContext): Promise<Figure> {
  const n = ctx.sizes.paneRows;
  productionPane();
  const server = await startNodeServer({ port: 0, databaseUrl: `file:${path.join(ctx.dir, 'pane.db')}`, adminToken: TOKEN });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
  try {
    await loadBenchMaster(server.url, TOKEN);
    const sheet = [HEADER, ...serialReceipts(n, 'pane').map((r) => [r.ref, r.sku, r.lot, r.expiry, r.qty, r.serial, r.to, ''])] as (string | number)[][];
    const open = async () => {
      const page = await browser.newPage({ viewport: { width: 1360, height: 820 } });
      await page.goto(`${server.url}/taskpane.html`);
      await page.waitForFunction(() => document.body.dataset.host === 'preview');
      return page;
    };
    // Floor: the preview workbook's own cost of taking the paste and giving the cells back.
    const floors: number[] = [];
    const bare = await open();
    for (let run = 0; run < 3; run++) {
      const ms = await bare.evaluate((v) => {
        const t0 = performance.now();
        window.lotledgerPreview!.setValues('Sheet1', 'A1', v);
        window.lotledgerPreview!.getValues('Sheet1');
        return performance.now() - t0;
      }, sheet);
      floors.push(n / (ms / 1000));
    }
    await bare.close();

    const page = await open();
    await page.getByLabel('Access token').fill(TOKEN);
    await page.getByRole('button', { name: 'Connect' }).click();
    await page.getByText('Connected to').waitFor();
    const last = `I${n + 1}`;
    await page.evaluate((v) => window.lotledgerPreview!.setValues('Sheet1', 'A1', v), [['warm']]);
    const t0 = performance.now();
    await page.evaluate((v) => {
      window.lotledgerPreview!.setValues('Sheet1', 'A1', v);
      window.lotledgerPreview!.select('Sheet1', 'B2');
    }, sheet);
    await page.getByRole('button', { name: 'Check sheet' }).click();
    await page.waitForFunction((a) => window.lotledgerPreview!.getValues('Sheet1', a)[0][0] !== '', last, { polling: 10, timeout: 120_000 });
    const seconds = (performance.now() - t0) / 1000;
    const status = await page.evaluate((a) => window.lotledgerPreview!.getValues('Sheet1', a)[0][0], last);
    if (status !== 'OK') throw new Error(`the pane marked the bench sheet: ${status}`);
    ctx.log(`  pane: ${n} rows checked in ${seconds.toFixed(2)} s; paste and read back ${floors.map(Math.round).join(', ')} rows/s`);
    ctx.note('Checking', `Pane: headless Chromium (${CHROMIUM}) on the preview workbook of the built pane (dist/addin), connected to a Node server: ${n.toLocaleString('en-US')} serial receiving rows pasted into Sheet1, Check sheet pressed, timed until the Status column of the last row is filled (rules in the page, the server's dry run, marks and Status written). The floor is the preview workbook taking the same paste and giving the cells back (\`setValues\` then \`getValues\`, median of 3).`);
    return {
      section: 'Checking', what: `pane checks a pasted ${n.toLocaleString('en-US')}-row sheet in Chromium (paste to marks shown)`,
      value: n / seconds, unit: 'rows/s', floorWhat: 'paste and read back the same cells in the preview', floorValue: median(floors), better: 'higher',
    };
  } finally {
    await browser.close();
    await server.close();
  }
}
