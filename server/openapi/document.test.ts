import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { LedgerStore } from '../db/port';
import { Validator } from '@seriousme/openapi-schema-validator';
import { createApp } from '../app';
import { openDatabase } from '../db/client';
import { openApiDocument } from './document';
import { contractBreach, documentAjv } from '../../test/api/contract';

const doc = JSON.parse(JSON.stringify(openApiDocument));
let dir: string;
let db: LedgerStore;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'lotledger-openapi-'));
  db = await openDatabase(`file:${path.join(dir, 'ledger.db')}`);
});
afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The app's routes as `METHOD /path/{param}`, middleware (method ALL) left out. */
function appRoutes(): string[] {
  const app = createApp({ store: db });
  const routes = app.routes
    .filter((r) => r.method !== 'ALL')
    .map((r) => `${r.method} ${r.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}')}`);
  return [...new Set(routes)].sort();
}

const documentedRoutes = (d: typeof doc): string[] =>
  Object.entries(d.paths as Record<string, Record<string, unknown>>)
    .flatMap(([p, item]) => Object.keys(item).filter((k) => k !== 'parameters').map((m) => `${m.toUpperCase()} ${p}`))
    .sort();

describe('the API\'s own description', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    const validator = new Validator();
    const res = await validator.validate(doc);
    expect(res.errors ?? []).toEqual([]);
    expect(res.valid).toBe(true);
    expect(validator.version).toBe('3.1');
    const broken = structuredClone(doc);
    delete broken.paths['/v1/me'].get.responses['200'].description;
    expect((await new Validator().validate(broken)).valid).toBe(false);
  });

  it('holds schemas that compile as strict JSON Schema 2020-12, every $ref resolving', () => {
    const ajv = documentAjv();
    const pointers = [
      ...Object.keys(doc.components.schemas).map((n) => `components/schemas/${n}`),
      ...Object.entries(doc.paths as Record<string, Record<string, any>>).flatMap(([p, item]) =>
        Object.entries(item).flatMap(([m, op]) => Object.entries(op.responses as Record<string, any>)
          .filter(([, r]) => r.content?.['application/json'])
          .map(([s]) => `paths/${p.replaceAll('/', '~1')}/${m}/responses/${s}/content/application~1json/schema`))),
    ];
    expect(pointers.length).toBeGreaterThan(40);
    for (const p of pointers) expect(ajv.getSchema(`urn:lotledger:openapi#/${p}`), p).toBeTypeOf('function');
  });

  it('documents every route of the app, and no route the app does not have', () => {
    const routes = appRoutes();
    expect(routes).toContain('POST /v1/batches/{id}/void');
    expect(documentedRoutes(doc)).toEqual(routes);
  });

  it('fails the route check when a route is missing from the document, or documented but absent', () => {
    const { '/v1/batches/{id}/void': _gone, ...fewer } = doc.paths;
    expect(documentedRoutes({ ...doc, paths: fewer })).not.toEqual(appRoutes());
    const more = { ...doc.paths, '/v1/holds': { get: {} } };
    expect(documentedRoutes({ ...doc, paths: more })).not.toEqual(appRoutes());
  });

  it('lets the HTTP suite tell a documented answer from one that is not', () => {
    const me = { workspace: 'w', role: 'admin', tokenName: 'admin' };
    expect(contractBreach('GET', '/v1/me', 200, 'application/json', me)).toBeNull();
    expect(contractBreach('GET', '/v1/me', 200, 'application/json', { ...me, extra: 1 })).toMatch(/does not match the documented schema/);
    expect(contractBreach('GET', '/v1/me', 200, 'application/json', { workspace: 'w', role: 'admin' })).toMatch(/tokenName/);
    expect(contractBreach('GET', '/v1/me', 500, 'application/json', { error: { code: 'internal', message: 'x' } })).toMatch(/not documented/);
    expect(contractBreach('GET', '/v1/reports/on-hand?format=csv', 200, 'text/csv; charset=utf-8', 'sku,lot\r\n')).toBeNull();
    expect(contractBreach('GET', '/v1/me', 200, 'text/csv', 'x')).toMatch(/content type text\/csv is not documented/);
    const notFound = { error: { code: 'not_found', message: 'There is no batch B-1.' } };
    expect(contractBreach('GET', '/v1/batches/B-1', 404, 'application/json', notFound)).toBeNull();
    expect(contractBreach('GET', '/v1/batches/B-1', 404, 'application/json', { error: { code: 'void_blocked', message: 'x' } })).toMatch(/schema/);
    expect(contractBreach('GET', '/v1/nothing-here', 404, 'application/json', notFound)).toBeNull();
    expect(contractBreach('GET', '/v1/nothing-here', 200, 'application/json', {})).toMatch(/not documented/);
    const notJson = { error: { code: 'unsupported_media_type', message: 'Send JSON.' } };
    expect(contractBreach('POST', '/v1/nothing-here', 415, 'application/json', notJson)).toBeNull();
    expect(contractBreach('POST', '/nothing-here', 415, 'application/json', notJson)).toMatch(/not the app's 404/);
    const limited = { error: { code: 'rate_limited', message: 'Wait 3 s.' } };
    expect(contractBreach('GET', '/v1/items', 429, 'application/json', limited, new Headers({ 'retry-after': '3' }))).toBeNull();
    expect(contractBreach('GET', '/v1/items', 429, 'application/json', limited)).toMatch(/header Retry-After is missing/);
    expect(contractBreach('POST', '/v1/batches/B-1/void', 409, 'application/json', { error: { code: 'already_voided', message: 'x' } })).toBeNull();
  });
});
