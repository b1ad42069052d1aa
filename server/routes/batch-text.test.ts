import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { rowSpans } from './row-spans';
import { batchRequestOfText } from './batch-text';
import { parseBatchRequest } from './batches';
import { jsonObjectOf } from './body';
import { ApiError } from '../errors';

/** What the whole-body path answers for `text`: the request, or the error it throws. */
function whole(text: string, maxRows = 100): unknown {
  try {
    return parseBatchRequest(jsonObjectOf(text), maxRows);
  } catch (e) {
    return e instanceof ApiError ? { code: e.code, message: e.message } : e;
  }
}

/** What the part-by-part path answers for `text`, once every row has been asked for. */
function byParts(text: string, maxRows = 100): unknown {
  try {
    const input = batchRequestOfText(text, maxRows);
    input.fill?.(input.rows.length);
    const { fill: _fill, ...rest } = input;
    return rest;
  } catch (e) {
    return e instanceof ApiError ? { code: e.code, message: e.message } : e;
  }
}

describe('the rows of a batch body, found without parsing them', () => {
  it('finds each row whatever its strings hold: quotes, backslashes, braces, commas, escapes', () => {
    const rows = [
      { note: 'a "quoted" word, and {braces} and [brackets]' },
      { note: 'ends in a backslash \\' },
      { note: '\\"', ref: '}' },
      { note: 'tab\there, é, \u2028, 😀 and \\u0041' },
      {},
    ];
    const text = ` \n{ "source" : {"workbook": "a}b", "sheet": ["not", {"rows": 1}]} ,\n "rows" : [ ${rows.map((r) => JSON.stringify(r)).join(' ,\n ')} ] , "dryRun" : true }\n`;
    const spans = rowSpans(text)!;
    expect(spans.count).toBe(rows.length);
    for (let i = 0; i < rows.length; i++) expect(JSON.parse(text.slice(spans.starts[i], spans.ends[i]))).toEqual(rows[i]);
    expect(JSON.parse(spans.rest)).toEqual({ source: { workbook: 'a}b', sheet: ['not', { rows: 1 }] }, rows: [], dryRun: true });
  });

  it('answers null for any other shape, which is then parsed whole', () => {
    for (const text of ['[]', '{}', '{"rows": 5}', '{"rows": [1]}', '{"rows": [[]]}', '{"rows": [{}], "rows": []}',
      '{"rows": [{}]} x', '{"rows": [{"a": "}]}', '{"rows": [{} {}]}', '{"rows" [{}]}', '{"rows": [{},]}', '']) {
      expect(rowSpans(text), text).toBeNull();
    }
  });

  it('finds exactly the rows JSON.parse finds, for any rows', () => {
    const value = fc.oneof(fc.string({ unit: 'binary' }), fc.integer(), fc.constant(null), fc.double({ noNaN: true, noDefaultInfinity: true }));
    const row = fc.dictionary(fc.string({ unit: 'binary' }), value, { maxKeys: 5 });
    fc.assert(fc.property(fc.array(row, { maxLength: 30 }), fc.boolean(), (rows, spaced) => {
      const text = spaced ? JSON.stringify({ dryRun: false, rows }, null, 2) : JSON.stringify({ rows, dryRun: false });
      const spans = rowSpans(text);
      expect(spans).not.toBeNull();
      const found = Array.from({ length: spans!.count }, (_, i) => JSON.parse(text.slice(spans!.starts[i], spans!.ends[i])));
      expect(found).toEqual(JSON.parse(text).rows);
    }), { numRuns: 300 });
  });
});

describe('a batch request read part by part', () => {
  const row = (i: number) => ({ type: 'receive', date: '2026-01-02', sku: 'S', serial: `N-${i}`, to: 'A', ref: 'PO' });
  const body = (n: number, extra: Record<string, unknown> = {}) => JSON.stringify({ rows: Array.from({ length: n }, (_, i) => row(i)), ...extra });

  it('answers what the whole body answers: the same request, rows parsed as they are asked for', () => {
    const text = body(12_345, { source: { workbook: 'W', sheet: 'S', range: 'A1:G12346' }, duplicatesConfirmed: true });
    const input = batchRequestOfText(text, 20_000);
    expect(input.rows).toHaveLength(12_345);
    expect(input.rows[7000]).toBeUndefined(); // not parsed yet
    input.fill!(5001);
    expect(input.rows[5000]).toEqual(row(5000));
    expect(input.rows[10_001]).toBeUndefined();
    expect(byParts(text, 20_000)).toEqual(whole(text, 20_000));
  });

  it('refuses what the whole body refuses, with the same code and sentence', () => {
    const bad = (i: number, r: unknown) => { const rows: unknown[] = Array.from({ length: 9000 }, (_, k) => row(k)); rows[i] = r; return JSON.stringify({ rows }); };
    const cases: [string, number][] = [
      [bad(8000, { type: 'receive', colour: 'red' }), 100_000], // an unknown field, in a later part
      [bad(6000, { note: { nested: true } }), 100_000], // a value that is no text
      [body(101), 100], // too many rows
      [JSON.stringify({ rows: [] }), 100], // nothing to post
      [JSON.stringify({ rows: [row(1)], extra: 1 }), 100], // an unknown member
      [JSON.stringify({ rows: [row(1)], dryRun: 'yes' }), 100],
      ['{"rows": [{"note": "x\\ud800"}]}', 100], // a lone surrogate: parsed whole, the place named
      [`{"rows": [${'{"note": "x"},'.repeat(6000)}{"note": 01}]}`, 100_000], // bad JSON inside a row of a later part
    ];
    for (const [text, maxRows] of cases) {
      const expected = whole(text, maxRows);
      expect(expected, text.slice(0, 60)).toMatchObject({ code: expect.any(String) });
      expect(byParts(text, maxRows), text.slice(0, 60)).toEqual(expected);
    }
  });
});
