import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { loneSurrogateAt } from './surrogates';

const at = (json: string) => loneSurrogateAt(json, JSON.parse(json));

describe('lone surrogates in a JSON body', () => {
  it('are found in values and keys, high or low, in either case of hex, and named by path', () => {
    expect(at(String.raw`{"rows": [{"note": "ok"}, {"note": "x\ud800y"}]}`)).toBe('rows[1].note');
    expect(at(String.raw`{"a": "\uDFFF"}`)).toBe('a');
    expect(at(String.raw`{"a": "\udc00\ud800"}`)).toBe('a');
    expect(at(String.raw`{"a": {"\ud800": 1}}`)).toBe('a key of a');
    expect(at(String.raw`"\ud800"`)).toBe('the top level');
  });

  it('are told apart from pairs and from escaped backslashes, however many', () => {
    expect(at(String.raw`{"a": "\ud83e\uddea", "b": "\uD83D\uDE00"}`)).toBeNull();
    expect(at(String.raw`{"a": "\\ud800"}`)).toBeNull();
    expect(at(String.raw`{"a": "\\\\udc00\\ud800"}`)).toBeNull();
    expect(at(String.raw`{"a": "\\\ud800"}`)).toBe('a');
    expect(at(String.raw`{"a": "\ud800\\udc00"}`)).toBe('a');
    expect(at(String.raw`{"a": "\\ud800\udc00"}`)).toBe('a');
  });

  it('are found exactly when a string is not well formed, for any text a JSON writer makes', () => {
    const text = fc.string({ unit: fc.oneof(fc.constantFrom('\\', 'u', 'd', '8', 'c', '"', '\ud800', '\udc00', '\udbff', '\udfff'), fc.string({ unit: 'binary', maxLength: 1 })), maxLength: 12 });
    fc.assert(fc.property(fc.array(text, { maxLength: 4 }), (values) => {
      const body = Object.fromEntries(values.map((v, i) => [`k${i}`, v]));
      const json = JSON.stringify(body);
      const asciiOnly = json.replace(/[^\u0000-\u007f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
      const bad = values.some((v) => /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(v));
      expect(loneSurrogateAt(json, body) !== null).toBe(bad);
      expect(loneSurrogateAt(asciiOnly, body) !== null).toBe(bad);
    }), { numRuns: 2000 });
  });
});
