import { describe, expect, it } from 'vitest';
import { loadConnection, saveConnection } from './connection';

const memoryStorage = (): Storage => {
  const m = new Map<string, string>();
  return {
    getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), removeItem: (k: string) => void m.delete(k),
    clear: () => m.clear(), key: (i: number) => [...m.keys()][i] ?? null, get length() { return m.size; },
  };
};

describe('the stored connection', () => {
  it('is kept between sessions and forgotten on disconnect', () => {
    const s = memoryStorage();
    expect(loadConnection(s)).toBeNull();
    saveConnection({ baseUrl: 'https://ledger.example', token: 'tok' }, s);
    expect(loadConnection(s)).toEqual({ baseUrl: 'https://ledger.example', token: 'tok' });
    saveConnection(null, s);
    expect(loadConnection(s)).toBeNull();
  });

  it('ignores a damaged entry instead of failing to start', () => {
    const s = memoryStorage();
    s.setItem('lotledger.connection', '{not json');
    expect(loadConnection(s)).toBeNull();
  });
});
