/**
 * `npm run start:worker` (without its pane build step): sqld and `wrangler dev --local`
 * started, migrated and given the first admin token before serving, and both stopped on
 * SIGTERM.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../../server/dev/free-port';
import { repoRoot } from '../../server/dev/wrangler-dev';

const dirs: string[] = [];
afterAll(async () => { for (const d of dirs) await rm(d, { recursive: true, force: true }); });

const answers = async (url: string) => fetch(url, { signal: AbortSignal.timeout(2_000) }).then(() => true, () => false);

describe('npm run start:worker', () => {
  it('serves the API from workerd over its own sqld with the admin token from the environment, and stops both', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'lotledger-start-worker-'));
    dirs.push(dir);
    const [port, sqldPort] = [await freePort(), await freePort()];
    const token = 'start-worker-admin-token-0123456789';
    const proc = spawn(process.execPath, ['--import', 'tsx', 'server/dev/start-worker.ts'], {
      cwd: repoRoot,
      env: { ...process.env, PORT: String(port), SQLD_PORT: String(sqldPort), SQLD_DIR: path.join(dir, 'sqld'), LOTLEDGER_ADMIN_TOKEN: token },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    proc.stdout.on('data', (d) => { out += d; });
    proc.stderr.on('data', (d) => { out += d; });
    const exited = new Promise<number | null>((resolve) => proc.on('exit', resolve));
    try {
      const deadline = Date.now() + 60_000;
      while (!/Ctrl\+C stops both/.test(out)) {
        if (Date.now() > deadline || proc.exitCode !== null) throw new Error(`start:worker did not come up:\n${out}`);
        await new Promise((r) => setTimeout(r, 200));
      }
      const base = `http://127.0.0.1:${port}`;
      expect(await (await fetch(`${base}/v1/health`)).json()).toEqual({ ok: true });
      const me = await fetch(`${base}/v1/me`, { headers: { authorization: `Bearer ${token}` } });
      expect(await me.json()).toEqual({ workspace: 'default', role: 'admin', tokenName: 'admin' });
      expect(out).toContain(`DATABASE_URL=http://127.0.0.1:${sqldPort}`);
      expect(out).not.toContain(token); // a token from the environment is never echoed
      expect(await answers(`http://127.0.0.1:${sqldPort}/health`)).toBe(true);
    } finally {
      proc.kill('SIGTERM');
      await exited;
    }
    expect(await answers(`http://127.0.0.1:${port}/v1/health`)).toBe(false);
    expect(await answers(`http://127.0.0.1:${sqldPort}/health`)).toBe(false);
  });
});
