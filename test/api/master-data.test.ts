import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTarget, type Target } from './target';
import { day, freshWorkspace, postOk, sampleItems, sampleLocations, type Workspace } from './fixtures';

let target: Target;
let ws: Workspace;
beforeAll(async () => {
  target = await startTarget();
  ws = await freshWorkspace(target, 'master');
});
afterAll(() => target?.stop());

describe('items and locations', () => {
  it('are seen by the next post when saved between two posts', async () => {
    const { admin } = await freshWorkspace(target, 'between');
    await postOk(admin, [{ type: 'receive', date: day(0), sku: 'GLV-M', qty: 1, to: 'WH1-A', ref: 'PO-B1' }]);
    const saved = await admin.post('/v1/locations', { locations: [{ code: 'BETWEEN-1', name: 'Saved between posts' }] });
    expect(saved.status).toBe(200);
    await postOk(admin, [{ type: 'receive', date: day(0), sku: 'GLV-M', qty: 2, to: 'BETWEEN-1', ref: 'PO-B2' }]);
    const item = { sku: 'BETWEEN-SKU', name: 'Saved between posts', unit: 'each', lotTracked: 'no', serialTracked: 'no' };
    expect((await admin.post('/v1/items', { items: [item] })).status).toBe(200);
    await postOk(admin, [{ type: 'receive', date: day(0), sku: 'BETWEEN-SKU', qty: 3, to: 'BETWEEN-1', ref: 'PO-B3' }]);
  });

  it('loads the sample item master and reads it back typed', async () => {
    const { body } = await ws.admin.get('/v1/items');
    expect(body.items).toHaveLength(sampleItems().length);
    expect(body.items.find((i: { sku: string }) => i.sku === 'VAC-10')).toEqual({
      sku: 'VAC-10', name: 'Influenza vaccine 10 x 0.5 ml', unit: 'box', lotTracked: true, serialTracked: false,
      requiresExpiry: true, gtin: '09506000134352', warrantyDays: null,
    });
    expect((await ws.admin.get('/v1/locations')).body.locations.map((l: { code: string }) => l.code).sort())
      .toEqual(sampleLocations().map((l) => l.code).sort());
  });

  it('upserts by sku: a second post updates, it does not duplicate', async () => {
    const res = await ws.admin.post('/v1/items', { items: [{ sku: 'GLV-M', name: 'Nitrile gloves M (box of 100)', lotTracked: 'no', serialTracked: 'no' }] });
    expect(res.body).toEqual({ upserted: 1 });
    const items = (await ws.admin.get('/v1/items')).body.items.filter((i: { sku: string }) => i.sku === 'GLV-M');
    expect(items).toEqual([expect.objectContaining({ name: 'Nitrile gloves M (box of 100)', unit: 'each' })]);
  });

  it('refuses bad item rows with 422 and their problems, saving none of the request', async () => {
    const res = await ws.admin.post('/v1/items', { items: [
      { sku: 'OK-1', name: 'Fine', lotTracked: 'no', serialTracked: 'no' },
      { sku: 'BAD GTIN', name: 'x', lotTracked: 'no', serialTracked: 'no', gtin: '09506000134353' },
    ] });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('invalid_rows');
    expect(res.body.problems.map((p: { row: number; field: string; code: string }) => `${p.row} ${p.field} ${p.code}`))
      .toEqual(['1 sku invalid', '1 gtin gtin_check_digit']);
    expect((await ws.admin.get('/v1/items')).body.items.map((i: { sku: string }) => i.sku)).not.toContain('OK-1');
  });

  it('refuses a GTIN that another item already has', async () => {
    const res = await ws.admin.post('/v1/items', { items: [{ sku: 'VAC-20', name: 'x', lotTracked: 'yes', serialTracked: 'no', gtin: '09506000134352' }] });
    expect(res.status).toBe(422);
    expect(res.body.problems[0]).toMatchObject({ field: 'gtin' });
  });

  it('locks the tracking of an item once it has movements, but not its name', async () => {
    const fresh = { sku: 'NEW-9', name: 'New', lotTracked: 'no', serialTracked: 'no' };
    await ws.admin.post('/v1/items', { items: [fresh] });
    // no movements yet: tracking may still change
    expect((await ws.admin.post('/v1/items', { items: [{ ...fresh, lotTracked: 'yes' }] })).status).toBe(200);
    expect((await ws.admin.post('/v1/items', { items: [fresh] })).status).toBe(200);
    await postOk(ws.admin, [{ type: 'receive', date: day(0), sku: 'NEW-9', qty: 1, to: 'WH1-A', ref: 'PO-1' }]);
    const locked = await ws.admin.post('/v1/items', { items: [{ ...fresh, serialTracked: 'yes' }] });
    expect(locked.status).toBe(422);
    expect(locked.body.error.code).toBe('tracking_locked');
    expect(locked.body.problems[0]).toMatchObject({ row: 0, field: 'serialTracked' });
    expect((await ws.admin.post('/v1/items', { items: [{ ...fresh, name: 'Renamed' }] })).status).toBe(200);
  });

  it('refuses bad location rows with 422', async () => {
    const res = await ws.admin.post('/v1/locations', { locations: [{ code: 'A 1' }, { code: '' }] });
    expect(res.status).toBe(422);
    expect(res.body.problems.map((p: { code: string }) => p.code)).toEqual(['invalid', 'required']);
  });
});
