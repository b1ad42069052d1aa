/**
 * `lotledger` command line: administration straight on the database (DATABASE_URL, file or
 * http, with DATABASE_AUTH_TOKEN for a remote libSQL server).
 *
 *   lotledger migrate
 *   lotledger workspace create NAME
 *   lotledger token create --workspace NAME --name TOKEN_NAME --role viewer|clerk|admin
 *
 * A new token is printed alone on the last line, so scripts can take it with `tail -n 1`.
 */
import type { Client } from '@libsql/client';
import { openDatabase } from './db/client';
import { migrate } from './db/migrate';
import { createWorkspace } from './workspaces';
import { insertToken } from './auth/tokens';
import { ApiError } from './errors';
import { ROLES, type Role } from './env';

const USAGE = `Usage:
  lotledger migrate
  lotledger workspace create NAME
  lotledger token create --workspace NAME --name TOKEN_NAME --role viewer|clerk|admin

Reads DATABASE_URL (default file:data/lotledger.db) and DATABASE_AUTH_TOKEN.`;

class UsageError extends Error {}

function flags(args: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < args.length; i++) {
    const m = /^--([a-z]+)(?:=(.*))?$/.exec(args[i]);
    if (!m) throw new UsageError(`Unexpected argument ${args[i]}.`);
    const value = m[2] ?? args[++i];
    if (value === undefined) throw new UsageError(`--${m[1]} needs a value.`);
    out[m[1]] = value;
  }
  return out;
}

async function run(db: Client, args: string[], log: (line: string) => void): Promise<void> {
  const [cmd, sub, ...rest] = args;
  if (cmd === 'migrate' && sub === undefined) {
    await migrate(db);
    log('Database is up to date.');
  } else if (cmd === 'workspace' && sub === 'create' && rest.length === 1) {
    await migrate(db);
    const { adminToken } = await createWorkspace(db, rest[0]);
    log(`Created workspace ${rest[0]}. Its admin token (shown once):`);
    log(adminToken);
  } else if (cmd === 'token' && sub === 'create') {
    const f = flags(rest);
    if (!f.workspace || !f.name || !f.role) throw new UsageError('token create needs --workspace, --name and --role.');
    if (!ROLES.includes(f.role as Role)) throw new UsageError(`--role must be one of ${ROLES.join(', ')}.`);
    await migrate(db);
    const ws = await db.execute({ sql: 'SELECT id FROM workspace WHERE name = ?', args: [f.workspace] });
    if (ws.rows.length === 0) throw new UsageError(`There is no workspace ${f.workspace}.`);
    try {
      const token = await insertToken(db, Number(ws.rows[0].id), f.name, f.role as Role, new Date());
      log(`Created ${f.role} token ${f.name} in workspace ${f.workspace} (shown once):`);
      log(token);
    } catch (e) {
      if (/UNIQUE/i.test((e as Error).message)) throw new UsageError(`Workspace ${f.workspace} already has a live token named ${f.name}.`);
      throw e;
    }
  } else {
    throw new UsageError(args.length === 0 ? '' : `Unknown command: ${args.join(' ')}`);
  }
}

/** Runs the CLI; answers the exit code (0 done, 1 failed, 2 usage). */
export async function main(args: string[], env = process.env): Promise<number> {
  if (args.length === 0 || args[0] === '--help' || args[0] === 'help') {
    console.log(USAGE);
    return args.length === 0 ? 2 : 0;
  }
  let db: Client | undefined;
  try {
    db = await openDatabase(env.DATABASE_URL || 'file:data/lotledger.db', env.DATABASE_AUTH_TOKEN || undefined);
    await run(db, args, (line) => console.log(line));
    return 0;
  } catch (e) {
    if (e instanceof UsageError) {
      console.error(`${e.message}\n\n${USAGE}`.trim());
      return 2;
    }
    console.error(`lotledger: ${e instanceof ApiError ? e.message : (e as Error).message}`);
    return 1;
  } finally {
    db?.close();
  }
}

process.exitCode = await main(process.argv.slice(2));
