/** `lotledger migrate` and `lotledger workspace create`. */
import { createWorkspace } from '../workspaces';
import type { Command } from './command';

const migrateCommand: Command = {
  words: ['migrate'],
  args: [],
  flags: {},
  about: 'Brings the database up to date with this version (every command does so first), making the file when there is none.',
  createsDatabase: true,
  async run({ io }) {
    io.out('Database is up to date.');
  },
};

const workspaceCreate: Command = {
  words: ['workspace', 'create'],
  args: ['NAME'],
  flags: {},
  about: 'Creates a workspace (1–63 letters, digits, dots, dashes or underscores) and its first admin token, named admin.\n' +
    'The token is shown once, alone on the last line, so a script can take it with `tail -n 1`.',
  createsDatabase: true,
  async run({ db, args: [name], io }) {
    const { adminToken } = await createWorkspace(db, name);
    io.out(`Created workspace ${name}. Its admin token (shown once):`);
    io.out(adminToken);
  },
};

export const setupCommands = [migrateCommand, workspaceCreate];
