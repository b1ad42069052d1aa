/**
 * A post whose answer is lost at a gateway (issue 19): a proxy between the pane and the server
 * lets the first post through, lets the server post it, then answers 504 itself. The pane must
 * say that the outcome is unknown and keep the attempt's idempotency key, so pressing Post again
 * finishes the same post: one batch in the ledger, the stock counted once.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, startHarness, type Harness } from './pane-harness';

let h: Harness;
let proxy: Server;
let proxyUrl: string;
const posts: { key: string | undefined; body: string; answered: number }[] = [];
let timeOutNextPost = true;

/** Forwards everything to the server; the first real post is forwarded, then answered 504. */
function startProxy(target: string): Promise<void> {
  proxy = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks);
    const headers = Object.fromEntries(Object.entries(req.headers).filter(([k]) => !['host', 'connection', 'content-length'].includes(k))) as Record<string, string>;
    const answer = await fetch(target + req.url, { method: req.method, headers, body: body.length ? body : undefined });
    const bytes = Buffer.from(await answer.arrayBuffer());
    const isPost = req.method === 'POST' && req.url === '/v1/batches' && !/"dryRun":true/.test(body.toString('utf8'));
    if (isPost) {
      posts.push({ key: req.headers['idempotency-key'] as string | undefined, body: body.toString('utf8'), answered: answer.status });
      if (timeOutNextPost) {
        timeOutNextPost = false;
        res.writeHead(504, { 'content-type': 'text/html' }).end('<html><body><h1>504 Gateway Time-out</h1></body></html>');
        return;
      }
    }
    const out: Record<string, string> = {};
    answer.headers.forEach((v, k) => { if (!['content-encoding', 'content-length', 'transfer-encoding', 'connection'].includes(k)) out[k] = v; });
    res.writeHead(answer.status, out).end(bytes);
  });
  return new Promise((resolve) => proxy.listen(0, '127.0.0.1', () => {
    proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
    resolve();
  }));
}

beforeAll(async () => {
  h = await startHarness();
  await startProxy(h.server.url);
});
afterAll(async () => {
  await new Promise((resolve) => proxy?.close(resolve));
  await h?.close();
});

describe('a gateway timing out after the server posted', () => {
  it('makes the pane say the outcome is unknown, and Post again finishes the same post once', async () => {
    const page = await h.browser.newPage({ viewport: { width: 1360, height: 820 } });
    await page.goto(`${proxyUrl}/taskpane.html`);
    await page.waitForFunction(() => document.body.dataset.host === 'preview');
    await page.getByLabel('Access token').fill(ADMIN_TOKEN);
    await page.getByRole('button', { name: 'Connect' }).click();
    await page.getByText('Connected to').waitFor();
    const sheet = [['PO #', 'Item code', 'Lot #', 'Exp. date', 'Qty', 'Location'], ['PO-19', 'VAC-10', 'L19-GW', '2027-10-31', 5, 'COLD-1']];
    await page.evaluate((v) => { window.lotledgerPreview!.setValues('Sheet1', 'A1', v); window.lotledgerPreview!.select('Sheet1', 'B2'); }, sheet);
    await page.getByRole('button', { name: 'Check sheet' }).click();
    await page.getByText('Ready to post').waitFor();

    const post = page.getByRole('button', { name: 'Post 1 row' });
    await post.click();
    await page.getByText('The server did not say whether the rows were posted; press Post again to finish — it cannot post them twice.', { exact: false }).waitFor();
    expect(await page.getByText('Nothing was posted').count()).toBe(0);
    expect(posts.map((p) => p.answered)).toEqual([201]); // the server did post; the gateway said 504
    const stockOf = async () => (await h.api('GET', '/v1/reports/on-hand?sku=VAC-10')).json.rows
      .filter((r: { lot: string }) => r.lot === 'L19-GW').map((r: { qty: number }) => r.qty);
    expect(await stockOf()).toEqual([5]);

    await post.click();
    await page.getByText(/Posted as batch/).waitFor();
    expect(posts).toHaveLength(2);
    expect(posts[1].key).toBe(posts[0].key);
    expect(posts[1].body).toBe(posts[0].body);
    const batches = (await h.api('GET', '/v1/batches')).json.batches;
    expect(batches).toHaveLength(1);
    expect(await stockOf()).toEqual([5]);
    const status = await page.evaluate(() => window.lotledgerPreview!.getValues('Sheet1', 'G2')[0][0]);
    expect(status).toBe(`Posted ${batches[0].batchId}`);
    await page.close();
  });
});
