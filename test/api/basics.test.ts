import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTarget, type Target } from './target';
import { api, postStreamed } from './http';
import { day, freshWorkspace, type Workspace } from './fixtures';
import { WORKER_LIMITS } from '../../server/worker-limits';

let target: Target;
let ws: Workspace;
beforeAll(async () => {
  target = await startTarget();
  ws = await freshWorkspace(target, 'basics');
});
afterAll(() => target?.stop());

describe('the API basics', () => {
  it('answers health without a token', async () => {
    const res = await api(target, null).get('/v1/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ok: true });
  });

  it('refuses every other route without a token, with an unknown token, or a malformed header', async () => {
    for (const token of [null, 'll_not-a-real-token']) {
      const res = await api(target, token).get('/v1/items');
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('unauthorized');
    }
    const res = await api(target, null).raw('GET', '/v1/me', null, { authorization: 'Basic abc' });
    expect(res.status).toBe(401);
  });

  it('tells a token which workspace and role it has', async () => {
    const res = await ws.admin.get('/v1/me');
    expect(res.body).toEqual({ workspace: ws.name, role: 'admin', tokenName: 'admin' });
  });

  it('answers an unknown path with a JSON 404', async () => {
    const res = await ws.admin.get('/v1/nothing-here');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('not_found');
  });

  it('answers malformed JSON with 400 invalid_json and posts nothing', async () => {
    const res = await ws.admin.raw('POST', '/v1/batches', '{"rows": [');
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_json');
    expect((await ws.admin.get('/v1/batches')).body.batches).toEqual([]);
  });

  it('names an unknown field of a row instead of ignoring it', async () => {
    const res = await ws.admin.post('/v1/batches', { rows: [{ type: 'receive', sku: 'GLV-M', lott: 'X' }] });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_request');
    expect(res.body.error.message).toContain("Row 0 has an unknown field 'lott'");
  });

  it('refuses wrong JSON types with 400, never 500', async () => {
    const bodies: unknown[] = [
      [], 'rows', { rows: 'all' }, { rows: [1] }, { rows: [{ qty: { n: 1 } }] }, { rows: [{ sku: ['GLV-M'] }] },
      { rows: [{ sku: 'GLV-M' }], dryRun: 'yes' }, { rows: [{ sku: 'GLV-M' }], source: 'book' },
      { rows: [{ sku: 'GLV-M' }], source: { workbook: 7 } }, { rows: [{ sku: 'GLV-M' }], extra: 1 }, { rows: [] },
    ];
    for (const body of bodies) {
      const res = await ws.admin.post('/v1/batches', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe('invalid_request');
    }
    for (const body of [{ items: 'x' }, { items: [{ sku: 'A', name: 'B', lotTracked: 'no', serialTracked: 'no' }], more: 1 }]) {
      expect((await ws.admin.post('/v1/items', body)).status).toBe(400);
    }
    expect((await ws.admin.post('/v1/locations', { locations: {} })).status).toBe(400);
    expect((await ws.admin.post('/v1/tokens', { name: 'x', role: 'owner' })).status).toBe(400);
  });

  it('refuses more rows than the deployment takes (100,000; fewer on Workers) with 413 too_large', async () => {
    const maxRows = target.name === 'worker' ? WORKER_LIMITS.maxRows : 100_000;
    const rows = Array.from({ length: maxRows + 1 }, () => ({}));
    const res = await ws.admin.post('/v1/batches', { rows });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('too_large');
    expect(res.body.error.message).toContain(`${maxRows.toLocaleString('en-US')} rows`);
  });

  it('refuses a body over 32 MB with 413 too_large, counting the bytes that stream in', async () => {
    const res = await postStreamed(target, ws.token, '/v1/batches', 32 * 1024 * 1024 + 10);
    expect(res.status).toBe(413);
    expect((await res.json()).error.code).toBe('too_large');
  });

  it('keeps where a batch came from', async () => {
    const source = { workbook: 'Receiving Nov.xlsx', sheet: 'Sheet1', range: 'A1:J2' };
    const res = await ws.admin.post('/v1/batches', {
      rows: [{ type: 'receive', date: day(0), sku: 'GLV-M', qty: 5, to: 'WH1-A', ref: 'PO-1' }], source,
    });
    expect(res.status).toBe(201);
    const batch = await ws.admin.get(`/v1/batches/${res.body.batchId}`);
    expect(batch.body.source).toEqual(source);
    expect(batch.body.postedBy).toBe('admin');
  });
});
