import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '@libsql/client';
import { startTarget, type Target } from './target';
import { api, type Api } from './http';
import { day, freshWorkspace, postOk, type Workspace } from './fixtures';

let target: Target;
let ws: Workspace;
let viewer: Api;
let clerk: Api;
let viewerToken: string;
beforeAll(async () => {
  target = await startTarget();
  ws = await freshWorkspace(target, 'roles');
  viewerToken = (await ws.admin.post('/v1/tokens', { name: 'quality', role: 'viewer' })).body.token;
  viewer = api(target, viewerToken);
  clerk = api(target, (await ws.admin.post('/v1/tokens', { name: 'receiving', role: 'clerk' })).body.token);
});
afterAll(() => target?.stop());

let receipts = 0;
// a PO of its own each, so no receipt repeats an earlier one (possible_duplicate)
const receipt = (qty = 5) => ({ type: 'receive', date: day(0), sku: 'GLV-M', qty, to: 'WH1-A', ref: `PO-7-${++receipts}` });

describe('roles', () => {
  it('lets a viewer read but not post, void or write master data', async () => {
    expect((await viewer.get('/v1/items')).status).toBe(200);
    expect((await viewer.get('/v1/locations')).status).toBe(200);
    expect((await viewer.get('/v1/batches')).status).toBe(200);
    const post = await viewer.post('/v1/batches', { rows: [receipt()] });
    expect(post.status).toBe(403);
    expect(post.body.error.code).toBe('forbidden');
    const batchId = await postOk(clerk, [receipt()]);
    expect((await viewer.post(`/v1/batches/${batchId}/void`, { reason: 'typo' })).status).toBe(403);
    expect((await viewer.post('/v1/items', { items: [] })).status).toBe(403);
  });

  it('lets a clerk post and void but not write items, locations or tokens', async () => {
    const batchId = await postOk(clerk, [receipt(3)]);
    expect((await clerk.post(`/v1/batches/${batchId}/void`, { reason: 'wrong PO' })).status).toBe(200);
    const items = await clerk.post('/v1/items', { items: [{ sku: 'NEW-1', name: 'New', lotTracked: 'no', serialTracked: 'no' }] });
    expect(items.status).toBe(403);
    expect((await clerk.post('/v1/locations', { locations: [{ code: 'X1' }] })).status).toBe(403);
    expect((await clerk.get('/v1/tokens')).status).toBe(403);
    expect((await clerk.post('/v1/tokens', { name: 'sneaky', role: 'admin' })).status).toBe(403);
    expect((await ws.admin.get('/v1/items')).body.items.map((i: { sku: string }) => i.sku)).not.toContain('NEW-1');
  });

  it('lets an admin do everything', async () => {
    expect((await ws.admin.post('/v1/locations', { locations: [{ code: 'DOCK-2', name: 'Dock 2' }] })).body).toEqual({ upserted: 1 });
    await postOk(ws.admin, [{ ...receipt(), to: 'DOCK-2' }]);
    expect((await ws.admin.get('/v1/tokens')).status).toBe(200);
  });
});

describe('tokens', () => {
  it('shows a new token once, lists tokens without secrets, and stores only a hash', async () => {
    const created = await ws.admin.post('/v1/tokens', { name: 'auditor', role: 'viewer' });
    expect(created.status).toBe(201);
    const secret: string = created.body.token;
    expect(secret).toMatch(/^ll_[A-Za-z0-9_-]{43}$/);
    const list = await ws.admin.get('/v1/tokens');
    expect(list.body.tokens.map((t: { name: string }) => t.name)).toEqual(expect.arrayContaining(['admin', 'quality', 'receiving', 'auditor']));
    expect(JSON.stringify(list.body)).not.toContain(secret);
    for (const t of list.body.tokens) expect(Object.keys(t).sort()).toEqual(['createdAt', 'name', 'role']);

    const db = createClient({ url: target.dbUrl });
    try {
      const rows = (await db.execute('SELECT * FROM token')).rows;
      expect(JSON.stringify(rows)).not.toContain(secret);
      const hash = Buffer.from(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(secret))).toString('hex');
      expect(rows.some((r) => r.hash === hash)).toBe(true);
    } finally {
      db.close();
    }
  });

  it('refuses a second live token with the same name', async () => {
    const res = await ws.admin.post('/v1/tokens', { name: 'quality', role: 'clerk' });
    expect(res.status).toBe(409);
  });

  it('stops a revoked token at once, and frees its name', async () => {
    const secret = (await ws.admin.post('/v1/tokens', { name: 'temp', role: 'clerk' })).body.token;
    expect((await api(target, secret).get('/v1/me')).status).toBe(200);
    expect((await ws.admin.delete('/v1/tokens/temp')).status).toBe(200);
    expect((await api(target, secret).get('/v1/me')).status).toBe(401);
    expect((await ws.admin.delete('/v1/tokens/temp')).status).toBe(404);
    expect((await ws.admin.post('/v1/tokens', { name: 'temp', role: 'viewer' })).status).toBe(201);
  });
});

describe('workspaces', () => {
  it('answers another workspace\'s batch as not existing, and shows none of its data', async () => {
    const other = await freshWorkspace(target, 'other');
    const theirs = await postOk(other.admin, [receipt(9)]);
    const mine = await ws.admin.get(`/v1/batches/${theirs}`);
    expect(mine.status).toBe(404);
    expect(mine.body.error.code).toBe('not_found');
    const none = await ws.admin.get('/v1/batches/B-0000000000000000');
    expect(none.status).toBe(404);
    expect(mine.body.error.message).toBe(none.body.error.message.replace('B-0000000000000000', theirs));
    expect((await ws.admin.post(`/v1/batches/${theirs}/void`, { reason: 'x' })).status).toBe(404);
    const listed = (await ws.admin.get('/v1/batches')).body.batches.map((b: { batchId: string }) => b.batchId);
    expect(listed).not.toContain(theirs);
    const theirToken = (await other.admin.post('/v1/tokens', { name: 'only-theirs', role: 'viewer' })).body.token;
    expect((await ws.admin.delete('/v1/tokens/only-theirs')).status).toBe(404);
    expect((await api(target, theirToken).get('/v1/me')).body.workspace).toBe(other.name);
    expect((await other.admin.get('/v1/me')).status).toBe(200);
  });
});
