/**
 * The `lotledger` command line: administration straight on the database, through the same ledger
 * and auth functions as the HTTP routes. Exit codes: 0 done, 1 failed (an unknown workspace,
 * batch or token, a refused void, a database that cannot be opened), 2 wrong usage.
 */
import type { LedgerStore } from '../db/port';
import { migrate } from '../db/migrate';
import { locateDatabase, openDatabaseAt } from '../db/location';
import { readInput, synopsis, UsageError, type Command, type Io } from './command';
import { setupCommands } from './setup';
import { tokenCommands } from './tokens';
import { batchCommands } from './batches';

export const COMMANDS: readonly Command[] = [...setupCommands, ...tokenCommands, ...batchCommands];

const DATABASE_HELP = `The database: DATABASE_URL, by default file:data/lotledger.db in the project's folder (the one
npm start uses, from whatever folder you are in). A relative file: URL is taken from the current
folder; http(s)://… or libsql://… reach a libSQL server, with DATABASE_AUTH_TOKEN if it needs one.`;

const overallUsage = (commands: readonly Command[] = COMMANDS) => `Usage:
${commands.map((c) => `  ${synopsis(c)}`).join('\n')}

\`lotledger COMMAND --help\` explains one command.
${DATABASE_HELP}
Exit codes: 0 done, 1 failed, 2 wrong usage.`;

const commandHelp = (cmd: Command) => `Usage: ${synopsis(cmd)}\n\n${cmd.about}\n\n${DATABASE_HELP}`;

const wantsHelp = (words: string[]) => words.some((w) => w === '--help' || w === '-h');

export const consoleIo: Io = { out: (line) => console.log(line), err: (line) => console.error(line) };

/**
 * Runs one command; answers the exit code.
 * @example process.exitCode = await main(['token', 'list', '--workspace', 'default'])
 */
export async function main(argv: string[], env: NodeJS.ProcessEnv = process.env, io: Io = consoleIo, now = new Date()): Promise<number> {
  if (argv.length === 0 || (argv.length === 1 && (wantsHelp(argv) || argv[0] === 'help'))) {
    (argv.length === 0 ? io.err : io.out)(overallUsage());
    return argv.length === 0 ? 2 : 0;
  }
  const cmd = COMMANDS.find((c) => c.words.every((w, i) => argv[i] === w));
  if (!cmd) {
    // A group's name alone (`lotledger token`, `lotledger batch --help`): its commands.
    const group = COMMANDS.filter((c) => c.words.length > 1 && c.words[0] === argv[0]);
    if (group.length > 0 && wantsHelp(argv)) {
      io.out(overallUsage(group));
      return 0;
    }
    const what = group.length > 0 ? `lotledger ${argv[0]} needs one of: ${group.map((c) => c.words[1]).join(', ')}.` : `Unknown command: ${argv.join(' ')}`;
    io.err(`${what}\n\n${overallUsage(group.length > 0 ? group : COMMANDS)}`);
    return 2;
  }
  const rest = argv.slice(cmd.words.length);
  if (wantsHelp(rest)) {
    io.out(commandHelp(cmd));
    return 0;
  }
  let db: LedgerStore | undefined;
  try {
    const input = readInput(cmd, rest);
    cmd.check?.(input);
    const where = locateDatabase(env.DATABASE_URL);
    db = await openDatabaseAt(where, env.DATABASE_AUTH_TOKEN || undefined, { create: cmd.createsDatabase === true });
    await migrate(db);
    await cmd.run({ ...input, db, io, database: where.file ?? where.url, now });
    return 0;
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`lotledger ${cmd.words.join(' ')}: ${e.message}\nUsage: ${synopsis(cmd)}\n(lotledger ${cmd.words.join(' ')} --help explains it.)`);
      return 2;
    }
    io.err(`lotledger: ${(e as Error).message}`);
    return 1;
  } finally {
    db?.close();
  }
}
