/** `lotledger token create|list|revoke`: the same functions as the admin's /v1/tokens routes. */
import { insertToken, listTokens, revokeToken, TOKEN_NAME_MAX } from '../auth/tokens';
import { ROLES, type Role } from '../env';
import { LedgerError } from '../ledger/errors';
import { UsageError, workspaceOf, type Command } from './command';
import { table, utcTime } from './table';

const tokenCreate: Command = {
  words: ['token', 'create'],
  args: [],
  flags: { workspace: 'NAME', name: 'TOKEN_NAME', role: ROLES.join('|') },
  about: 'Creates a token in the workspace. viewer reads; clerk also posts and voids batches; admin also writes\n' +
    'items and locations and manages tokens. The token is shown once, alone on the last line.',
  check({ flags }) {
    if (!ROLES.includes(flags.role as Role)) throw new UsageError(`--role must be one of ${ROLES.join(', ')}.`);
    if (flags.name.trim() === '' || flags.name.length > TOKEN_NAME_MAX) throw new UsageError(`--name must be 1–${TOKEN_NAME_MAX} characters.`);
  },
  async run(ctx) {
    const { flags, io } = ctx;
    const ws = await workspaceOf(ctx);
    const token = await insertToken(ctx.db, ws.workspaceId, flags.name.trim(), flags.role as Role, ctx.now);
    io.out(`Created ${flags.role} token ${flags.name.trim()} in workspace ${ws.workspace} (shown once):`);
    io.out(token);
  },
};

const tokenList: Command = {
  words: ['token', 'list'],
  args: [],
  flags: { workspace: 'NAME' },
  about: "Lists the workspace's live tokens: name, role and when each was created (UTC). Secrets are never stored, so never shown.",
  async run(ctx) {
    const ws = await workspaceOf(ctx);
    const tokens = await listTokens(ctx.db, ws.workspaceId);
    if (tokens.length === 0) {
      ctx.io.out(`Workspace ${ws.workspace} has no live tokens.`);
      return;
    }
    for (const line of table(['NAME', 'ROLE', 'CREATED (UTC)'], tokens.map((t) => [t.name, t.role, utcTime(t.createdAt)]))) ctx.io.out(line);
  },
};

const tokenRevoke: Command = {
  words: ['token', 'revoke'],
  args: ['TOKEN_NAME'],
  flags: { workspace: 'NAME' },
  about: 'Revokes the live token of that name: from now on it is refused (401). Its name may then be given to a new token.',
  async run(ctx) {
    const ws = await workspaceOf(ctx);
    const [name] = ctx.args;
    try {
      await revokeToken(ctx.db, ws.workspaceId, name, ctx.now);
    } catch (e) {
      if (e instanceof LedgerError && e.code === 'not_found') throw new Error(`Workspace ${ws.workspace} has no live token named ${name}.`);
      throw e;
    }
    ctx.io.out(`Revoked token ${name} of workspace ${ws.workspace}.`);
  },
};

export const tokenCommands = [tokenCreate, tokenList, tokenRevoke];
