/**
 * Holds every answer of the HTTP suite to the API's own description (server/openapi): the
 * status must be documented for the route's path and method, the content type among the
 * documented ones, a header it must carry (Retry-After) present, and a JSON body must
 * validate against the documented schema (JSON Schema 2020-12, with formats). A path or
 * method the document does not have must be the app's 404 (or 401 under /v1 without a token).
 */
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { openApiDocument } from '../../server/openapi/document';

type Json = Record<string, any>;

const doc = JSON.parse(JSON.stringify(openApiDocument)) as Json;
const DOC_ID = 'urn:lotledger:openapi';
// ajv-formats is CommonJS: its default export arrives wrapped under a bundler-free import.
const addFormats = ((addFormatsModule as any).default ?? addFormatsModule) as (ajv: Ajv2020) => Ajv2020;

/** A strict 2020-12 validator that knows the whole document, so `$ref`s into components resolve. */
export function documentAjv(): Ajv2020 {
  const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
  addFormats(ajv);
  // The document's own top-level fields are not JSON Schema keywords.
  for (const k of Object.keys(doc)) if (!ajv.getKeyword(k)) ajv.addKeyword(k);
  ajv.addSchema(doc, DOC_ID);
  return ajv;
}

const ajv = documentAjv();
const validators = new Map<string, ValidateFunction>();

const pointer = (parts: string[]) => parts.map((p) => p.replaceAll('~', '~0').replaceAll('/', '~1')).join('/');

function validatorAt(parts: string[]): ValidateFunction {
  const at = `${DOC_ID}#/${pointer(parts)}`;
  let v = validators.get(at);
  if (!v) {
    v = ajv.getSchema(at);
    if (!v) throw new Error(`The document has no schema at ${at}.`);
    validators.set(at, v);
  }
  return v;
}

const TEMPLATES = Object.keys(doc.paths).map((template) => ({
  template,
  pattern: new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`),
}));

/** The documented path template a request path falls under, or null. @example templateOf('/v1/batches/B-1') // '/v1/batches/{id}' */
export function templateOf(path: string): string | null {
  const bare = path.split('?')[0];
  return TEMPLATES.find((t) => t.pattern.test(bare))?.template ?? null;
}

/** Where a response object lives: inline in the operation, or a component it refers to. */
function responseParts(template: string, method: string, status: number): string[] | null {
  const res = doc.paths[template]?.[method]?.responses?.[String(status)];
  if (!res) return null;
  if (typeof res.$ref === 'string') return res.$ref.replace(/^#\//, '').split('/');
  return ['paths', template, method, 'responses', String(status)];
}

/** What any /v1 request may be answered before its route is found: body checks, then the token. */
const BEFORE_ROUTING: Record<number, string> = { 401: 'Unauthorized', 413: 'TooLarge', 415: 'UnsupportedMediaType' };

const at = (parts: string[]): Json => parts.reduce((o: Json, p) => o[p], doc);

/**
 * Why an answer is not the documented one, or null when it is.
 * @example contractBreach('GET', '/v1/me', 200, 'application/json', { workspace: 'w', role: 'admin', tokenName: 'admin' }) // null
 */
export function contractBreach(
  method: string, path: string, status: number, contentType: string | null, body: unknown, headers: Headers = new Headers(),
): string | null {
  const m = method.toLowerCase();
  const template = templateOf(path);
  let parts = template && doc.paths[template][m] ? responseParts(template, m, status) : null;
  const where = `${method} ${path} → ${status}`;
  if (!template || !doc.paths[template][m]) {
    // Not a route of the document: only the app's own 404, or what /v1 answers before routing.
    const fallback = status === 404 ? 'NotFound' : path.startsWith('/v1/') ? BEFORE_ROUTING[status] : undefined;
    if (!fallback) return `${where}: ${template ? `${method} is not documented for ${template}` : 'the path is not documented'} and the answer is not the app's 404.`;
    parts = ['components', 'responses', fallback];
  }
  if (!parts) return `${where}: status ${status} is not documented for ${m.toUpperCase()} ${template}.`;
  const response = at(parts);
  for (const [name, h] of Object.entries((response.headers ?? {}) as Json)) {
    if (h.required && !headers.has(name)) return `${where}: the documented header ${name} is missing.`;
  }
  const content = response.content as Json | undefined;
  const media = (contentType ?? '').split(';')[0].trim().toLowerCase();
  if (!content) return media === '' ? null : `${where}: the answer has a body (${media}) where none is documented.`;
  if (!(media in content)) return `${where}: content type ${media || '(none)'} is not documented (documented: ${Object.keys(content).join(', ')}).`;
  if (media !== 'application/json') return null;
  const validate = validatorAt([...parts, 'content', media, 'schema']);
  if (validate(body)) return null;
  return `${where}: the JSON answer does not match the documented schema:\n${JSON.stringify(validate.errors, null, 1)}\nbody: ${JSON.stringify(body).slice(0, 2000)}`;
}
