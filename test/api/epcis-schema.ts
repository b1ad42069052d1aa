/**
 * GS1's EPCIS 2.0 JSON schema (test/fixtures/conformance/epcis, draft-07) as a validator: what
 * an EPCIS export must pass, as trading partners would check it.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import AjvModule, { type ErrorObject } from 'ajv';
import addFormatsModule from 'ajv-formats';

// Both are CommonJS: their default exports arrive wrapped under a bundler-free import.
const Ajv = ((AjvModule as any).default ?? AjvModule) as typeof AjvModule;
const addFormats = ((addFormatsModule as any).default ?? addFormatsModule) as (ajv: AjvModule) => AjvModule;

export const EPCIS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/conformance/epcis');

let validate: ((doc: unknown) => boolean) & { errors?: ErrorObject[] | null } | undefined;

/** Null when `doc` validates against the EPCIS 2.0 schema, else the schema's complaints. */
export function epcisSchemaErrors(doc: unknown): string | null {
  if (!validate) {
    // strict: false, as GS1's own schema uses keywords (e.g. unknown formats) strict mode refuses.
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    validate = ajv.compile(JSON.parse(readFileSync(path.join(EPCIS_DIR, 'EPCIS-JSON-Schema.json'), 'utf8')));
  }
  return validate(doc) ? null : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`).join('; ');
}

/** GS1's example documents, by path under JSON/. */
export function epcisExamples(): { name: string; doc: unknown }[] {
  const out: { name: string; doc: unknown }[] = [];
  const walk = (dir: string) => {
    for (const f of readdirSync(dir).sort()) {
      const p = path.join(dir, f);
      if (statSync(p).isDirectory()) walk(p);
      else if (f.endsWith('.jsonld')) out.push({ name: path.relative(path.join(EPCIS_DIR, 'JSON'), p), doc: JSON.parse(readFileSync(p, 'utf8')) });
    }
  };
  walk(path.join(EPCIS_DIR, 'JSON'));
  return out;
}
