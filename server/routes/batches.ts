import { Hono } from 'hono';
import type { BatchList, Voided } from '../../shared/api-types';
import type { AppEnv, Auth } from '../env';
import type { LedgerStore } from '../db/port';
import { ApiError } from '../errors';
import { requireRole } from '../auth/roles';
import { ROW_FIELDS, type RawRow } from '../../shared/rows';
import { sha256Hex } from '../auth/tokens';
import { postBatch, type PostAnswer, type PostInput } from '../ledger/post';
import { claimKey, KeyTaken, releaseKey, storedAnswer } from '../ledger/idempotency';
import { batchWindow, getBatch, listBatches, voidReason } from '../ledger/batches';
import { voidBatch } from '../ledger/void';
import { decodeChunks, jsonObjectOf, onlyKnownFields, readBodyChunks, readJsonObject } from './body';

const SOURCE_FIELDS = ['workbook', 'sheet', 'range'] as const;
const KNOWN_ROW_FIELDS: ReadonlySet<string> = new Set(ROW_FIELDS);

/**
 * Checks the shape of a batch request (not its rows' content: that is the rules' job).
 * Wrong shapes are 400s that name the place; too many rows is 413.
 */
export function parseBatchRequest(body: Record<string, unknown>, maxRows: number, rowsParsed = true): PostInput {
  onlyKnownFields(body, ['rows', 'dryRun', 'duplicatesConfirmed', 'source'], 'The batch request');
  const { rows, dryRun, duplicatesConfirmed, source } = body;
  if (!Array.isArray(rows)) throw new ApiError('invalid_request', 'Send {"rows": [...]}: the rows to post.');
  if (rows.length > maxRows) {
    throw new ApiError('too_large', `At most ${maxRows.toLocaleString('en-US')} rows a batch; this one has ${rows.length.toLocaleString('en-US')}. Post the sheet in parts.`);
  }
  if (dryRun !== undefined && typeof dryRun !== 'boolean') throw new ApiError('invalid_request', 'dryRun must be true or false.');
  if (duplicatesConfirmed !== undefined && typeof duplicatesConfirmed !== 'boolean') {
    throw new ApiError('invalid_request', 'duplicatesConfirmed must be true or false.');
  }
  if (rows.length === 0 && !dryRun) throw new ApiError('invalid_request', 'There are no rows to post.');
  if (rowsParsed) checkRowShapes(rows, 0);
  let src: PostInput['source'] = null;
  if (source !== undefined && source !== null) {
    if (typeof source !== 'object' || Array.isArray(source)) {
      throw new ApiError('invalid_request', 'source must be an object with workbook, sheet and range.');
    }
    const s = source as Record<string, unknown>;
    onlyKnownFields(s, SOURCE_FIELDS, 'source');
    for (const f of SOURCE_FIELDS) {
      if (s[f] !== undefined && s[f] !== null && (typeof s[f] !== 'string' || (s[f] as string).length > 255)) {
        throw new ApiError('invalid_request', `source.${f} must be a text of at most 255 characters.`);
      }
    }
    const get = (f: (typeof SOURCE_FIELDS)[number]) => (typeof s[f] === 'string' ? (s[f] as string) : null);
    src = { workbook: get('workbook'), sheet: get('sheet'), range: get('range') };
  }
  return { rows: rows as RawRow[], dryRun: dryRun === true, duplicatesConfirmed: duplicatesConfirmed === true, source: src };
}

/**
 * Checks that each of `rows` (row `first` onwards of a request) is an object of known fields
 * holding text, numbers or nulls; 400 naming the first that is not.
 */
export function checkRowShapes(rows: readonly unknown[], first: number): void {
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    if (typeof r !== 'object' || r === null || Array.isArray(r)) {
      throw new ApiError('invalid_request', `Row ${first + i} must be an object of fields (${ROW_FIELDS.join(', ')}).`);
    }
    for (const key in r) {
      if (!KNOWN_ROW_FIELDS.has(key)) {
        throw new ApiError('invalid_request', `Row ${first + i} has an unknown field '${key}'; known fields: ${ROW_FIELDS.join(', ')}.`);
      }
      const v = (r as Record<string, unknown>)[key];
      if (v !== null && typeof v !== 'string' && typeof v !== 'number') {
        throw new ApiError('invalid_request', `Row ${first + i} field '${key}' must be text, a number or null.`);
      }
    }
  }
}

/** Checks the Idempotency-Key header: absent is fine, otherwise 1–255 characters. */
export function idempotencyKeyFrom(header: string | undefined): string | null {
  if (header === undefined) return null;
  if (header.length < 1 || header.length > 255) {
    throw new ApiError('invalid_request', 'The Idempotency-Key header must be 1–255 characters.');
  }
  return header;
}

