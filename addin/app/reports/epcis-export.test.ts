import { describe, expect, it } from 'vitest';
import { ApiRequestError } from '../../api/client';
import { epcisFileName, exportEpcis } from './epcis-export';

const DOC = { '@context': ['https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld'], type: 'EPCISDocument', epcisBody: { eventList: [{ type: 'ObjectEvent' }, { type: 'ObjectEvent' }] } };

describe('the EPCIS export saved as a file', () => {
  it('asks for the window, item and lots, and saves the document as it came, as JSON-LD', async () => {
    const asked: string[] = [];
    const saved: { name: string; text: string; type: string }[] = [];
    const api = { report: async <T,>(p: string) => { asked.push(p); return DOC as T; } };
    const notice = await exportEpcis(api, { from: '2026-11-01', to: '2026-11-30', sku: 'ROM-1', lots: ['L1', 'L2'] }, (name, text, type) => saved.push({ name, text, type }));
    expect(asked).toEqual(['/v1/export/epcis?from=2026-11-01&to=2026-11-30&sku=ROM-1&lot=L1&lot=L2']);
    expect(saved).toHaveLength(1);
    expect(saved[0].name).toBe('lotledger-epcis-2026-11-01-to-2026-11-30-ROM-1-2-lots.jsonld');
    expect(saved[0].type).toBe('application/ld+json');
    expect(JSON.parse(saved[0].text)).toEqual(DOC);
    expect(notice).toEqual({ intent: 'success', title: `Saved ${saved[0].name}`, text: '2 EPCIS events (EPCIS 2.0 JSON-LD), in your downloads.' });
  });

  it('names a file by a lot alone, made safe for a file name', () => {
    expect(epcisFileName({ lots: ['ROM/2611 A'] })).toBe('lotledger-epcis-ROM_2611_A.jsonld');
    expect(epcisFileName({ lots: [] })).toBe('lotledger-epcis-export.jsonld');
  });

  it("saves nothing when the server refuses, and says why in the server's words", async () => {
    const saved: string[] = [];
    const api = { report: async () => { throw new ApiRequestError(404, 'not_found', 'Lot NOPE of any item is not known.'); } };
    const notice = await exportEpcis(api, { lots: ['NOPE'] }, (name) => saved.push(name));
    expect(saved).toEqual([]);
    expect(notice).toMatchObject({ intent: 'error', title: 'EPCIS document not saved' });
    expect(notice.text).toContain('Lot NOPE of any item is not known.');
  });
});
