/**
 * The `lotledger` process itself: help without a database, and where it looks for the database
 * (the commands on a database are in test/api/cli.test.ts). The bin is spawned where the current
 * folder matters.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { COMMANDS, main } from './main';
import { freePort } from '../dev/free-port';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const run = promisify(execFile);
// Each spawn starts tsx (about a second, more on a busy machine): more than the unit default of 5 s.
const SPAWNS = { timeout: 60_000 };
const dir = mkdtempSync(path.join(tmpdir(), 'lotledger-cli-main-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Spawns `node <bin> …` in `cwd` with DATABASE_URL as given (unset when undefined). */
function lotledger(args: string[], opts: { cwd: string; databaseUrl?: string; bin?: string }) {
  const env = { ...process.env };
  delete env.DATABASE_URL;
  delete env.DATABASE_AUTH_TOKEN;
  if (opts.databaseUrl) env.DATABASE_URL = opts.databaseUrl;
  return run(process.execPath, [opts.bin ?? path.join(REPO, 'bin', 'lotledger.js'), ...args], { cwd: opts.cwd, env })
    .then((r) => ({ code: 0, ...r }), (e: { code: number; stdout: string; stderr: string }) => e);
}

async function inProcess(args: string[], env: NodeJS.ProcessEnv) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, env, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

describe('lotledger --help', SPAWNS, () => {
  it("prints each command's own usage and exits 0, without opening a database", async () => {
    const databaseUrl = `file:${path.join(dir, 'help', 'never.db')}`;
    const spawned = await lotledger(['batch', 'void', '--help'], { cwd: dir, databaseUrl });
    expect(spawned.code).toBe(0);
    expect(spawned.stdout).toMatch(/^Usage: lotledger batch void ID --workspace NAME --reason TEXT\n\nVoids a batch/);
    for (const cmd of COMMANDS) {
      const out = await inProcess([...cmd.words, '--help'], { DATABASE_URL: databaseUrl });
      expect(out.code).toBe(0);
      expect(out.stdout.split('\n')[0]).toMatch(new RegExp(`^Usage: lotledger ${cmd.words.join(' ')}( |$)`));
      expect(out.stdout).toContain(cmd.about);
    }
    const group = await inProcess(['token', '--help'], {});
    expect(group.code).toBe(0);
    expect(group.stdout.match(/^ {2}lotledger token \w+/gm)).toEqual(['  lotledger token create', '  lotledger token list', '  lotledger token revoke']);
    expect(existsSync(path.join(dir, 'help'))).toBe(false);
  });

  it('exits 2 naming the mistake when the words are wrong', async () => {
    const cases: [string[], string][] = [
      [['token'], 'lotledger token needs one of: create, list, revoke.'],
      [['batch', 'frob'], 'lotledger batch needs one of: list, void.'],
      [['frob'], 'Unknown command: frob'],
      [['token', 'list'], 'lotledger token list: --workspace is missing.'],
      [['token', 'list', '--workspace'], 'lotledger token list: --workspace needs a value.'],
      [['token', 'list', '--workspace', 'a', '--role', 'x'], 'lotledger token list: There is no option --role; the options are --workspace.'],
      [['token', 'revoke', 'a', 'b', '--workspace', 'w'], 'lotledger token revoke: Unexpected argument b.'],
      [['token', 'create', '--workspace', 'w', '--role', 'clerk', '--name', ' '], 'lotledger token create: --name must be 1–100 characters.'],
      [['batch', 'list', '--workspace', 'w', '--to', '2026-1-5'], 'lotledger batch list: to=2026-1-5 is not a date; write it as YYYY-MM-DD.'],
    ];
    for (const [args, message] of cases) {
      const out = await inProcess(args, { DATABASE_URL: `file:${path.join(dir, 'usage', 'never.db')}` });
      expect(out.code, args.join(' ')).toBe(2);
      expect(out.stderr.split('\n')[0]).toBe(message);
    }
    expect((await inProcess([], {})).code).toBe(2);
  });
});

describe('where lotledger finds the database', SPAWNS, () => {
  it('names the file it tried and the folder it resolved a relative DATABASE_URL against', async () => {
    const cwd = path.join(dir, 'work');
    mkdirSync(cwd);
    writeFileSync(path.join(cwd, 'notes.txt'), 'a file, not a folder');
    const blocked = await lotledger(['migrate'], { cwd, databaseUrl: 'file:notes.txt/ledger.db' });
    expect(blocked.code).toBe(1);
    expect(blocked.stderr.trim()).toBe(`lotledger: Cannot open the database file ${cwd}/notes.txt/ledger.db: ${cwd}/notes.txt is a file, ` +
      `not a folder. (DATABASE_URL=file:notes.txt/ledger.db is relative, so it was resolved against the current folder ${cwd}.)`);
    expect(blocked.stderr).not.toContain('ConnectionFailed');

    // Only migrate and workspace create make a database: a typo elsewhere leaves nothing behind.
    const missing = await lotledger(['token', 'list', '--workspace', 'default'], { cwd, databaseUrl: 'file:data/typo.db' });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(`Cannot open the database file ${cwd}/data/typo.db: there is no such file`);
    expect(missing.stderr).toContain(`current folder ${cwd}`);
    expect(existsSync(path.join(cwd, 'data'))).toBe(false);
  });

  it('names a libSQL server it cannot reach', async () => {
    const url = `http://127.0.0.1:${await freePort()}`;
    const out = await inProcess(['token', 'list', '--workspace', 'w'], { DATABASE_URL: url });
    expect(out.code).toBe(1);
    expect(out.stderr).toMatch(new RegExp(`^lotledger: Cannot reach the database at ${url}: `));
  });

  it("uses the project's data/lotledger.db from any subfolder when DATABASE_URL is not set", async () => {
    // A copy of the project, so its default database is not the developer's.
    const project = path.join(dir, 'project');
    for (const part of ['package.json', 'bin', 'server', 'shared']) cpSync(path.join(REPO, part), path.join(project, part), { recursive: true });
    symlinkSync(path.join(REPO, 'node_modules'), path.join(project, 'node_modules'));
    const bin = path.join(project, 'bin', 'lotledger.js');

    const before = await lotledger(['token', 'list', '--workspace', 'north'], { cwd: path.join(project, 'server', 'db'), bin });
    expect(before.code).toBe(1);
    expect(before.stderr).toContain(`${project}/data/lotledger.db: there is no such file`);
    expect(before.stderr).toContain(`the default file:data/lotledger.db was resolved against the project folder ${project}`);

    const created = await lotledger(['workspace', 'create', 'north'], { cwd: path.join(project, 'server', 'db'), bin });
    expect(created.code, created.stderr).toBe(0);
    expect(existsSync(path.join(project, 'data', 'lotledger.db'))).toBe(true);
    expect(existsSync(path.join(project, 'server', 'db', 'data'))).toBe(false);

    const listed = await lotledger(['token', 'list', '--workspace', 'north'], { cwd: path.join(project, 'shared'), bin });
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.stdout).toMatch(/^NAME\s+ROLE\s+CREATED \(UTC\)\nadmin\s+admin\s/);
  });
});
