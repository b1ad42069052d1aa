/**
 * Another process holding a database file's write lock: `node --import tsx lock-holder.ts FILE MS`
 * opens FILE, takes the lock (BEGIN IMMEDIATE), says `held`, keeps it MS milliseconds, commits
 * and says `released`. As the CLI or a second server writing the same file would.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'libsql';

export interface LockHolder {
  /** Resolves when the lock is given back. */
  released: Promise<void>;
  stop(): void;
}

/**
 * Starts a process that holds `file`'s write lock for `ms`; resolves once it holds it.
 * @example const hold = await holdWriteLock('/tmp/x/ledger.db', 8000); …; await hold.released
 */
export async function holdWriteLock(file: string, ms: number): Promise<LockHolder> {
  const here = fileURLToPath(import.meta.url);
  const proc = spawn(process.execPath, ['--import', 'tsx', here, file, String(ms)], {
    cwd: path.resolve(path.dirname(here), '../../..'), stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  const said = (word: string) => new Promise<void>((resolve, reject) => {
    const look = () => { if (output.includes(word)) resolve(); };
    proc.stdout!.on('data', (chunk: Buffer) => { output += chunk.toString('utf8'); look(); });
    proc.once('exit', () => { look(); reject(new Error(`the lock holder ended before saying ${word}: ${output}`)); });
  });
  const released = said('released');
  released.catch(() => undefined);
  await said('held');
  return { released, stop: () => { proc.kill('SIGKILL'); } };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [file, ms] = process.argv.slice(2);
  const db = new Database(file);
  db.exec('BEGIN IMMEDIATE');
  process.stdout.write('held\n');
  setTimeout(() => {
    db.exec('COMMIT');
    db.close();
    process.stdout.write('released\n');
  }, Number(ms));
}
