/**
 * functions.json, the metadata of the LOTLEDGER cell functions, generated from the JSDoc
 * `@customfunction` tags of addin/functions/excel-functions.ts by Microsoft's
 * custom-functions-metadata tool (run with typescript-5, see functions-metadata.cjs). The
 * build emits it beside taskpane.html, where manifest.xml points; never written by hand.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');
export const FUNCTIONS_SOURCE = path.join(root, 'addin/functions/excel-functions.ts');

/** The metadata as the tool writes it (JSON text); throws with the tool's message on a bad tag. */
export function generateFunctionsMetadata(source = FUNCTIONS_SOURCE): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'lotledger-functions-'));
  try {
    const out = path.join(dir, 'functions.json');
    execFileSync(process.execPath, [
      '-r', path.join(root, 'addin/tools/functions-metadata.cjs'),
      path.join(root, 'node_modules/custom-functions-metadata/lib/cli.js'), 'generate', source, out,
    ], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    return readFileSync(out, 'utf8');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
