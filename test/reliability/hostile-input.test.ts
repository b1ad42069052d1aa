/**
 * Hostile input: thousands of malformed, oversized, deeply nested, wrongly typed and
 * unicode-laden requests to every route, with every kind of token. Never a 5xx, never a
 * hang, the server stays healthy, and a refused request stores nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import fc from 'fast-check';
import { startLedgerTarget, type LedgerTarget } from './support/ledger-target';
import { ledgerViolations, tableCounts } from './support/ledger-invariants';
import { day, figure, scale } from './support/soak';

let t: LedgerTarget;
let tokens: Record<string, string>;
beforeAll(async () => {
  t = await startLedgerTarget();
  const ws = await t.workspace('fuzz');
  tokens = {
    admin: ws.token,
    clerk: await t.token(ws.admin, 'fuzz-clerk-7f3a', 'clerk'),
    viewer: await t.token(ws.admin, 'fuzz-viewer-7f3a', 'viewer'),
    revoked: await t.token(ws.admin, 'fuzz-revoked-7f3a', 'clerk'),
  };
  expect((await ws.admin.delete('/v1/tokens/fuzz-revoked-7f3a')).status).toBe(200);
  const seed = await ws.admin.post('/v1/batches', { rows: [
    { type: 'receive', date: day(0), sku: 'LOT-A', lot: 'L1', qty: 10, to: 'A', ref: 'PO-1' },
    { type: 'receive', date: day(0), sku: 'SER-B', serial: 'S1', to: 'A', ref: 'PO-1' },
  ] });
  expect(seed.status).toBe(201);
  batchId = seed.body.batchId;
});
afterAll(() => t?.stop());

let batchId = '';
const TIMEOUT_MS = 10_000;
const REQUESTS = scale(4000, 100_000);
const LIVE_TOKEN_NAMES = ['admin', 'fuzz-clerk-7f3a', 'fuzz-viewer-7f3a'];

// Text a sheet, a script or an attacker might send: unicode of every plane, lone surrogates,
// control characters, formula starts, SQL and path tricks, and long runs.
const nasty = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.constantFrom('\ud800', 'a\udfffb', '\u0000', '\u202e\u0041\u0042', '\ufeff', '🧪💉', 'ﷺ', '\t', '\r\n', ' ', '',
    "' OR 1=1 --", '"; DROP TABLE movement; --', '../../etc/passwd', '%00', '=cmd|"/c calc"!A1', '@SUM(A1)', '-5', '+1',
    '__proto__', 'constructor', 'x'.repeat(300), 'é'.repeat(5000), 'L1', 'S1', 'A', 'LOT-A', 'SER-B', 'PO-1'),
);
const scalar = fc.oneof(nasty, fc.double(), fc.integer(), fc.bigInt().map(String), fc.boolean(), fc.constant(null),
  fc.constantFrom(1e308, -0, 1e-300, Number.MAX_SAFE_INTEGER + 2, 0.1 + 0.2));
const json: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalar, tie('array'), tie('object')),
  array: fc.array(tie('value'), { maxLength: 4 }),
  object: fc.dictionary(fc.oneof(nasty, fc.constantFrom('rows', 'items', 'locations', 'name', 'role', 'reason', 'dryRun', 'source',
    'type', 'date', 'sku', 'lot', 'serial', 'qty', 'to', 'from', 'party', 'ref', 'note', 'gs1', '__proto__')), tie('value'), { maxKeys: 5 }),
})).value;
// Bodies near the real shapes, so the checks behind the shape checks get hit too.
const rowValue = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom('receive', 'ship', 'transfer', 'return', 'scrap', 'adjust', day(0), day(-3), '2099-01-01',
    'LOT-A', 'SER-B', 'BULK-C', 'LOTSER-D', 'A', 'B', 'C', 'L1', 'S1', 'S2', 'P', 1, 2, 10) },
  { weight: 2, arbitrary: nasty },
  { weight: 1, arbitrary: scalar },
);
const row = fc.dictionary(fc.constantFrom('type', 'date', 'sku', 'lot', 'serial', 'expiry', 'qty', 'from', 'to', 'party', 'ref', 'note', 'gs1'),
  rowValue, { maxKeys: 9 });
const shaped = fc.oneof(
  fc.record({ rows: fc.array(row, { maxLength: 5 }), dryRun: fc.oneof(fc.boolean(), scalar) }, { requiredKeys: ['rows'] }),
  fc.record({ items: fc.array(fc.dictionary(fc.constantFrom('sku', 'name', 'unit', 'lotTracked', 'serialTracked', 'requiresExpiry', 'gtin'), scalar), { maxLength: 3 }) }),
  fc.record({ locations: fc.array(fc.dictionary(fc.constantFrom('code', 'name'), scalar), { maxLength: 3 }) }),
  fc.record({ name: scalar, role: fc.oneof(scalar, fc.constantFrom('viewer', 'clerk', 'admin', 'root')) }),
  fc.record({ reason: scalar }),
  fc.record({ rows: fc.constant([]), source: json }),
);
const body = fc.oneof(
  { weight: 5, arbitrary: shaped.map((b) => JSON.stringify(b)) },
  json.map((b) => JSON.stringify(b) ?? 'undefined'),
  fc.string({ maxLength: 50 }),
  fc.constantFrom<string>('', '{', '{"rows": [', '[]', 'null', '"rows"', '{"rows": [{}]}', '{"rows": {"0": {}}}', '\u0000\u0001',
    '{"rows": [{"type": "receive"}], "rows": 5}', '{"__proto__": {"role": "admin"}, "name": "p", "role": "viewer"}',
    '['.repeat(100_000) + ']'.repeat(100_000), '{"a":'.repeat(50_000) + '1' + '}'.repeat(50_000)),
);
// Encoded as a client would; percent signs left as they are reach the router raw.
const enc = (s: string) => encodeURIComponent(s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd'));
const idPart = fc.oneof(nasty, fc.constantFrom('B-00000000', 'admin', "%2e%2e%2f", '%', '%zz'));
const path = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('/v1/batches', '/v1/batches', '/v1/items', '/v1/locations', '/v1/tokens') },
  fc.constantFrom('/v1/health', '/v1/me', '/v1/items', '/v1/locations', '/v1/tokens', '/v1/batches',
    '/v1/trace/lot', '/v1/trace/serial', '/v1/reports/recall', '/v1/reports/expiring', '/v1/reports/on-hand',
    '/v1/reports/movements', '/v1', '/', '/v2/batches', '/v1/batches/', '//v1/me'),
  fc.oneof(idPart.map(enc), fc.constantFrom('%', '%zz', '%2e%2e%2f', '..', '%00', '%ff%fe')).map((id) => `/v1/batches/${id}`),
  idPart.map((id) => `/v1/batches/${enc(id)}/void`),
  fc.constant('/v1/batches/SEED'),
  fc.constant('/v1/batches/SEED/void'),
  fc.oneof(idPart.filter((n) => !LIVE_TOKEN_NAMES.includes(n)).map(enc), fc.constantFrom('%', '%zz', '%E0%A4%A')).map((n) => `/v1/tokens/${n}`),
);
const query = fc.array(fc.tuple(
  fc.constantFrom('sku', 'lot', 'serial', 'from', 'to', 'asOf', 'days', 'limit', 'cursor', 'format', 'location', 'x'),
  fc.oneof(nasty, fc.constantFrom('LOT-A', 'L1', 'S1', 'csv', 'json', '30', '-1', '99999999999', day(0), '2026-02-30', 'abc')),
), { maxLength: 4 }).map((pairs) => (pairs.length ? `?${new URLSearchParams(pairs).toString()}` : ''));
const auth = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('admin', 'admin', 'clerk', 'clerk', 'viewer', 'revoked').map((r) => ({ authorization: `Bearer ${tokens[r]}` })) },
  fc.constantFrom<Record<string, string>>({}, { authorization: 'Bearer ll_not_a_real_token_at_all_000000000000' }, { authorization: 'Bearer' },
    { authorization: 'Basic YWRtaW46YWRtaW4=' }, { authorization: `Bearer ${'x'.repeat(10_000)}` }, { authorization: 'Bearer a b' }),
);
const anyRequest = fc.record({
  method: fc.constantFrom('GET', 'GET', 'POST', 'POST', 'POST', 'POST', 'DELETE', 'PUT', 'PATCH', 'OPTIONS', 'HEAD'),
  path, query, auth, body,
  contentType: fc.constantFrom('application/json', 'application/json', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', ''),
  extra: fc.constantFrom<Record<string, string>>({}, {}, { 'idempotency-key': 'fuzz-key' }, { 'idempotency-key': 'k'.repeat(300) }, { origin: 'https://evil.example' }),
});
// Batches a clerk's script might get wrong, so the ledger's own checks are fuzzed too.
const batchRequest = fc.record({
  method: fc.constant('POST'),
  path: fc.constant('/v1/batches'),
  query: fc.constant(''),
  auth: fc.constantFrom('admin', 'clerk').map((r) => ({ authorization: `Bearer ${tokens[r]}` })),
  body: fc.record({ rows: fc.array(row, { minLength: 1, maxLength: 5 }), dryRun: fc.boolean() }).map((b) => JSON.stringify(b)),
  contentType: fc.constant('application/json'),
  extra: fc.constantFrom<Record<string, string>>({}, { 'idempotency-key': 'fuzz-batch' }),
});
// Master data and tokens with names drawn from a few, so the same name comes twice (upserts,
// a second live token of one name, revoking what was revoked).
const fewNames = fc.constantFrom('dup', 'DUP', 'dup ', 'é', '=1+1', '🧪');
const adminRequest = fc.oneof(
  fc.record({ method: fc.constant('POST'), path: fc.constant('/v1/tokens'),
    body: fc.record({ name: fewNames, role: fc.constantFrom('viewer', 'clerk', 'admin', 'owner') }).map((b) => JSON.stringify(b)) }),
  fc.record({ method: fc.constant('DELETE'), path: fewNames.map((n) => `/v1/tokens/${encodeURIComponent(n)}`), body: fc.constant('') }),
  fc.record({ method: fc.constant('POST'), path: fc.constant('/v1/items'),
    body: fc.array(fc.record({ sku: fewNames, name: fewNames, lotTracked: fc.boolean(), serialTracked: fc.boolean() }), { maxLength: 3 })
      .map((items) => JSON.stringify({ items })) }),
  fc.record({ method: fc.constant('POST'), path: fc.constant('/v1/locations'),
    body: fc.array(fc.record({ code: fewNames, name: fewNames }), { maxLength: 3 }).map((locations) => JSON.stringify({ locations })) }),
).map((r) => ({ ...r, query: '', auth: { authorization: `Bearer ${tokens.admin}` }, contentType: 'application/json', extra: {} as Record<string, string> }));
const request = fc.oneof({ weight: 6, arbitrary: anyRequest }, { weight: 2, arbitrary: batchRequest }, { weight: 1, arbitrary: adminRequest });

/**
 * One request on its own connection (node:http, no keep-alive): a server that answers before
 * reading a hostile body may close the socket, and a reused socket would blame the next request.
 */
