/**
 * Issue 19, "nothing a client sends can take the ledger down": lone UTF-16 surrogates, bodies
 * of other media types, identifiers that look alike but are not, and an upload answered 413
 * on a kept-alive connection.
 */
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTarget, type Target } from './target';
import { api, type Api } from './http';
import { day, freshWorkspace, postOk, type Workspace } from './fixtures';
import { WORKER_LIMITS } from '../../server/worker-limits';
import { DEFAULT_MAX_BODY_BYTES } from '../../server/app';

let target: Target;
let ws: Workspace;
let batchId: string;
beforeAll(async () => {
  target = await startTarget();
  ws = await freshWorkspace(target, 'hostile');
  batchId = await postOk(ws.admin, [{ type: 'receive', date: day(0), sku: 'GLV-M', qty: 5, to: 'WH1-A', ref: 'PO-1' }]);
});
afterAll(() => target?.stop());

/** What the workspace holds, read through the API: a refused request must change none of it. */
async function holdings(client: Api) {
  const [batches, items, locations, tokens, movements] = await Promise.all(
    ['/v1/batches', '/v1/items', '/v1/locations', '/v1/tokens', '/v1/reports/movements'].map((p) => client.get(p)));
  for (const r of [batches, items, locations, tokens, movements]) expect(r.status, JSON.stringify(r.body)).toBe(200);
  return { batches: batches.body, items: items.body, locations: locations.body, tokens: tokens.body, movements: movements.body };
}

/** A request with exactly these headers and body (no Content-Type added). */
async function send(method: string, path: string, body: BodyInit | null, headers: Record<string, string>) {
  const res = await fetch(target.baseUrl + path, { method, body, headers: { authorization: `Bearer ${ws.token}`, ...headers } });
  const text = await res.text();
  let parsed: any = text;
  try { parsed = JSON.parse(text); } catch { /* keep the text */ }
  return { status: res.status, body: parsed };
}

describe('a lone UTF-16 surrogate', () => {
  const row = { type: 'receive', date: day(0), sku: 'VAC-10', lot: 'L19', expiry: day(300), qty: 1, to: 'WH1-A', ref: 'PO-19', party: 'Acme', note: 'n' };
  const serialRow = { type: 'receive', date: day(0), sku: 'PUMP-3', serial: 'SN19', to: 'WH1-A', ref: 'PO-19' };
  // JSON.stringify writes a lone surrogate as its \ud800 escape, as a script's JSON library would.
  const bad = (text: string) => `${text}\ud800x`;
  const requests: [string, string, unknown][] = [
    ...(['lot', 'party', 'ref', 'note', 'sku', 'to', 'type', 'date', 'expiry'] as const).map((f): [string, string, unknown] =>
      [`row ${f}`, '/v1/batches', { rows: [{ ...row, [f]: bad(String(row[f])) }] }]),
    ['row serial', '/v1/batches', { rows: [{ ...serialRow, serial: bad('SN') }] }],
    ['a lone low surrogate', '/v1/batches', { rows: [{ ...row, note: 'x\udc00y' }] }],
    ['a pair in the wrong order', '/v1/batches', { rows: [{ ...row, note: 'x\udc00\ud800y' }] }],
    ['a dry run', '/v1/batches', { rows: [{ ...row, note: bad('n') }], dryRun: true }],
    ['source', '/v1/batches', { rows: [row], source: { workbook: bad('Book.xlsx'), sheet: 'S', range: 'A1:B2' } }],
    ['a key', '/v1/batches', { rows: [row], [bad('k')]: 1 }],
    ['void reason', `/v1/batches/BATCH/void`, { reason: bad('wrong') }],
    ['item name', '/v1/items', { items: [{ sku: 'NEW-1', name: bad('Thing'), lotTracked: false, serialTracked: false }] }],
    ['item sku', '/v1/items', { items: [{ sku: bad('NEW-'), name: 'Thing', lotTracked: false, serialTracked: false }] }],
    ['location code', '/v1/locations', { locations: [{ code: bad('LOC-') }] }],
    ['location name', '/v1/locations', { locations: [{ code: 'LOC-19', name: bad('Shelf') }] }],
    ['token name', '/v1/tokens', { name: bad('robot'), role: 'viewer' }],
  ];

  it('is refused with 400 invalid_json in every text field, naming where, and nothing is stored', async () => {
    const before = await holdings(ws.admin);
    for (const [what, path, body] of requests) {
      const res = await ws.admin.post(path.replace('BATCH', batchId), body);
      expect(res.status, `${what}: ${JSON.stringify(res.body)}`).toBe(400);
      expect(res.body.error.code, what).toBe('invalid_json');
      expect(res.body.error.message, what).toMatch(/lone UTF-16 surrogate/);
    }
    const named = await ws.admin.post('/v1/batches', { rows: [row, { ...row, note: bad('n') }] });
    expect(named.body.error.message).toMatch(/at rows\[1\]\.note/);
    // Every read still answers (a stored surrogate made each one fail, and the Node process abort).
    expect(await holdings(ws.admin)).toEqual(before);
    const csv = await send('GET', '/v1/reports/movements?format=csv', null, {});
    expect(csv.status).toBe(200);
    expect(String(csv.body).trim().split('\n').length).toBeGreaterThan(1);
  });

  it('is told apart from a surrogate pair and from an escaped backslash, which are fine', async () => {
    const res = await ws.admin.raw('POST', '/v1/batches',
      `{"rows": [{"type": "receive", "date": "${day(0)}", "sku": "GLV-M", "qty": 1, "to": "WH1-A", "ref": "PO-20", "note": "vial \\ud83e\\uddea and \\\\ud800"}]}`);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const batch = await ws.admin.get(`/v1/batches/${res.body.batchId}`);
    expect(batch.body.movements[0].note).toBe('vial \u{1F9EA} and \\ud800');
  });
});

