import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { spawnChild, waitForHttp } from './child';
import { freePort } from './free-port';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** `wrangler dev --local` serving server/worker.ts in workerd. */
export interface WranglerDev {
  url: string;
  /** wrangler's pid, also the id of the process group holding workerd. */
  pid: number;
  /** Resolves when wrangler ends by itself (or is stopped). */
  exited: Promise<number | null>;
  stop(): Promise<void>;
}

/** Env that keeps wrangler off the network: no metrics, no Cloudflare location lookup. */
export function offlineWranglerEnv(): NodeJS.ProcessEnv {
  return {
    ...process.env,
    WRANGLER_SEND_METRICS: 'false',
    CLOUDFLARE_CF_FETCH_ENABLED: 'false',
    NO_UPDATE_NOTIFIER: '1',
  };
}

/** The wrangler CLI of this repository, run with the current Node. */
export function wranglerCli(): string {
  return createRequire(import.meta.url).resolve('wrangler/bin/wrangler.js');
}

/**
 * Bundles the Worker as `wrangler deploy` would, without deploying (`--dry-run --outdir`).
 * `assetsDir` stands in for dist/addin (which only exists once the pane is built).
 * @example const { script } = await buildWorker('/tmp/out', '/tmp/assets')
 */
export async function buildWorker(outDir: string, assetsDir?: string): Promise<{ script: string; output: string }> {
  const args = [wranglerCli(), 'deploy', '--dry-run', '--outdir', outDir, '--config', path.join(repoRoot, 'wrangler.toml')];
  if (assetsDir) args.push('--assets', assetsDir);
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, args, {
      cwd: repoRoot, env: offlineWranglerEnv(), maxBuffer: 16 * 1024 * 1024,
    });
    return { script: path.join(outDir, 'worker.js'), output: stdout + stderr };
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string; message: string };
    throw new Error(`wrangler deploy --dry-run failed:\n${e.stdout ?? ''}${e.stderr ?? e.message}`);
  }
}

/**
 * Starts `wrangler dev --local` on `port` with the Worker's environment in `vars`
 * (DATABASE_URL, DATABASE_AUTH_TOKEN), and resolves once workerd answers.
 * @example const dev = await startWranglerDev({ port: 8787, vars: { DATABASE_URL: sqld.url }, stateDir })
 */
export async function startWranglerDev(options: {
  port: number;
  vars: Record<string, string>;
  /** Where workerd keeps local state (`--persist-to`). */
  stateDir: string;
  echo?: boolean;
}): Promise<WranglerDev> {
  const args = [
    wranglerCli(), 'dev', '--local',
    '--config', path.join(repoRoot, 'wrangler.toml'),
    '--ip', '127.0.0.1',
    '--port', String(options.port),
    // A fixed inspector port (9229) would clash with a second wrangler dev on the machine.
    '--inspector-port', String(await freePort()),
    '--persist-to', options.stateDir,
    '--show-interactive-dev-session=false',
    '--live-reload=false',
  ];
  for (const [key, value] of Object.entries(options.vars)) args.push('--var', `${key}:${value}`);
  const child = spawnChild('wrangler', process.execPath, args, {
    cwd: repoRoot,
    env: offlineWranglerEnv(),
    echo: options.echo,
  });
  const url = `http://127.0.0.1:${options.port}`;
  try {
    await waitForHttp(`${url}/v1/health`, child, 90_000);
  } catch (err) {
    await child.stop();
    throw err;
  }
  return { url, pid: child.pid, exited: child.exited, stop: () => child.stop() };
}
