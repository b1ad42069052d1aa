/**
 * GS1 Digital Link URIs (`https://id.gs1.org/01/09506000134352/10/ABC?17=271031`), the form a
 * QR code or a 2D label carries, read into the AIs an element string would hold. Follows GS1's
 * Digital Link URI syntax: any host and path stem, then the primary key (the rightmost one in
 * the path) with its key qualifiers as path pairs, and further AIs as query parameters.
 * Syntax only: the values of the AIs LotLedger reads are checked by gs1.ts, as for any scan.
 */

export type DigitalLinkResult =
  | { ok: true; ais: { ai: string; value: string }[] }
  | { ok: false; message: string };

/** AIs that may be the primary key of a Digital Link URI (GS1 Digital Link standard, 1.x). */
const PRIMARY_KEYS = new Set(['00', '01', '253', '255', '401', '402', '414', '417', '8003', '8004', '8006', '8010', '8013', '8017', '8018']);

/** Key qualifiers that belong in the path, in the order they must come (GTIN: CPV, lot, serial; or TPX). */
const QUALIFIER_ORDER: Readonly<Record<string, readonly string[][]>> = {
  '01': [['22', '10', '21'], ['235']],
  '8006': [['22', '10', '21']],
  '414': [['254'], ['7040']],
  '8018': [['8019']],
  '00': [],
};

/** Characters a URI may hold (RFC 3986 unreserved and reserved, and `%` of an escape). */
const URI_CHARS = /^[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]*$/;

const isAi = (s: string): boolean => /^\d{2,4}$/.test(s);

/** Whether `input` is written as a web address, so it is read as a Digital Link and not as an element string. */
export const looksLikeDigitalLink = (input: string): boolean => /^https?:\/\//i.test(input);

class LinkError extends Error {}

function decode(value: string, ai: string): string {
  let out: string;
  try {
    out = decodeURIComponent(value);
  } catch {
    throw new LinkError(`The value of AI (${ai}) in the link has a broken %-escape.`);
  }
  if (out === '') throw new LinkError(`AI (${ai}) in the link has no value.`);
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(out)) throw new LinkError(`The value of AI (${ai}) in the link holds a control character.`);
  return out;
}

/** A zero-suppressed GTIN-8, -12 or -13 in a link is the GTIN-14 it stands for (docs/API.md). */
const gtin14 = (value: string): string => (/^\d{8}$|^\d{12,13}$/.test(value) ? value.padStart(14, '0') : value);

/** Checks that the qualifiers of `key` that are in the path come in the standard's order. */
function checkQualifierOrder(key: string, path: { ai: string }[]): void {
  const orders = QUALIFIER_ORDER[key];
  if (!orders) return;
  const qualifiers = path.filter((p) => orders.some((o) => o.includes(p.ai))).map((p) => p.ai);
  if (qualifiers.length === 0) return;
  const order = orders.find((o) => qualifiers.every((q) => o.includes(q)));
  const inOrder = order !== undefined && qualifiers.every((q, i) => i === 0 || order.indexOf(qualifiers[i - 1]) < order.indexOf(q));
  if (!inOrder) {
    const want = orders.map((o) => o.map((a) => `(${a})`).join(', ')).join(' or ');
    throw new LinkError(`The key qualifiers of (${key}) in the link come as ${qualifiers.map((a) => `(${a})`).join(', ')}; GS1 Digital Link orders them ${want}.`);
  }
}

/**
 * Reads a GS1 Digital Link URI into its AIs: the path's (primary key first) then the query's,
 * in the order written.
 * @example parseDigitalLink('https://id.gs1.org/01/09506000134352/10/ABC?17=271031') // { ok: true, ais: [{ai: '01', …}, {ai: '10', …}, {ai: '17', …}] }
 */
export function parseDigitalLink(input: string): DigitalLinkResult {
  try {
    const scheme = /^(https?):\/\//i.exec(input)?.[1];
    // GS1's parsers take the scheme in lower or upper case only.
    if (!scheme || (scheme !== scheme.toLowerCase() && scheme !== scheme.toUpperCase())) {
      throw new LinkError('A GS1 Digital Link starts with http:// or https://.');
    }
    if (!URI_CHARS.test(input)) {
      const bad = [...input].find((ch) => !URI_CHARS.test(ch));
      throw new LinkError(`The link holds "${bad}", which a web address cannot hold; scan it again.`);
    }
    const rest = input.slice(scheme.length + 3).split('#')[0];
    const queryAt = rest.indexOf('?');
    const address = queryAt < 0 ? rest : rest.slice(0, queryAt);
    const query = queryAt < 0 ? '' : rest.slice(queryAt + 1);
    const slash = address.indexOf('/');
    if (slash <= 0) throw new LinkError('The link has no host, or no path after it.');
    if (address.endsWith('/')) throw new LinkError('The link ends with "/"; a GS1 Digital Link ends with a value.');
    const segments = address.slice(slash + 1).split('/');

    // From the right, pairs of AI and value, up to and including the first primary key.
    const path: { ai: string; value: string }[] = [];
    let i = segments.length - 2;
    for (; i >= 0; i -= 2) {
      const ai = segments[i];
      if (!isAi(ai)) {
        throw new LinkError(path.length === 0 && i + 2 === segments.length && !/^\d+$/.test(ai)
          ? 'The link names no GS1 key (such as /01/ and a GTIN) in its path.'
          : `"${ai}" in the link's path is not a GS1 application identifier (2 to 4 digits).`);
      }
      path.unshift({ ai, value: decode(segments[i + 1], ai) });
      if (PRIMARY_KEYS.has(ai)) break;
    }
    if (i < 0) throw new LinkError('The link names no GS1 key (such as /01/ and a GTIN) in its path.');
    const key = path[0].ai;
    checkQualifierOrder(key, path);

    const fromQuery: { ai: string; value: string }[] = [];
    for (const param of query.split('&')) {
      const eq = param.indexOf('=');
      if (eq < 0) continue; // a parameter without a value is no AI
      const name = param.slice(0, eq);
      if (!/^\d+$/.test(name)) continue; // other parameters are the resolver's, not data
      if (!isAi(name)) throw new LinkError(`"${name}" in the link's query is not a GS1 application identifier (2 to 4 digits).`);
      if ((QUALIFIER_ORDER[key] ?? []).some((o) => o.includes(name))) {
        throw new LinkError(`AI (${name}) qualifies the key (${key}), so it belongs in the link's path, not its query.`);
      }
      fromQuery.push({ ai: name, value: decode(param.slice(eq + 1), name) });
    }
    const ais = [...path, ...fromQuery].map((a) => (a.ai === '01' ? { ai: a.ai, value: gtin14(a.value) } : a));
    const seen = new Set<string>();
    for (const { ai } of ais) {
      if (seen.has(ai)) throw new LinkError(`The link holds AI (${ai}) twice.`);
      seen.add(ai);
    }
    return { ok: true, ais };
  } catch (e) {
    if (e instanceof LinkError) return { ok: false, message: e.message };
    throw e;
  }
}
