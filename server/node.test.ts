import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { configFromEnv, startNodeServer } from './node';
import { runningThread } from './db/sqlite-thread';

describe('starting on Node', () => {
  it('reads the environment once, with defaults', () => {
    expect(configFromEnv({})).toEqual({ port: 8787, databaseUrl: undefined, databaseAuthToken: undefined, adminToken: undefined });
    expect(configFromEnv({ PORT: '9000', DATABASE_URL: 'http://127.0.0.1:8080', DATABASE_AUTH_TOKEN: 't' }))
      .toMatchObject({ port: 9000, databaseUrl: 'http://127.0.0.1:8080', databaseAuthToken: 't' });
  });

  it('stops on a bad configuration with a message naming every bad value', () => {
    expect(() => configFromEnv({ PORT: 'eighty', DATABASE_URL: 'postgres://x', LOTLEDGER_ADMIN_TOKEN: 'short' }))
      .toThrow(/PORT=eighty[\s\S]*DATABASE_URL=postgres:\/\/x[\s\S]*LOTLEDGER_ADMIN_TOKEN/);
  });

  it('creates the default workspace with the given admin token on the first start only', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'lotledger-first-'));
    const databaseUrl = `file:${path.join(dir, 'nested', 'ledger.db')}`;
    try {
      const adminToken = 'first-start-admin-token-0001';
      const first = await startNodeServer({ port: 0, databaseUrl, adminToken });
      expect(first.createdAdminToken).toBe(adminToken);
      const me = await fetch(`${first.url}/v1/me`, { headers: { authorization: `Bearer ${adminToken}` } });
      expect(await me.json()).toEqual({ workspace: 'default', role: 'admin', tokenName: 'admin' });
      await first.close();
      const second = await startNodeServer({ port: 0, databaseUrl });
      expect(second.createdAdminToken).toBeUndefined();
      expect((await fetch(`${second.url}/v1/me`, { headers: { authorization: `Bearer ${adminToken}` } })).status).toBe(200);
      await second.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('makes up a random admin token when none is given', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'lotledger-first-'));
    try {
      const server = await startNodeServer({ port: 0, databaseUrl: `file:${path.join(dir, 'ledger.db')}` });
      expect(server.createdAdminToken).toMatch(/^ll_[A-Za-z0-9_-]{43}$/);
      await server.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps serving after its SQLite thread dies: reads and writes go on', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'lotledger-thread-'));
    const file = path.join(dir, 'ledger.db');
    const adminToken = 'thread-loss-admin-token-0001';
    const auth = { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' };
    const server = await startNodeServer({ port: 0, databaseUrl: `file:${file}`, adminToken });
    try {
      await runningThread(file)!.crash();
      expect((await fetch(`${server.url}/v1/me`, { headers: auth })).status).toBe(200);
      const items = await fetch(`${server.url}/v1/items`, {
        method: 'POST', headers: auth, body: JSON.stringify({ items: [{ sku: 'S-1', name: 'Saline', lotTracked: true, serialTracked: false }] }),
      });
      expect(items.status).toBe(200);
      expect(((await (await fetch(`${server.url}/v1/items`, { headers: auth })).json()) as { items: unknown[] }).items).toHaveLength(1);
    } finally {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
