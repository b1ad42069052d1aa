/**
 * "Each able to fail": breaks one rule at a time in a copy of the committed code and runs the
 * reliability test that guards it, which must then fail. Not part of npm test (each run starts
 * servers); run it with `npx tsx test/reliability/break-rules.ts [name…]` and read the table.
 * The working tree is never touched: each break lives in its own copy under the temp dir.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

interface Break {
  name: string;
  /** What the break does, in the trade's words. */
  rule: string;
  file: string;
  from: string;
  to: string;
  /** The test file (and optional -t filter) expected to catch it. */
  test: string;
  filter?: string;
  /** The vitest project that runs the test (default `reliability`). */
  project?: string;
}

const BREAKS: Break[] = [
  {
    name: 'idempotency', rule: 'posts ignore the Idempotency-Key (no claim, no replay)',
    file: 'server/routes/batches.ts', from: 'if (!key || input.dryRun) return', to: 'if (true) return',
    test: 'test/reliability/retries.test.ts', filter: 'one batch however many copies',
  },
  {
    name: 'stock-check', rule: 'the ledger check lets a lot go below zero (the stock CHECK is left as the last line)',
    file: 'server/ledger/checks.ts', from: 'dated === undefined && there < row.qtyMilli) {', to: 'false) {',
    test: 'test/reliability/properties.test.ts', filter: 'random sequences',
  },
  {
    name: 'stock-check-races', rule: 'as above, caught by the racing posts for the last units',
    file: 'server/ledger/checks.ts', from: 'dated === undefined && there < row.qtyMilli) {', to: 'false) {',
    test: 'test/reliability/retries.test.ts', filter: 'last units of a lot',
  },
  {
    name: 'dated-stock', rule: 'a back-dated row is checked against on hand now, not against every balance from its date on',
    file: 'server/ledger/dated-checks.ts', from: 'if (!ledgerLater && !(inBatch && inBatch.lastDate > row.date)) return undefined;', to: 'return undefined;',
    test: 'test/reliability/properties.test.ts', filter: 'random back-dated',
  },
  {
    name: 'dated-serial', rule: "a back-dated serial row is checked against where the serial is now, not where it was on the row's date",
    file: 'server/ledger/dated-checks.ts', from: 'const inBatch = sim.effects.units.get(uk);', to: 'return null; const inBatch = sim.effects.units.get(uk);',
    test: 'test/reliability/properties.test.ts', filter: 'random back-dated',
  },
  {
    name: 'void-dated', rule: 'a void is not checked against the movements dated after its batch',
    file: 'server/ledger/void.ts', from: 'const dated = laterBlocker(state, needs, batchId);', to: 'const dated = null;',
    test: 'test/reliability/properties.test.ts', filter: 'random back-dated',
  },
  {
    // On a file a post reads the ledger after it holds SQLite's write lock, so the guard is what
    // keeps racing posts apart only where reads come first: on a libSQL server.
    name: 'version-guard', rule: 'racing posts on a libSQL server are not serialised (the optimistic-concurrency trigger dropped)',
    file: 'server/db/migrations/001_ledger.sql', from: "WHEN NEW.ledger_version <> OLD.ledger_version + 1", to: 'WHEN 0',
    test: 'test/worker/remote-ledger.test.ts', filter: 'exactly one of two Workers', project: 'api-worker',
  },
  {
    name: 'atomic-post', rule: 'a post is written statement by statement instead of as one transaction',
    file: 'server/db/sqlite-worker.js',
    from: 'run(stmt);\n      } catch (e) {\n        session.failed = failure(e, index);',
    to: "run(stmt); db.exec('COMMIT'); db.exec('BEGIN IMMEDIATE');\n      } catch (e) {\n        session.failed = failure(e, index);",
    test: 'test/reliability/crashes.test.ts',
  },
  {
    name: 'void-order', rule: "a void records its reversals in the original order (the defect this suite found)",
    file: 'server/ledger/void.ts', from: '[...originals].reverse().map(', to: 'originals.map(',
    test: 'test/reliability/properties.test.ts', filter: 'one true story',
  },
  {
    name: 'duplicate-token', rule: 'a second live token of the same name is a database error, not a 409',
    file: 'server/auth/tokens.ts', from: 'if (isUniqueViolation(e)) {', to: 'if (false) {',
    test: 'test/reliability/hostile-input.test.ts', filter: 'never get a 5xx',
  },
  {
    name: 'body-limit', rule: 'no body size limit',
    file: 'server/app.ts', from: "v1.use('*', bodyLimit({", to: "v1.use('/nowhere', bodyLimit({",
    test: 'test/reliability/hostile-input.test.ts', filter: 'hold the limits',
  },
  {
    name: 'role', rule: 'a viewer may post batches',
    file: 'server/routes/batches.ts', from: "r.post('/batches', requireRole('clerk'),", to: "r.post('/batches', requireRole('viewer'),",
    test: 'test/reliability/access.test.ts', filter: 'every route for every caller',
  },
  {
    name: 'object-level', rule: "a batch is read by id from any workspace",
    file: 'server/ledger/batches.ts', from: 'WHERE b.workspace_id = ? AND b.id = ?', to: 'WHERE (b.workspace_id = ? OR 1) AND b.id = ?',
    test: 'test/reliability/access.test.ts', filter: 'exactly as things that do not exist',
  },
  {
    name: 'token-hash', rule: 'new tokens are stored as their secret, not its hash',
    file: 'server/auth/tokens.ts', from: 'args: [workspaceId, name, role, await sha256Hex(secret), now.toISOString()],',
    to: 'args: [workspaceId, name, role, secret, now.toISOString()],',
    test: 'test/reliability/access.test.ts', filter: 'SHA-256',
  },
  {
    name: 'csv-formulas', rule: 'CSV reports write formula-like text as it is',
    file: 'server/ledger/csv.ts', from: 'const FORMULA_START = /^[=+\\-@\\t\\r]/;', to: 'const FORMULA_START = /^$^/;',
    test: 'test/reliability/spreadsheet-safety.test.ts', filter: 'opens as text',
  },
  {
    name: 'rate-limit-off', rule: 'no rate limit at all',
    file: 'server/app.ts', from: "if (limit) v1.use('*', rateLimit(limit));", to: '',
    test: 'test/reliability/abuse.test.ts', filter: 'tight rate limit',
  },
  {
    name: 'rate-limit-stingy', rule: 'a default limit a busy clerk would meet (bursts of 20)',
    file: 'server/middleware/rate-limit.ts', from: '{ perMinute: 600, burst: 200 }', to: '{ perMinute: 600, burst: 20 }',
    test: 'test/reliability/abuse.test.ts', filter: 'never met by a clerk',
  },
  {
    name: 'cors-open', rule: 'CORS allows every origin',
    file: 'server/middleware/cors.ts', from: 'const listed = origin !== undefined && allow.has(origin);', to: 'const listed = origin !== undefined;',
    test: 'test/reliability/abuse.test.ts', filter: 'only the listed origins',
  },
];

