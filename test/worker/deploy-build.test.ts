/**
 * `wrangler deploy --dry-run` builds the Worker from wrangler.toml, as CI must prove before
 * anyone deploys it; and the bundle carries nothing that only Node has.
 */
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildWorker } from '../../server/dev/wrangler-dev';

const dirs: string[] = [];
afterAll(async () => { for (const d of dirs) await rm(d, { recursive: true, force: true }); });

describe('the Workers deployment build', () => {
  it('bundles server/worker.ts with the pane as its assets, with no Node-only module in it', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'lotledger-deploy-'));
    dirs.push(dir);
    // A stand-in pane: the build test must not wait for `vite build`.
    const assets = path.join(dir, 'assets');
    await mkdir(assets);
    await writeFile(path.join(assets, 'taskpane.html'), '<!doctype html><title>LotLedger</title>');

    const { script, output } = await buildWorker(path.join(dir, 'out'), assets);

    expect(output).toContain('--dry-run: exiting now');
    expect(output).toMatch(/Read 1 file from the assets directory/);
    expect(output).toContain('env.ASSETS');
    const bundle = await readFile(script, 'utf8');
    expect(bundle).toContain('DATABASE_URL');
    // Nothing Node-only may reach the Worker (DESIGN: only server/node.ts is Node's).
    expect(bundle).not.toMatch(/\bfrom\s*["']node:|require\(["']node:/);
    expect(bundle).not.toMatch(/@libsql\/client\/lib-esm\/node|libsql\/sqlite3/);
    // Free plan: 3 MB compressed; a plain size well under it leaves room to grow.
    expect((await stat(script)).size).toBeLessThan(2 * 1024 * 1024);
  });
});