/** A post's status: 201 for a batch appended, 200 for what a dry run found. */
const statusOf = (answer: PostAnswer) => (answer.kind === 'posted' ? 201 : 200);

/**
 * A row's fields in ROW_FIELDS order, blank and absent alike as null: written out rather than
 * mapped over ROW_FIELDS, which made a closure and an array walk a row (23 of 53 ms for
 * 100,000 rows).
 */
export const canonicalRow = (r: RawRow): (string | number | null)[] => {
  const row = [
    r.type ?? null, r.date ?? null, r.sku ?? null, r.lot ?? null, r.serial ?? null, r.expiry ?? null, r.qty ?? null,
    r.from ?? null, r.to ?? null, r.party ?? null, r.ref ?? null, r.note ?? null, r.gs1 ?? null,
  ];
  // The trace fields came later: a row without them hashes as it always did, so a key kept
  // from before still replays its batch.
  const { tlcSource = null, tlcSourceRef = null, refType = null } = r;
  return tlcSource === null && tlcSourceRef === null && refType === null ? row : [...row, tlcSource, tlcSourceRef, refType];
};

/** Rows a part of the idempotency hash covers: a part's JSON (about 75 KB) stays a small object. */
const HASH_PART_ROWS = 500;
/** Rows hashed between turns of other work (about 4 ms). */
const HASH_TURN_ROWS = 5000;

/** Resolves after the I/O and timers that are due have had their turn. */
const nextTurn = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * The idempotency hash of a batch request: SHA-256 over the source and the hashes of its rows
 * in parts of HASH_PART_ROWS. Each part is in canonical form: each row as its fields in
 * ROW_FIELDS order (blank and absent alike as null), so the same rows hash the same whatever
 * order a client wrote the fields in. Hashing part by part means the canonical text of a
 * 100,000-row batch (15 MB, and its 100,000 arrays) never exists at once: each part's text
 * dies young, where the whole text went straight to the old heap and stayed there until the
 * post ended (about 35 MB off the peak of such a post).
 */
export async function batchHash(input: PostInput): Promise<string> {
  const { rows } = input;
  let madeSince = 0;
  // Each part's digest is left running (off the main thread, on Node) while the next part's
  // text is made, and all are awaited at the end (100,000 rows: 78 -> 65 ms).
  // A confirmed post is another request than the same rows unconfirmed; unconfirmed, the hash is as before.
  const head = JSON.stringify(input.source) + (input.duplicatesConfirmed ? '\nduplicatesConfirmed' : '');
  const parts: Promise<string>[] = [Promise.resolve(head)];
  for (let i = 0; i < rows.length; i += HASH_PART_ROWS) {
    const part: unknown[][] = [];
    input.fill?.(i + HASH_PART_ROWS);
    for (let j = i; j < Math.min(i + HASH_PART_ROWS, rows.length); j++) part.push(canonicalRow(rows[j]));
    parts.push(sha256Hex(JSON.stringify(part)));
    // A post hashes its body while it writes: its own work gets a turn every few parts.
    if ((madeSince += part.length) >= HASH_TURN_ROWS) {
      madeSince = 0;
      await nextTurn();
    }
  }
  return sha256Hex((await Promise.all(parts)).join('\n'));
}

/** What a post answers: 201 and the batch posted (or replayed), or 200 and what a dry run found. */
export interface BatchPostAnswer {
  status: 200 | 201;
  body: Record<string, unknown>;
}

/** A post handed to a post thread: the body's bytes as they came, and what the request said. */
export interface BatchPostJob {
  chunks: Uint8Array[];
  key: string | undefined;
  auth: Auth;
  now: Date;
}

/** Runs a post elsewhere (a post thread, server/post-thread) and answers its answer, or throws its error. */
export type BatchPoster = (job: BatchPostJob) => Promise<BatchPostAnswer>;

/**
 * The body size from which a post goes to the post thread when there is one (about 6,000
 * rows). A smaller one is decoded and checked here in a few milliseconds, less than handing it
 * over costs, and many small posts at once keep both threads busy (20 clerks posting 200 rows
 * each: 29,800 rows/s so, 15,600 with every post on the post thread). A 100,000-row sheet's
 * 250 ms of parsing and checking go there.
 */
export const POST_THREAD_BYTES = 2 ** 20;

const byteLength = (chunks: readonly Uint8Array[]) => chunks.reduce((n, c) => n + c.byteLength, 0);

/**
 * Rows from which a post asks for a full garbage collection (`collect`) once half of it is being
 * written: its body's text, the chunks it came in and the parts written so far are garbage by
 * then, and large enough to matter.
 */
const COLLECT_FROM_ROWS = 20_000;

/**
 * Answers a batch request with the Idempotency-Key header it came with: checks the request's
 * shape (`request`, which reads it, parseBatchRequest or batchRequestOfText), claims the key (or
 * replays its answer), posts or dry-runs the rows. The route runs it, or a post thread does
 * (server/post-thread/worker.ts).
 * @example await answerBatchPost(store, auth, (max) => parseBatchRequest({ rows }, max), undefined, { maxRows: 100_000, now: new Date() })
 */
