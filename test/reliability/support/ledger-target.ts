/**
 * A real Node server on a fresh database file for one test file, with a direct client on the
 * same file for reading what was stored, and a workspace with a small known item master.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import type { LedgerStore } from '../../../server/db/port';
import { openDatabase } from '../../../server/db/client';
import { createWorkspace } from '../../../server/workspaces';
import { startNodeServer, type NodeServerOptions } from '../../../server/node';
import { api, type Api } from '../../api/http';

export interface LedgerTarget {
  baseUrl: string;
  db: LedgerStore;
  /** The database file (its -wal file beside it). */
  dbFile: string;
  /** A new workspace with ITEMS and LOCATIONS; its admin client and token. */
  workspace(name: string): Promise<{ id: number; token: string; admin: Api }>;
  /** A token of `role` in the workspace of `adminClient`. */
  token(admin: Api, name: string, role: 'viewer' | 'clerk' | 'admin'): Promise<string>;
  client(token: string | null): Api;
  stop(): Promise<void>;
}

/** Items of every tracking kind, named for what they are. */
export const ITEMS = [
  { sku: 'LOT-A', name: 'Vaccine vials', lotTracked: true, serialTracked: false },
  { sku: 'SER-B', name: 'Infusion pump', lotTracked: false, serialTracked: true },
  { sku: 'BULK-C', name: 'Gloves', lotTracked: false, serialTracked: false },
  { sku: 'LOTSER-D', name: 'Implant', lotTracked: true, serialTracked: true },
];
export const LOCATIONS = ['A', 'B', 'C'];

/** @example const t = await startLedgerTarget(); afterAll(() => t.stop()) */
export async function startLedgerTarget(options: Partial<NodeServerOptions> = {}): Promise<LedgerTarget> {
  const dir = mkdtempSync(path.join(tmpdir(), 'lotledger-rel-'));
  const dbFile = path.join(dir, 'ledger.db');
  const dbUrl = `file:${dbFile}`;
  // Fuzzers send more bad tokens a minute than the per-address limit allows; abuse tests turn it on.
  const server = await startNodeServer({ port: 0, databaseUrl: dbUrl, rateLimit: false, authFailLimit: false, ...options });
  const db = await openDatabase(dbUrl);
  const target = { name: 'node' as const, baseUrl: server.url, adminToken: '', dbUrl, createWorkspace: async () => '', stop: async () => {} };
  const client = (token: string | null) => api(target, token);
  return {
    baseUrl: server.url,
    db,
    dbFile,
    client,
    async workspace(name) {
      const { workspaceId, adminToken } = await createWorkspace(db, name);
      const admin = client(adminToken);
      expect((await admin.post('/v1/items', { items: ITEMS })).status).toBe(200);
      expect((await admin.post('/v1/locations', { locations: LOCATIONS.map((code) => ({ code })) })).status).toBe(200);
      return { id: workspaceId, token: adminToken, admin };
    },
    async token(admin, name, role) {
      const res = await admin.post('/v1/tokens', { name, role });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return res.body.token as string;
    },
    async stop() {
      db.close();
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
