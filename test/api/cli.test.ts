/**
 * The `lotledger` command on both kinds of database: a file and a libSQL server (sqld). The
 * target's own database is one of them (a file on node, sqld on worker), so what the CLI does is
 * also checked over HTTP there; the other is made here. Most commands run in-process through
 * `main` (the same code the bin runs, and its exit code); the bin itself is spawned where the
 * process matters (test/api/cli-process.test.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { LedgerStore } from '../../server/db/port';
import { startTarget, uniqueName, type Target } from './target';
import { api } from './http';
import { main } from '../../server/cli/main';
import { openDatabase } from '../../server/db/client';
import { freePort } from '../../server/dev/free-port';
import { startSqld, type Sqld } from '../../server/dev/sqld';
import { authenticate } from '../../server/auth/tokens';
import { findWorkspace } from '../../server/workspaces';
import { upsertItems, upsertLocations } from '../../server/ledger/master-data';
import { postBatch } from '../../server/ledger/post';
import type { Auth } from '../../server/env';
import type { DryRun, Posted } from '../../shared/api-types';
import type { RawRow } from '../../shared/rows';

const BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../bin/lotledger.js');
const run = promisify(execFile);

interface Database { kind: 'file' | 'sqld'; url: string; overHttp: boolean }

let target: Target;
let sqld: Sqld | undefined;
const dir = mkdtempSync(path.join(tmpdir(), 'lotledger-cli-'));
const databases = {} as Record<Database['kind'], Database>;

beforeAll(async () => {
  target = await startTarget();
  if (target.name === 'node') {
    sqld = await startSqld({ dir: path.join(dir, 'sqld'), port: await freePort() });
    databases.file = { kind: 'file', url: target.dbUrl, overHttp: true };
    databases.sqld = { kind: 'sqld', url: sqld.url, overHttp: false };
  } else {
    databases.file = { kind: 'file', url: `file:${path.join(dir, 'ledger.db')}`, overHttp: false };
    databases.sqld = { kind: 'sqld', url: target.dbUrl, overHttp: true };
  }
});
afterAll(async () => {
  await sqld?.stop();
  await target?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** Runs `lotledger …` in-process on a database: its exit code and what it printed. */
async function cli(db: Database, args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { DATABASE_URL: db.url }, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, stdout: out.join('\n'), stderr: err.join('\n'), last: out.at(-1) ?? '' };
}

describe('the lotledger bin', () => {
  it('creates a workspace and prints its admin token alone on the last line, which the API accepts', async () => {
    const lotledger = (args: string[]) =>
      run(process.execPath, [BIN, ...args], { env: { ...process.env, DATABASE_URL: target.dbUrl } })
        .then((r) => ({ code: 0, ...r }), (e: { code: number; stdout: string; stderr: string }) => e);
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

    const wrong = await lotledger(['token', 'create', '--workspace', 'x', '--name', 'y', '--role', 'owner']);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('--role must be one of viewer, clerk, admin');
  });
});

