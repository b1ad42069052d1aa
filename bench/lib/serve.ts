import { serve } from '@hono/node-server';
import type { LedgerStore } from '../../server/db/port';
import type { AddressInfo } from 'node:net';
import { createApp } from '../../server/app';
import { insertToken } from '../../server/auth/tokens';

/**
 * The real app on a free port over the bench database, with a token of the bench workspace
 * (a viewer unless told). The per-token rate limit is off: the bench asks hundreds of questions a second.
 */
export async function serveForBench(db: LedgerStore, workspaceId: number, role: 'viewer' | 'clerk' = 'viewer') {
  const token = await insertToken(db, workspaceId, `bench-${role}-${Date.now()}`, role, new Date());
  const app = createApp({ store: db, rateLimit: false });
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    async get(path: string) {
      const res = await fetch(base + path, { headers: { authorization: `Bearer ${token}` } });
      const body = await res.text();
      if (res.status !== 200) throw new Error(`${path} → ${res.status} ${body.slice(0, 200)}`);
      return body;
    },
    /** POSTs a JSON body (text as it is, anything else as JSON); answers the text. */
    async post(path: string, body: unknown) {
      const res = await fetch(base + path, { method: 'POST', body: typeof body === 'string' ? body : JSON.stringify(body), headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' } });
      const text = await res.text();
      if (res.status !== 200) throw new Error(`${path} → ${res.status} ${text.slice(0, 200)}`);
      return text;
    },
    /** Reads a streamed answer to the end without keeping it: bytes and lines. */
    async drain(path: string) {
      const res = await fetch(base + path, { headers: { authorization: `Bearer ${token}` } });
      if (res.status !== 200 || !res.body) throw new Error(`${path} → ${res.status}`);
      let bytes = 0;
      let lines = 0;
      const reader = res.body.getReader();
      for (let r = await reader.read(); !r.done; r = await reader.read()) {
        bytes += r.value.length;
        for (const b of r.value) if (b === 10) lines++;
      }
      return { bytes, lines };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