function send(r: { method: string; url: string; headers: Record<string, string>; body: string | null }) {
  return new Promise<{ status: number; text: string; type: string }>((resolve, reject) => {
    const headers = r.body === null ? r.headers : { ...r.headers, 'content-length': String(Buffer.byteLength(r.body)) };
    const req = http.request(r.url, { method: r.method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8'), type: String(res.headers['content-type'] ?? '') }));
      res.on('error', reject);
    });
    req.setTimeout(TIMEOUT_MS, () => req.destroy(new Error(`no answer within ${TIMEOUT_MS} ms: ${r.method} ${r.url}`)));
    // The server may answer (401, 413) and close before taking the whole body: that is its right.
    req.on('error', (e: NodeJS.ErrnoException) => (e.code === 'EPIPE' || e.code === 'ECONNRESET' ? undefined : reject(e)));
    req.end(r.body ?? undefined);
  });
}

let fuzzed = 0;
const statuses: Record<number, number> = {};

describe('hostile requests to every route', () => {
  it('never get a 5xx or hang, get a JSON error when refused, and a refused request stores nothing', async () => {
    await fc.assert(fc.asyncProperty(request, async (q) => {
      const before = await tableCounts(t.db);
      const withBody = q.method !== 'GET' && q.method !== 'HEAD';
      const res = await send({
        method: q.method,
        url: t.baseUrl + q.path.replace('SEED', batchId) + q.query,
        headers: { ...q.auth, ...q.extra, ...(q.contentType ? { 'content-type': q.contentType } : {}) },
        body: withBody ? q.body : null,
      });
      fuzzed++;
      statuses[res.status] = (statuses[res.status] ?? 0) + 1;
      const said = `${q.method} ${`${q.path}${q.query}`.slice(0, 200)} → ${res.status} ${res.text.slice(0, 300)}`;
      expect(res.status, said).toBeLessThan(500);
      // Node's HTTP parser itself refuses some requests (a URL over 16 KB: 431) before the app sees them.
      const refusedByHttp = res.text === '' && (res.status === 400 || res.status === 431);
      if (res.status >= 400 && q.method !== 'HEAD' && !refusedByHttp) {
        expect(res.type, said).toMatch(/application\/json/);
        const parsed = JSON.parse(res.text);
        expect(typeof parsed.error.code).toBe('string');
        expect(typeof parsed.error.message).toBe('string');
        expect(await tableCounts(t.db)).toEqual(before);
      }
    }), { numRuns: REQUESTS });
    figure('requests fuzzed', { fuzzed, statuses });
    expect((await fetch(`${t.baseUrl}/v1/health`)).status).toBe(200);
    expect(await ledgerViolations(t.db)).toEqual([]);
  });

  it('hold the limits: body size, row count and field length, with sentences that say so', async () => {
    const admin = t.client(tokens.admin);
    const before = await tableCounts(t.db);
    // 33 MB of JSON, to each route that takes a body
    const big = `{"rows": [${'"x",'.repeat(33 * 1024 * 1024 / 4)}"x"]}`;
    for (const p of ['/v1/batches', '/v1/items', '/v1/locations', '/v1/tokens', `/v1/batches/${batchId}/void`]) {
      const res = await admin.raw('POST', p, big);
      expect(res.status, p).toBe(413);
      expect(res.body.error.code).toBe('too_large');
      expect(res.body.error.message).toMatch(/32 MB/);
    }
    const rows = Array.from({ length: 100_001 }, () => ({ type: 'receive', date: day(0), sku: 'BULK-C', qty: 1, to: 'A', ref: 'P' }));
    const tooMany = await admin.post('/v1/batches', { rows });
    expect(tooMany.status).toBe(413);
    expect(tooMany.body.error.message).toMatch(/100,000 rows/);
    const long = await admin.post('/v1/batches', { rows: [
      { type: 'receive', date: day(0), sku: 'LOT-A', lot: 'L'.repeat(41), qty: 1, to: 'A', ref: 'PO' },
      { type: 'receive', date: day(0), sku: 'SER-B', serial: 'S'.repeat(41), to: 'A', ref: 'PO' },
      { type: 'receive', date: day(0), sku: 'BULK-C', qty: 1, to: 'A', ref: 'R'.repeat(5000) },
      { type: 'receive', date: day(0), sku: 'BULK-C', qty: 1, to: 'A', ref: 'PO', party: 'P'.repeat(5000) },
      { type: 'receive', date: day(0), sku: 'BULK-C', qty: 1, to: 'A', ref: 'PO', note: 'N'.repeat(1001) },
    ] });
    expect(long.status).toBe(422);
    expect(long.body.problems.map((p: { row: number; field: string; code: string }) => `${p.row} ${p.field} ${p.code}`)).toEqual([
      '0 lot invalid', '1 serial invalid', '2 ref invalid', '3 party invalid', '4 note invalid',
    ]);
    for (const p of long.body.problems) expect(p.message).toMatch(/at most \d+/);
    const longKey = await admin.raw('POST', '/v1/batches', JSON.stringify({ rows: [] , dryRun: true }), { 'idempotency-key': 'k'.repeat(256) });
    expect(longKey.status).toBe(400);
    expect(await tableCounts(t.db)).toEqual(before);
    expect((await fetch(`${t.baseUrl}/v1/health`)).status).toBe(200);
  });
});
