import { describe, expect, it, vi } from 'vitest';
import type { LookupAnswer, LookupRequest } from '../../shared/lookup-answers';
import { MAX_LOOKUP_ENTRIES } from '../../shared/lookup-answers';
import { LookupBatcher } from './batcher';
import { cellFunctions, NotConnected } from './cell-functions';

/** A server that knows VAC-10 (lot FLU-A, 66 on hand, expiring 2026-12-31) and the serial P-1 at WH1-A. */
function fakeServer() {
  const requests: LookupRequest[] = [];
  const send = vi.fn(async (r: LookupRequest): Promise<LookupAnswer> => {
    requests.push(r);
    return {
      onHand: (r.onHand ?? []).map((k) => (k.sku === 'VAC-10' ? { qty: k.lot === 'FLU-A' ? 66 : 70, found: true } : k.sku === 'IDLE' ? { qty: 0, found: true } : { qty: 0, found: false })),
      lots: (r.lots ?? []).map((k) => (k.sku === 'VAC-10' && k.lot === 'FLU-A' ? { expiry: '2026-12-31', held: true, onHand: 66, found: true }
        : k.sku === 'VAC-10' && k.lot === 'NOEXP' ? { expiry: null, held: false, onHand: 1, found: true } : { expiry: null, held: false, onHand: 0, found: false })),
      serials: (r.serials ?? []).map((k) => ({
        P1: { state: 'in_stock' as const, location: 'WH1-A', party: null, lot: null, sku: 'PUMP-3', found: true },
        P2: { state: 'shipped' as const, location: null, party: 'Clinic North', lot: null, sku: 'PUMP-3', found: true },
        P3: { state: 'scrapped' as const, location: null, party: null, lot: null, sku: 'PUMP-3', found: true },
      }[k.serial] ?? { state: null, location: null, party: null, lot: null, sku: null, found: false })),
    };
  });
  return { requests, send };
}

describe('the lookup batcher', () => {
  it('sends the calls of one tick as one request, and gives each call its own answer', async () => {
    const server = fakeServer();
    const batcher = new LookupBatcher(server.send, 0);
    const f = cellFunctions(batcher, () => false);
    const answers = await Promise.all([
      ...Array.from({ length: 500 }, (_, i) => f.onHand(i % 2 ? 'VAC-10' : 'NOPE')),
      f.onHand('VAC-10', 'FLU-A'), f.expiry('VAC-10', 'FLU-A'), f.serial('P2'), f.held('VAC-10', 'FLU-A'),
    ]);
    expect(server.send).toHaveBeenCalledTimes(1);
    expect(batcher.requests).toBe(1);
    expect(server.requests[0].onHand).toHaveLength(501);
    expect(server.requests[0].lots).toHaveLength(2);
    expect(answers[1]).toBe(70);
    expect(answers[0]).toEqual({ error: 'notAvailable', message: 'NOPE is not in the ledger.' });
    expect(answers.slice(500)).toEqual([66, { serial: 46387, format: 'yyyy-mm-dd' }, 'Clinic North', true]);
  });

  it('sends a later tick as a new request', async () => {
    const server = fakeServer();
    const f = cellFunctions(new LookupBatcher(server.send, 0), () => false);
    await f.onHand('VAC-10');
    await f.onHand('VAC-10');
    expect(server.send).toHaveBeenCalledTimes(2);
  });

  it('splits a batch past the server\'s 10,000 entries into parts, answers still in order', async () => {
    const server = fakeServer();
    const f = cellFunctions(new LookupBatcher(server.send, 0), () => false);
    const answers = await Promise.all(Array.from({ length: MAX_LOOKUP_ENTRIES + 5 }, (_, i) => f.onHand(i === MAX_LOOKUP_ENTRIES + 4 ? 'VAC-10' : 'IDLE')));
    expect(server.requests.map((r) => r.onHand!.length)).toEqual([MAX_LOOKUP_ENTRIES, 5]);
    expect(answers.at(-1)).toBe(70);
    expect(answers[0]).toBe(0);
  });
});

describe('the cell functions\' answers', () => {
  const f = cellFunctions(new LookupBatcher(fakeServer().send, 0), () => true);

  it('map unknown keys to #N/A, a known SKU with no stock to 0, and blank optional arguments to absent', async () => {
    expect(await f.onHand('IDLE')).toBe(0);
    expect(await f.onHand('VAC-10', '', null)).toBe(70);
    expect(await f.onHand('GONE', 'L1', 'X')).toEqual({ error: 'notAvailable', message: 'GONE / L1 / X is not in the ledger.' });
    expect(await f.expiry('VAC-10', 'NOPE')).toMatchObject({ error: 'notAvailable' });
    expect(await f.expiry('VAC-10', 'NOEXP')).toEqual({ error: 'notAvailable', message: 'Lot NOEXP of VAC-10 has no expiry date.' });
    expect(await f.held('VAC-10', 'NOPE')).toMatchObject({ error: 'notAvailable' });
    expect(await f.serial('P9', 'PUMP-3')).toEqual({ error: 'notAvailable', message: 'Serial P9 of PUMP-3 is not in the ledger.' });
  });

  it('say where a serial is: location in stock, customer when shipped, scrapped', async () => {
    expect(await Promise.all([f.serial('P1'), f.serial('P2'), f.serial('P3')])).toEqual(['WH1-A', 'Clinic North', 'scrapped']);
  });

  it('answer dates in the workbook\'s date system', async () => {
    expect(await f.expiry('VAC-10', 'FLU-A')).toEqual({ serial: 46387 - 1462, format: 'yyyy-mm-dd' });
  });

  it('answer #VALUE! with the reason when a required argument is blank, there is no connection, or the server fails', async () => {
    expect(await f.onHand('')).toEqual({ error: 'value', message: 'The SKU is required.' });
    const offline = cellFunctions(new LookupBatcher(async () => { throw new NotConnected(); }, 0), () => false);
    expect(await offline.onHand('VAC-10')).toEqual({ error: 'value', message: expect.stringMatching(/^Not connected to LotLedger: open the LotLedger pane/) });
    const down = cellFunctions(new LookupBatcher(async () => { throw new Error('Could not reach the server'); }, 0), () => false);
    expect(await down.held('VAC-10', 'FLU-A')).toEqual({ error: 'value', message: 'LotLedger did not answer: Could not reach the server' });
  });
});
