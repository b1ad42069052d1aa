import { describe, expect, it } from 'vitest';
import { OFFICE_JS_CDN, OFFICE_JS_LOCAL, officeJsUrl } from './office-js-url';

describe('where the pane loads office.js from', () => {
  it('uses Microsoft’s CDN in production', () => {
    expect(officeJsUrl({ hostname: 'ledger.example.com', search: '' })).toBe(OFFICE_JS_CDN);
  });
  it('uses the server’s own copy on this machine or when asked, so tests need no internet', () => {
    expect(officeJsUrl({ hostname: '127.0.0.1', search: '' })).toBe(OFFICE_JS_LOCAL);
    expect(officeJsUrl({ hostname: 'localhost', search: '' })).toBe(OFFICE_JS_LOCAL);
    expect(officeJsUrl({ hostname: 'ledger.example.com', search: '?officejs=local' })).toBe(OFFICE_JS_LOCAL);
  });
});
