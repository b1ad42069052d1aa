import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTarget, type Target } from './target';
import { freshWorkspace, type Workspace } from './fixtures';
import { api, type Api } from './http';

let target: Target;
let ws: Workspace & { viewer: Api; clerk: Api };
beforeAll(async () => {
  target = await startTarget();
  const base = await freshWorkspace(target, 'parties');
  const tokenOf = async (role: string) => (await base.admin.post('/v1/tokens', { name: `${role}-1`, role })).body.token as string;
  ws = { ...base, viewer: api(target, await tokenOf('viewer')), clerk: api(target, await tokenOf('clerk')) };
});
afterAll(() => target?.stop());

const farm = {
  name: 'Green Valley Farm', kind: 'grower', gln: '0614141000005', ffrn: '12345678901', phone: '+1 831 555 0100',
  address: '100 River Rd', city: 'Salinas', region: 'CA', postalCode: '93901', country: 'US',
};

describe('parties: suppliers and customers with location descriptions', () => {
  it('are saved by an admin, read by every role, and upserted by name', async () => {
    expect((await ws.admin.post('/v1/parties', { parties: [farm, { name: 'Bistro 9', kind: 'customer' }] })).body).toEqual({ upserted: 2 });
    const { body } = await ws.viewer.get('/v1/parties');
    expect(body.parties).toEqual([
      { name: 'Bistro 9', kind: 'customer', gln: null, ffrn: null, phone: null, address: null, city: null, region: null, postalCode: null, country: null },
      { ...farm, kind: 'supplier' },
    ]);
    await ws.admin.post('/v1/parties', { parties: [{ name: 'Bistro 9', kind: 'both', city: 'Monterey' }] });
    const again = (await ws.viewer.get('/v1/parties')).body.parties;
    expect(again).toHaveLength(2);
    expect(again[0]).toMatchObject({ name: 'Bistro 9', kind: 'both', city: 'Monterey' });
  });

  it('refuses bad rows with a problem each, and saves nothing', async () => {
    const res = await ws.admin.post('/v1/parties', { parties: [
      { name: 'Ok Farm', kind: 'supplier' },
      { name: '', kind: 'supplier' },
      { name: 'Odd', kind: 'friend' },
      { name: 'Bad GLN', kind: 'customer', gln: '0614141000006' },
      { name: 'Short FFRN', kind: 'customer', ffrn: '123' },
      { name: 'Ok Farm', kind: 'customer' },
      { name: 'Hidden\u202Ename', kind: 'customer' },
    ] });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('invalid_rows');
    expect(res.body.problems.map((p: { row: number; field: string; code: string }) => `${p.row} ${p.field} ${p.code}`)).toEqual([
      '1 name required', '2 kind invalid', '3 gln invalid', '4 ffrn invalid', '5 name invalid', '6 name invalid',
    ]);
    expect((await ws.viewer.get('/v1/parties')).body.parties.map((p: { name: string }) => p.name)).not.toContain('Ok Farm');
  });

  it('are written by admins only, and a request that is no list is refused', async () => {
    expect((await ws.clerk.post('/v1/parties', { parties: [farm] })).status).toBe(403);
    expect((await ws.admin.post('/v1/parties', { party: [farm] })).status).toBe(400);
    expect((await ws.admin.post('/v1/parties', { parties: 'Green Valley Farm' })).status).toBe(400);
  });
});