function copyOfHead(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'lotledger-break-'));
  const tar = execFileSync('git', ['archive', 'HEAD'], { cwd: REPO, maxBuffer: 512 * 1024 * 1024 });
  execFileSync('tar', ['-x', '-C', dir], { input: tar });
  symlinkSync(path.join(REPO, 'node_modules'), path.join(dir, 'node_modules'));
  return dir;
}

function runTest(dir: string, test: string, filter?: string, project = 'reliability') {
  const args = ['vitest', 'run', '--project', project, test, ...(filter ? ['-t', filter] : [])];
  const run = spawnSync('npx', args, { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' } });
  const out = run.stdout + run.stderr;
  const passed = run.status === 0 && !/\d+ failed/.test(out) && /\d+ passed/.test(out);
  const why = out.match(/(AssertionError|Error): [^\n]*/)?.[0] ?? '';
  return { passed, why };
}

const wanted = process.argv.slice(2);
const chosen = BREAKS.filter((x) => wanted.length === 0 || wanted.includes(x.name));

// The control: unbroken, every test used below must pass in the copy, or a "catch" means nothing.
{
  const dir = copyOfHead();
  try {
    for (const [test, filter, project] of new Map(chosen.map((b) => [`${b.test}\u0000${b.filter ?? ''}`, [b.test, b.filter, b.project] as const])).values()) {
      const { passed, why } = runTest(dir, test, filter, project);
      if (!passed) throw new Error(`control failed: ${test} › ${filter ?? ''} fails unbroken: ${why}`);
    }
    console.log('control: every guarding test passes on the unbroken copy');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const results: { name: string; rule: string; caught: boolean; by: string }[] = [];
for (const b of chosen) {
  const dir = copyOfHead();
  try {
    const file = path.join(dir, b.file);
    const text = readFileSync(file, 'utf8');
    if (!text.includes(b.from)) throw new Error(`${b.name}: '${b.from}' is no longer in ${b.file}; update this break`);
    writeFileSync(file, text.replace(b.from, b.to));
    const { passed, why } = runTest(dir, b.test, b.filter, b.project);
    const caught = !passed;
    results.push({ name: b.name, rule: b.rule, caught, by: `${b.test}${b.filter ? ` › "${b.filter}"` : ''}: ${why.slice(0, 160)}` });
    console.log(`${caught ? 'CAUGHT ' : 'MISSED '} ${b.name}: ${b.rule}\n         ${results.at(-1)!.by}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
const missed = results.filter((r) => !r.caught);
console.log(`\n${results.length - missed.length} of ${results.length} breaks caught${missed.length ? `; missed: ${missed.map((m) => m.name).join(', ')}` : ''}.`);
process.exit(missed.length ? 1 : 0);
