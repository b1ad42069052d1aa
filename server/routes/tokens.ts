import { Hono } from 'hono';
import type { AppEnv, Role } from '../env';
import { ROLES } from '../env';
import { ApiError } from '../errors';
import { requireRole } from '../auth/roles';
import { insertToken } from '../auth/tokens';
import { onlyKnownFields, readJsonObject, shortText } from './body';

/** Token management (admin): create (secret shown once), list (never the secrets), revoke. */
export function tokenRoutes(now: () => Date) {
  const r = new Hono<AppEnv>();
  r.use('/tokens', requireRole('admin'));
  r.use('/tokens/*', requireRole('admin'));

  r.post('/tokens', async (c) => {
    const body = await readJsonObject(c);
    onlyKnownFields(body, ['name', 'role'], 'The token request');
    const name = shortText(body.name, 'The token name', 100);
    if (typeof body.role !== 'string' || !ROLES.includes(body.role as Role)) {
      throw new ApiError(400, 'invalid_request', `The role must be one of ${ROLES.join(', ')}.`);
    }
    const { workspaceId } = c.var.auth;
    try {
      const token = await insertToken(c.var.db, workspaceId, name, body.role as Role, now());
      return c.json({ token, name, role: body.role }, 201);
    } catch (e) {
      if (/UNIQUE/i.test((e as Error).message)) {
        throw new ApiError(409, 'conflict', `A live token named ${name} already exists; revoke it first or pick another name.`);
      }
      throw e;
    }
  });

  r.get('/tokens', async (c) => {
    const rs = await c.var.db.execute({
      sql: 'SELECT name, role, created_at FROM token WHERE workspace_id = ? AND revoked_at IS NULL ORDER BY created_at, id',
      args: [c.var.auth.workspaceId],
    });
    return c.json({ tokens: rs.rows.map((t) => ({ name: t.name, role: t.role, createdAt: t.created_at })) });
  });

  r.delete('/tokens/:name', async (c) => {
    const name = c.req.param('name');
    const rs = await c.var.db.execute({
      sql: 'UPDATE token SET revoked_at = ? WHERE workspace_id = ? AND name = ? AND revoked_at IS NULL',
      args: [now().toISOString(), c.var.auth.workspaceId, name],
    });
    if (rs.rowsAffected === 0) throw new ApiError(404, 'not_found', `There is no live token named ${name}.`);
    return c.json({ revoked: name });
  });
  return r;
}