export async function answerBatchPost(
  db: LedgerStore, auth: Auth, request: (maxRows: number) => PostInput, keyHeader: string | undefined,
  opts: { maxRows: number; now: Date; collect?: () => void },
): Promise<BatchPostAnswer> {
  const key = idempotencyKeyFrom(keyHeader);
  const input = request(opts.maxRows);
  const { now, collect } = opts;
  // After the post's statements have left (at the end of its synchronous run), so SQLite writes
  // them while the collection runs.
  const halfWritten = collect && input.rows.length >= COLLECT_FROM_ROWS ? () => void setTimeout(collect, 0) : undefined;
  const answered = (answer: PostAnswer): BatchPostAnswer => ({ status: statusOf(answer), body: answer.body as unknown as Record<string, unknown> });
  const replayed = (claim: { status: number; body: Record<string, unknown> }): BatchPostAnswer =>
    ({ status: claim.status as 201, body: { ...claim.body, replayed: true } });
  // The rows were parsed for this post alone: it may let them go as it writes them.
  const ownRows = true;
  if (!key || input.dryRun) return answered(await postBatch(db, auth, input, { now, halfWritten, ownRows }));
  // The key is claimed before the body is hashed, and the hash taken while the post writes:
  // it is needed only to tell a retry from another request, and by the post's last statement.
  let hashing: Promise<string> | null = null;
  const bodyHash = () => (hashing ??= batchHash(input));
  if (db.live) {
    // On a file the post claims a new key itself, in its own write: one commit, not two.
    try {
      return answered(await postBatch(db, auth, input, { now, halfWritten, ownRows, idempotency: { key, bodyHash: bodyHash(), claimed: false } }));
    } catch (e) {
      if (!(e instanceof KeyTaken)) throw e; // nothing was written, and no key is held
    }
  }
  const claim = await claimKey(db, auth.workspaceId, key, bodyHash, now);
  if (claim.replay) return replayed(claim);
  try {
    return answered(await postBatch(db, auth, input, { now, halfWritten, ownRows, idempotency: { key, bodyHash: bodyHash(), claimed: true } }));
  } catch (e) {
    // Our write did not happen. If another holder of this key answered it meanwhile, that
    // answer is ours too; otherwise let the caller fix the rows and retry under the same key.
    const stored = await storedAnswer(db, auth.workspaceId, key, await bodyHash());
    if (stored?.replay) return replayed(stored);
    await releaseKey(db, auth.workspaceId, key);
    throw e;
  }
}

/** Posting, listing, reading and voiding batches; `posts`: where posts run, if not here. */
export function batchRoutes(opts: { maxRows: number; now: () => Date; collect?: () => void; posts?: BatchPoster }) {
  const r = new Hono<AppEnv>();

  r.post('/batches', requireRole('clerk'), async (c) => {
    const { store: db, auth } = c.var;
    const key = c.req.header('idempotency-key');
    // The body is read before the header is judged, so a refusal never races a client still
    // sending its rows (seen as a reset socket through workerd's local proxy).
    let body: Record<string, unknown>;
    if (opts.posts) {
      const chunks = await readBodyChunks(c);
      if (byteLength(chunks) >= POST_THREAD_BYTES) {
        // A post thread decodes, checks and posts; this thread only hands over the bytes and the answer.
        const answer = await opts.posts({ chunks, key, auth, now: opts.now() });
        return c.json(answer.body, answer.status);
      }
      body = jsonObjectOf(decodeChunks(chunks));
    } else {
      body = await readJsonObject(c);
    }
    const answer = await answerBatchPost(db, auth, (max) => parseBatchRequest(body, max), key,
      { maxRows: opts.maxRows, now: opts.now(), collect: opts.collect });
    return c.json(answer.body, answer.status);
  });

  r.get('/batches', requireRole('viewer'), async (c) => {
    const { from, to } = batchWindow(c.req.query('from'), c.req.query('to'));
    return c.json({ batches: await listBatches(c.var.store, c.var.auth.workspaceId, from, to) } satisfies BatchList);
  });

  r.get('/batches/:id', requireRole('viewer'), async (c) => {
    return c.json(await getBatch(c.var.store, c.var.auth.workspaceId, c.req.param('id')));
  });

  r.post('/batches/:id/void', requireRole('clerk'), async (c) => {
    const body = await readJsonObject(c);
    onlyKnownFields(body, ['reason'], 'The void request');
    const answer = await voidBatch(c.var.store, c.var.auth, c.req.param('id'), voidReason(body.reason), opts.now());
    return c.json(answer satisfies Voided, 200);
  });
  return r;
}
