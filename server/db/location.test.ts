import { afterAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { locateDatabase, openDatabaseAt, projectRoot } from './location';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dir = mkdtempSync(path.join(tmpdir(), 'lotledger-location-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('where the database is', () => {
  it('finds the project folder from the code, past other packages', () => {
    expect(projectRoot()).toBe(REPO);
    const nested = path.join(dir, 'proj', 'node_modules', 'other', 'lib');
    mkdirSync(nested, { recursive: true });
    writeFileSync(path.join(dir, 'proj', 'package.json'), JSON.stringify({ name: 'lotledger' }));
    writeFileSync(path.join(dir, 'proj', 'node_modules', 'other', 'package.json'), JSON.stringify({ name: 'other' }));
    expect(projectRoot(pathToFileURL(path.join(nested, 'x.js')).href)).toBe(path.join(dir, 'proj'));
  });

  it('takes the default from the project folder and a given relative path from the current one', () => {
    const byDefault = locateDatabase(undefined, { cwd: '/somewhere/else' });
    expect(byDefault.file).toBe(path.join(REPO, 'data', 'lotledger.db'));
    expect(byDefault.origin).toContain(`project folder ${REPO}`);
    const given = locateDatabase('file:data/my ledger.db', { cwd: '/srv/app' });
    expect(given).toMatchObject({ file: '/srv/app/data/my ledger.db', url: 'file:///srv/app/data/my%20ledger.db' });
    expect(given.origin).toContain('current folder /srv/app');
    expect(locateDatabase('file:///var/x.db').file).toBe('/var/x.db');
    expect(locateDatabase('http://127.0.0.1:8080')).toMatchObject({ url: 'http://127.0.0.1:8080', file: null });
  });

  it('names the file and the folder it was resolved against when it cannot be opened', async () => {
    writeFileSync(path.join(dir, 'notes.txt'), 'not a folder');
    const underFile = locateDatabase('file:notes.txt/ledger.db', { cwd: dir });
    await expect(openDatabaseAt(underFile, undefined, { create: true })).rejects.toThrow(
      `Cannot open the database file ${dir}/notes.txt/ledger.db: ${dir}/notes.txt is a file, not a folder. ` +
      `(DATABASE_URL=file:notes.txt/ledger.db is relative, so it was resolved against the current folder ${dir}.)`);
    const missing = locateDatabase('file:none/ledger.db', { cwd: dir });
    await expect(openDatabaseAt(missing, undefined, { create: false })).rejects.toThrow(/there is no such file.*current folder/);
    const made = await openDatabaseAt(missing, undefined, { create: true });
    made.close();
  });
});
