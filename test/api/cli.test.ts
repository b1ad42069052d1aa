import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { startTarget, uniqueName, type Target } from './target';
import { api } from './http';

const BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../bin/lotledger.js');
const run = promisify(execFile);

let target: Target;
beforeAll(async () => { target = await startTarget(); });
afterAll(() => target?.stop());

const lotledger = (args: string[]) =>
  run(process.execPath, [BIN, ...args], { env: { ...process.env, DATABASE_URL: target.dbUrl } })
    .then((r) => ({ code: 0, ...r }), (e: { code: number; stdout: string; stderr: string }) => e);

describe('the lotledger command', () => {
  it('creates a workspace and prints its admin token alone on the last line, which the API accepts', async () => {
    const name = uniqueName('cli');
    const out = await lotledger(['workspace', 'create', name]);
    expect(out.code).toBe(0);
    const token = out.stdout.trim().split('\n').at(-1)!;
    expect(token).toMatch(/^ll_\S+$/);
    expect((await api(target, token).get('/v1/me')).body).toEqual({ workspace: name, role: 'admin', tokenName: 'admin' });

    const clerk = await lotledger(['token', 'create', '--workspace', name, '--name', 'scanner', '--role', 'clerk']);
    expect(clerk.code).toBe(0);
    expect((await api(target, clerk.stdout.trim().split('\n').at(-1)!).get('/v1/me')).body.role).toBe('clerk');

    const again = await lotledger(['workspace', 'create', name]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('already exists');
  });

  it('explains its usage when the command is wrong', async () => {
    const out = await lotledger(['token', 'create', '--workspace', 'x', '--name', 'y', '--role', 'owner']);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain('--role must be one of viewer, clerk, admin');
  });
});
