import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { startTarget, type Target } from './target';
import { day, freshWorkspace, type Workspace } from './fixtures';

let target: Target;
let ws: Workspace;
beforeAll(async () => {
  target = await startTarget();
  ws = await freshWorkspace(target, 'fuzz');
});
afterAll(() => target?.stop());

// Values a sheet or a careless script might send: near-valid codes, odd numbers, junk text.
const value = fc.oneof(
  fc.constantFrom('receive', 'ship', 'transfer', 'return', 'scrap', 'adjust', 'Receipt', 'gift', '',
    'VAC-10', 'PUMP-3', 'IMP-7', 'GLV-M', 'SAL-500', 'WH1-A', 'WH1-B', 'COLD-1', 'FLU2611A', 'SN-1', 'P3-000981',
    day(0), day(-5), day(3), '2027-02-30', '1999-01-01', '(01)09506000134352(17)271031(10)FLU2612C', ']d2010950600013435210X',
    '=HYPERLINK("x")', 'a\u0000b', ' \u00A0', 'x'.repeat(300)),
  fc.string({ maxLength: 12 }),
  fc.double({ noNaN: false }),
  fc.integer({ min: -5, max: 5 }),
  fc.constant(null),
);
const row = fc.dictionary(
  fc.constantFrom('type', 'date', 'sku', 'lot', 'serial', 'expiry', 'qty', 'from', 'to', 'party', 'ref', 'note', 'gs1'),
  value, { maxKeys: 10 },
);

describe('any rows a client can send', () => {
  it('get a checked answer (200, 201 or 422), never a server error, and a refused batch stores nothing', async () => {
    await fc.assert(fc.asyncProperty(fc.array(row, { minLength: 1, maxLength: 8 }), fc.boolean(), async (rows, dryRun) => {
      const before = (await ws.admin.get('/v1/batches')).body.batches.length;
      const res = await ws.admin.post('/v1/batches', { rows, dryRun });
      expect([200, 201, 422], JSON.stringify({ rows, body: res.body })).toContain(res.status);
      const after = (await ws.admin.get('/v1/batches')).body.batches.length;
      expect(after).toBe(res.status === 201 ? before + 1 : before);
    }), { numRuns: 150 });
  });
});
