/** What a `lotledger` command is, how its arguments are read, and what every command shares. */
import os from 'node:os';
import type { LedgerStore } from '../db/port';
import type { Auth } from '../env';
import { findWorkspace, workspaceNames } from '../workspaces';

/** Wrong usage: exit code 2, with the command's usage. */
export class UsageError extends Error {}

export interface Io {
  out(line: string): void;
  err(line: string): void;
}

/** A command's arguments once read: positional ones in order, and options by name. */
export interface Input {
  args: string[];
  flags: Record<string, string>;
}

export interface Context extends Input {
  db: LedgerStore;
  io: Io;
  /** The database's file path or URL, for messages. */
  database: string;
  now: Date;
}

export interface Command {
  /** The words that name it, e.g. ['batch', 'void']. */
  words: string[];
  /** Its positional arguments, e.g. ['ID']. */
  args: string[];
  /** Options as `name: 'VALUE'`; optional ones are listed in `optional`. */
  flags: Record<string, string>;
  optional?: string[];
  /** What it does, for `--help`. */
  about: string;
  /** Makes the database file (and its folder) when missing; the others refuse a missing file. */
  createsDatabase?: boolean;
  /** Checks the arguments before the database is opened; throws UsageError. */
  check?(input: Input): void;
  run(ctx: Context): Promise<void>;
}

/**
 * The one-line synopsis, e.g. `lotledger batch list --workspace NAME [--from YYYY-MM-DD]`.
 * @example synopsis(batchVoid) // 'lotledger batch void ID --workspace NAME --reason TEXT'
 */
export function synopsis(cmd: Command): string {
  const flags = Object.entries(cmd.flags).map(([name, value]) =>
    cmd.optional?.includes(name) ? `[--${name} ${value}]` : `--${name} ${value}`);
  return ['lotledger', ...cmd.words, ...cmd.args, ...flags].join(' ');
}

/** Reads the words after the command's name: `--name value`, `--name=value`, positional arguments. */
export function readInput(cmd: Command, words: string[]): Input {
  const input: Input = { args: [], flags: {} };
  for (let i = 0; i < words.length; i++) {
    const m = /^--([a-z-]+)(?:=([\s\S]*))?$/.exec(words[i]);
    if (!m) {
      if (words[i].startsWith('-') && words[i] !== '-') throw new UsageError(`Unknown option ${words[i]}.`);
      input.args.push(words[i]);
      continue;
    }
    const flag = m[1];
    if (!(flag in cmd.flags)) {
      const known = Object.keys(cmd.flags).map((f) => `--${f}`).join(', ');
      throw new UsageError(`There is no option --${flag}${known ? `; the options are ${known}` : ''}.`);
    }
    const value = m[2] ?? words[++i];
    if (value === undefined || (m[2] === undefined && value.startsWith('--'))) throw new UsageError(`--${flag} needs a value.`);
    if (flag in input.flags) throw new UsageError(`--${flag} is given twice.`);
    input.flags[flag] = value;
  }
  if (input.args.length > cmd.args.length) throw new UsageError(`Unexpected argument ${input.args[cmd.args.length]}.`);
  if (input.args.length < cmd.args.length) throw new UsageError(`${cmd.args.slice(input.args.length).join(' ')} is missing.`);
  const missing = Object.keys(cmd.flags).filter((f) => !cmd.optional?.includes(f) && !(f in input.flags));
  if (missing.length > 0) throw new UsageError(`${missing.map((f) => `--${f}`).join(' and ')} ${missing.length > 1 ? 'are' : 'is'} missing.`);
  return input;
}

/** The workspace named by --workspace, as the ledger functions take it; a missing one fails naming those there are. */
export async function workspaceOf(ctx: Context): Promise<Auth> {
  const name = ctx.flags.workspace;
  const id = await findWorkspace(ctx.db, name);
  if (id === null) {
    const names = await workspaceNames(ctx.db);
    throw new Error(`There is no workspace ${name} in ${ctx.database}${names.length ? ` (it has ${names.join(', ')})` : ''}.`);
  }
  // What the command writes is recorded as by the CLI and the account that ran it.
  return { workspaceId: id, workspace: name, role: 'admin', tokenName: `cli:${userName()}` };
}

function userName(): string {
  try {
    return os.userInfo().username || 'unknown';
  } catch {
    return 'unknown';
  }
}