describe.each(['file', 'sqld'] as const)('the lotledger commands on a %s database', (kind) => {
  let db: Database;
  let client: LedgerStore;
  let ws: string;
  let adminToken: string;
  let auth: Auth;

  beforeAll(async () => {
    db = databases[kind];
    ws = uniqueName('cli');
    const created = await cli(db, ['workspace', 'create', ws]);
    expect(created.code, created.stderr).toBe(0);
    adminToken = created.last;
    client = await openDatabase(db.url);
    auth = { workspaceId: (await findWorkspace(client, ws))!, workspace: ws, role: 'clerk', tokenName: 'test-clerk' };
  });
  afterAll(() => client?.close());

  it('lists the live tokens by name, role and creation, never a secret; revoking one makes it unusable', async () => {
    const made = await cli(db, ['token', 'create', '--workspace', ws, '--name', 'scanner', '--role', 'clerk']);
    expect(made.code).toBe(0);
    const scanner = made.last;
    expect(await authenticate(client, scanner)).toMatchObject({ tokenName: 'scanner', role: 'clerk' });

    const list = await cli(db, ['token', 'list', '--workspace', ws]);
    expect(list.code).toBe(0);
    const lines = list.stdout.split('\n');
    expect(lines[0]).toMatch(/^NAME\s+ROLE\s+CREATED \(UTC\)$/);
    expect(lines.slice(1).map((l) => l.split(/\s+/).slice(0, 2))).toEqual([['admin', 'admin'], ['scanner', 'clerk']]);
    expect(lines[2]).toMatch(/^scanner\s+clerk\s+\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    expect(list.stdout).not.toContain(scanner);
    expect(list.stdout).not.toContain(adminToken);
    expect(list.stdout).not.toContain('ll_');

    const revoked = await cli(db, ['token', 'revoke', 'scanner', '--workspace', ws]);
    expect(revoked).toMatchObject({ code: 0, stdout: `Revoked token scanner of workspace ${ws}.` });
    expect(await authenticate(client, scanner)).toBeNull();
    expect(await authenticate(client, adminToken)).not.toBeNull();
    if (db.overHttp) {
      expect((await api(target, scanner).get('/v1/me')).status).toBe(401);
      expect((await api(target, adminToken).get('/v1/me')).status).toBe(200);
    }
    expect((await cli(db, ['token', 'list', '--workspace', ws])).stdout).not.toContain('scanner');

    const again = await cli(db, ['token', 'revoke', 'scanner', '--workspace', ws]);
    expect(again).toMatchObject({ code: 1, stderr: `lotledger: Workspace ${ws} has no live token named scanner.` });
  });

  it('fails naming the database and its workspaces when the workspace is unknown', async () => {
    for (const args of [['token', 'list'], ['token', 'revoke', 'admin'], ['batch', 'list'], ['batch', 'void', 'B-1', '--reason', 'x']]) {
      const out = await cli(db, [...args, '--workspace', 'no-such-workspace']);
      expect(out.code).toBe(1);
      expect(out.stderr).toMatch(new RegExp(`^lotledger: There is no workspace no-such-workspace in \\S+ \\(it has .*${ws}`));
    }
  });

  describe('batches', () => {
    const vac = (type: string, lot: string, qty: number, date: string, places: Record<string, string>): RawRow =>
      ({ type, date, sku: 'VAC-10', lot, qty, ref: 'R-1', ...places });
    const post = async (rows: RawRow[], day: string, source: { workbook: string; sheet: string; range: string } | null = null) => {
      const answer = await postBatch(client, auth, { rows, dryRun: false, source }, { now: new Date(`${day}T09:30:00Z`) });
      expect(answer.kind, JSON.stringify(answer.body)).toBe('posted');
      return (answer.body as Posted).batchId;
    };
    const canShip = async (qty: number) => {
      const answer = await postBatch(client, auth, { rows: [vac('ship', 'L1', qty, '2026-03-20', { from: 'COLD-1', party: 'P' })], dryRun: true, source: null },
        { now: new Date('2026-03-20T12:00:00Z') });
      return (answer.body as DryRun).ok;
    };
    let jan: string;
    let feb: string;
    let mar: string;

    beforeAll(async () => {
      await upsertItems(client, auth.workspaceId, [
        { sku: 'VAC-10', name: 'Vaccine', unit: 'EA', lotTracked: true, serialTracked: false, requiresExpiry: false, gtin: null },
      ]);
      await upsertLocations(client, auth.workspaceId, [{ code: 'COLD-1', name: null }]);
      jan = await post([vac('receive', 'L1', 10, '2026-01-10', { to: 'COLD-1' })], '2026-01-10',
        { workbook: 'Receiving Jan.xlsx', sheet: 'Sheet1', range: 'A1:J2' });
      feb = await post([vac('receive', 'L2', 5, '2026-02-10', { to: 'COLD-1' }), vac('receive', 'L3', 1, '2026-02-10', { to: 'COLD-1' })], '2026-02-10');
      mar = await post([vac('ship', 'L1', 4, '2026-03-10', { from: 'COLD-1', party: 'P' })], '2026-03-10');
    });

    const listed = async (extra: string[] = []) => {
      const out = await cli(db, ['batch', 'list', '--workspace', ws, ...extra]);
      expect(out.code, out.stderr).toBe(0);
      return out.stdout.split('\n');
    };

    it('lists batches newest first as a table, within from and to', async () => {
      const lines = await listed();
      expect(lines[0]).toMatch(/^BATCH\s+POSTED AT \(UTC\)\s+BY\s+ROWS\s+SOURCE\s+VOIDED BY$/);
      expect(lines.slice(1).map((l) => l.split(/\s{2,}/))).toEqual([
        [mar, '2026-03-10 09:30:00', 'test-clerk', '1'],
        [feb, '2026-02-10 09:30:00', 'test-clerk', '2'],
        [jan, '2026-01-10 09:30:00', 'test-clerk', '1', 'Receiving Jan.xlsx Sheet1!A1:J2'],
      ]);
      const ids = (ls: string[]) => ls.slice(1).map((l) => l.split(' ')[0]);
      expect(ids(await listed(['--from', '2026-02-01', '--to', '2026-02-10']))).toEqual([feb]);
      expect(ids(await listed(['--from=2026-02-11']))).toEqual([mar]);
      expect(ids(await listed(['--to', '2026-02-09']))).toEqual([jan]);
      expect(await listed(['--from', '2026-04-01'])).toEqual([`No batches in workspace ${ws} from 2026-04-01.`]);

      const bad = await cli(db, ['batch', 'list', '--workspace', ws, '--from', '2026-02-30']);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain('2026-02-30 is not a date');
      const backwards = await cli(db, ['batch', 'list', '--workspace', ws, '--from', '2026-03-01', '--to', '2026-02-01']);
      expect(backwards.code).toBe(2);
    });

    it('refuses to void a batch that a later one depends on, naming what depends on it', async () => {
      expect(await canShip(7)).toBe(false);
      const blocked = await cli(db, ['batch', 'void', jan, '--workspace', ws, '--reason', 'typo']);
      expect(blocked.code).toBe(1);
      expect(blocked.stderr).toBe(`lotledger: Batch ${jan} cannot be voided: Only 6 of VAC-10 lot L1 is left at COLD-1, ` +
        'so the 10 this batch put there cannot be taken back; void the later batch first.');
      expect(await canShip(7)).toBe(false);
    });

    it('voids through the ledger: the reversal gives the stock back, and a second void is refused', async () => {
      const voided = await cli(db, ['batch', 'void', mar, '--workspace', ws, '--reason', 'shipped to the wrong customer']);
      expect(voided.code, voided.stderr).toBe(0);
      const reversal = voided.last;
      expect(reversal).toMatch(/^B-/);
      expect(await canShip(10)).toBe(true);
      const lines = await listed();
      expect(lines[1].split(/\s{2,}/)).toEqual([reversal, expect.stringMatching(/^\d{4}-/), expect.stringMatching(/^cli:./), '1',
        `void of ${mar}: shipped to the wrong customer`]);
      expect(lines[2].split(/\s{2,}/)).toEqual([mar, '2026-03-10 09:30:00', 'test-clerk', '1', reversal]);
      if (db.overHttp) {
        const batch = await api(target, adminToken).get(`/v1/batches/${mar}`);
        expect(batch.body.voidedBy).toBe(reversal);
      }

      const again = await cli(db, ['batch', 'void', mar, '--workspace', ws, '--reason', 'again']);
      expect(again).toMatchObject({ code: 1, stderr: `lotledger: Batch ${mar} is already voided, by batch ${reversal}; nothing was posted.` });
      const ofVoid = await cli(db, ['batch', 'void', reversal, '--workspace', ws, '--reason', 'undo']);
      expect(ofVoid.code).toBe(1);
      expect(ofVoid.stderr).toContain(`is itself the void of ${mar}`);
      const unknown = await cli(db, ['batch', 'void', 'B-0000000000000000', '--workspace', ws, '--reason', 'x']);
      expect(unknown).toMatchObject({ code: 1, stderr: `lotledger: There is no batch B-0000000000000000 in workspace ${ws}.` });
      expect((await listed()).length).toBe(5);
    });

    it('needs a reason to void', async () => {
      const cases: [string[], string][] = [
        [[], '--reason is missing.'],
        [['--reason', '  '], '--reason must say why the batch is voided.'],
        [['--reason', 'x'.repeat(1001)], 'The reason must be a text of at most 1,000 characters.'],
      ];
      for (const [reason, message] of cases) {
        const out = await cli(db, ['batch', 'void', feb, '--workspace', ws, ...reason]);
        expect(out.code).toBe(2);
        expect(out.stderr.split('\n')[0]).toBe(`lotledger batch void: ${message}`);
      }
      expect((await listed()).length).toBe(5);
    });
  });
});