describe('a write whose body is not JSON', () => {
  const rows = JSON.stringify({ rows: [{ type: 'receive', date: day(0), sku: 'GLV-M', qty: 1, to: 'WH1-A', ref: 'PO-415' }] });
  it('gets 415 unsupported_media_type for text/plain, a form, a +json type or no type at all, and stores nothing', async () => {
    const before = await holdings(ws.admin);
    const cases: [string, string, BodyInit, Record<string, string>][] = [
      ['POST', '/v1/batches', rows, { 'content-type': 'text/plain' }],
      ['POST', '/v1/batches', rows, { 'content-type': 'text/plain;charset=UTF-8' }],
      ['POST', '/v1/batches', 'rows=1', { 'content-type': 'application/x-www-form-urlencoded' }],
      ['POST', '/v1/batches', rows, { 'content-type': 'application/merge-patch+json' }],
      ['POST', '/v1/batches', new TextEncoder().encode(rows), {}],
      ['POST', '/v1/items', JSON.stringify({ items: [{ sku: 'T-415', name: 'T', lotTracked: false, serialTracked: false }] }), { 'content-type': 'text/plain' }],
      ['POST', '/v1/locations', JSON.stringify({ locations: [{ code: 'L-415' }] }), { 'content-type': 'application/x-www-form-urlencoded' }],
      ['POST', '/v1/tokens', JSON.stringify({ name: 't415', role: 'viewer' }), { 'content-type': 'text/plain' }],
      ['POST', `/v1/batches/${batchId}/void`, JSON.stringify({ reason: 'r' }), { 'content-type': 'text/plain' }],
      ['DELETE', '/v1/tokens/admin', 'x', { 'content-type': 'text/plain' }],
    ];
    for (const [method, path, body, headers] of cases) {
      const res = await send(method, path, body, headers);
      const said = `${method} ${path} ${JSON.stringify(headers)}: ${JSON.stringify(res.body)}`;
      expect(res.status, said).toBe(415);
      expect(res.body.error, said).toEqual({ code: 'unsupported_media_type', message: 'Send JSON with Content-Type: application/json.' });
    }
    expect(await holdings(ws.admin)).toEqual(before);
  });

  it('is JSON with a charset parameter, or has no body and needs no type', async () => {
    const res = await send('POST', '/v1/batches', rows, { 'content-type': 'Application/JSON; charset=utf-8' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const token = await ws.admin.post('/v1/tokens', { name: 'bodyless-415', role: 'viewer' });
    expect(token.status).toBe(201);
    const revoke = await send('DELETE', '/v1/tokens/bodyless-415', null, {});
    expect(revoke.status, JSON.stringify(revoke.body)).toBe(200);
  });
});

describe('identifiers are one thing each', () => {
  it('a serial received decomposed (A + U+0301) is shipped and traced composed (\u00C1), and the other way round', async () => {
    await postOk(ws.admin, [{ type: 'receive', date: day(0), sku: 'PUMP-3', serial: 'A\u0301X-19', to: 'WH1-A', ref: 'PO-NFC' }]);
    await postOk(ws.admin, [{ type: 'ship', date: day(0), sku: 'PUMP-3', serial: '\u00C1X-19', from: 'WH1-A', party: 'Clinic', ref: 'SO-NFC' }]);
    for (const serial of ['\u00C1X-19', 'A\u0301X-19']) {
      const trace = await ws.admin.get(`/v1/trace/serial?serial=${encodeURIComponent(serial)}`);
      expect(trace.status, JSON.stringify(trace.body)).toBe(200);
      expect(trace.body.unit).toMatchObject({ serial: '\u00C1X-19', state: 'shipped', party: 'Clinic' });
    }
    const again = await ws.admin.post('/v1/batches', { rows: [{ type: 'receive', date: day(0), sku: 'PUMP-3', serial: '\u00C1X-19', to: 'WH1-A', ref: 'PO-NFC2' }] });
    expect(again.body.problems?.map((p: { code: string }) => p.code)).toEqual(['serial_exists']);
  });

  const LISTED: [string, string][] = [
    ['\u202E', 'U+202E RIGHT-TO-LEFT OVERRIDE'], ['\u200F', 'U+200F RIGHT-TO-LEFT MARK'], ['\u2066', 'U+2066 LEFT-TO-RIGHT ISOLATE'],
    ['\u2062', 'U+2062 INVISIBLE TIMES'], ['\u00AD', 'U+00AD SOFT HYPHEN'], ['\u034F', 'U+034F COMBINING GRAPHEME JOINER'],
    ['\u180E', 'U+180E MONGOLIAN VOWEL SEPARATOR'], ['\uFE0F', 'U+FE0F VARIATION SELECTOR-16'], ['\u3164', 'U+3164 HANGUL FILLER'],
    ['\u115F', 'U+115F HANGUL CHOSEONG FILLER'], ['\u1160', 'U+1160 HANGUL JUNGSEONG FILLER'], ['\uFFA0', 'U+FFA0 HALFWIDTH HANGUL FILLER'],
    ['\u{E0041}', 'U+E0041'], ['\u200D', 'U+200D ZERO WIDTH JOINER'],
  ];

  it('each invisible or direction-changing character is refused in lot, serial, sku, from and to, by name', async () => {
    const rows = LISTED.flatMap(([c]) => [
      { type: 'receive', date: day(0), sku: 'IMP-7', lot: `L${c}1`, serial: `S${c}1`, expiry: day(300), to: 'WH1-A', ref: 'PO' },
      { type: 'transfer', date: day(0), sku: `GLV${c}-M`, qty: 1, from: `WH1${c}-A`, to: `WH1-${c}B` },
    ]);
    const res = await ws.admin.post('/v1/batches', { rows, dryRun: true });
    expect(res.status).toBe(200);
    LISTED.forEach(([, name], i) => {
      const mine = res.body.problems.filter((p: { row: number }) => p.row === 2 * i || p.row === 2 * i + 1);
      expect(mine.map((p: { row: number; field: string; code: string }) => `${p.row - 2 * i} ${p.field} ${p.code}`), name)
        .toEqual(['0 lot invalid', '0 serial invalid', '1 sku invalid', '1 from invalid', '1 to invalid']);
      for (const p of mine) expect(p.message, name).toContain(name);
    });
  });

  it('an item sku or location code with one is refused by name, and nothing is stored', async () => {
    const before = await holdings(ws.admin);
    for (const [c, name] of LISTED) {
      const items = await ws.admin.post('/v1/items', { items: [{ sku: `NEW${c}-1`, name: 'N', lotTracked: false, serialTracked: false }] });
      expect(items.status, name).toBe(422);
      expect(items.body.problems).toMatchObject([{ field: 'sku', code: 'invalid', message: expect.stringContaining(name) }]);
      const locations = await ws.admin.post('/v1/locations', { locations: [{ code: `LOC-${c}1` }] });
      expect(locations.status, name).toBe(422);
      expect(locations.body.problems).toMatchObject([{ field: 'code', code: 'invalid', message: expect.stringContaining(name) }]);
    }
    expect(await holdings(ws.admin)).toEqual(before);
  });
});

describe('an upload answered 413 on a kept-alive connection', () => {
  it('leaves the connection able to answer the next request', async () => {
    const limit = target.name === 'worker' ? WORKER_LIMITS.maxBodyBytes : DEFAULT_MAX_BODY_BYTES;
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const url = new URL(target.baseUrl);
      const request = (method: string, path: string, chunks: number) => new Promise<{ status: number; text: string }>((resolve, reject) => {
        const req = http.request({ host: url.hostname, port: url.port, method, path, agent,
          headers: { authorization: `Bearer ${ws.token}`, 'content-type': 'application/json', ...(chunks ? { 'transfer-encoding': 'chunked' } : {}) } }, (res) => {
          const parts: Buffer[] = [];
          res.on('data', (c: Buffer) => parts.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(parts).toString('utf8') }));
          res.on('error', reject);
        });
        req.setTimeout(15_000, () => req.destroy(new Error(`${method} ${path}: no answer within 15 s`)));
        // The server may answer and close before it has taken the whole upload: that is its right.
        req.on('error', (e: NodeJS.ErrnoException) => (chunks && (e.code === 'EPIPE' || e.code === 'ECONNRESET') ? undefined : reject(e)));
        const chunk = Buffer.alloc(1 << 20, 0x20);
        for (let i = 0; i < chunks; i++) req.write(chunk);
        req.end();
      });
      const big = await request('POST', '/v1/batches', Math.ceil(limit / (1 << 20)) + 1);
      expect(big.status, big.text).toBe(413);
      for (const path of ['/v1/health', '/v1/me']) {
        const next = await request('GET', path, 0);
        expect(next.status, `${path}: ${next.text}`).toBe(200);
      }
    } finally {
      agent.destroy();
    }
  });
});
