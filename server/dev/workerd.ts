import { existsSync } from 'node:fs';
import { cp, mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Miniflare as MiniflareType, MiniflareOptions } from 'miniflare';
import { buildWorker, repoRoot } from './wrangler-dev';

/** The Worker served by workerd, as tests and benches use it. */
export interface Workerd {
  url: string;
  stop(): Promise<void>;
}

/**
 * Serves the Worker in workerd exactly as `wrangler deploy` would upload it: the bundle that
 * `wrangler deploy --dry-run` builds, with the bindings and assets settings that wrangler
 * itself derives from wrangler.toml, and a copy of dist/addin taken now.
 *
 * Tests use this rather than `wrangler dev` for two reasons: `wrangler dev` rebuilds and
 * restarts the Worker whenever a source file changes (other work in the tree would restart
 * it mid-request), and its dev proxy fails the next POST after an upload it answered early
 * (a streamed body over the limit answered 413). Neither exists in production.
 *
 * @example const w = await startWorkerd({ vars: { DATABASE_URL: sqld.url }, stateDir })
 */
export async function startWorkerd(options: {
  vars: Record<string, string>;
  /** Where the bundle and the assets copy go; a temp dir. */
  stateDir: string;
  port?: number;
}): Promise<Workerd> {
  const assets = path.join(options.stateDir, 'assets');
  await mkdir(assets, { recursive: true });
  const pane = path.join(repoRoot, 'dist/addin');
  if (existsSync(pane)) await cp(pane, assets, { recursive: true });
  const { script } = await buildWorker(path.join(options.stateDir, 'bundle'), assets);

  // miniflare is wrangler's own dependency: resolve it the way wrangler does.
  const fromWrangler = createRequire(createRequire(import.meta.url).resolve('wrangler'));
  const { Miniflare } = fromWrangler('miniflare') as { Miniflare: typeof MiniflareType };
  const { unstable_getMiniflareWorkerOptions } = fromWrangler('wrangler') as typeof import('wrangler');
  const { workerOptions } = unstable_getMiniflareWorkerOptions(path.join(repoRoot, 'wrangler.toml'), undefined, {
    overrides: { assets: { directory: assets } },
  });
  const mf = new Miniflare({
    ...workerOptions,
    name: 'lotledger',
    modules: true,
    scriptPath: script,
    modulesRoot: path.dirname(script), // module names are relative to it; the bundle sits in a temp dir
    bindings: { ...(workerOptions.bindings ?? {}), ...options.vars },
    host: '127.0.0.1',
    port: options.port ?? 0,
  } as MiniflareOptions);
  let url: string;
  try {
    url = String(await mf.ready).replace(/\/$/, '');
  } catch (err) {
    await mf.dispose().catch(() => undefined);
    throw err;
  }
  return { url, stop: () => mf.dispose() };
}
