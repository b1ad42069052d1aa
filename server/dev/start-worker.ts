/**
 * `npm run start:worker`: a local twin of the Workers deployment. Starts a libSQL server
 * (sqld), migrates it and makes the first admin token, then serves the API and the pane from
 * workerd (`wrangler dev --local`). Stops sqld when it stops.
 *
 * Env: PORT (8787), SQLD_PORT (8080), SQLD_DIR (data/sqld), LOTLEDGER_ADMIN_TOKEN.
 */
import { existsSync } from 'node:fs';
import { cp } from 'node:fs/promises';
import path from 'node:path';
import { remoteStore } from '../db/remote-store';
import { migrate } from '../db/migrate';
import { ensureDefaultWorkspace } from '../workspaces';
import { startSqld, type Sqld } from './sqld';
import { repoRoot, startWranglerDev, type WranglerDev } from './wrangler-dev';

function portFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    console.error(`${name} must be a port number (1–65535), not "${raw}".`);
    process.exit(1);
  }
  return port;
}

const port = portFromEnv('PORT', 8787);
const sqldPort = portFromEnv('SQLD_PORT', 8080);
const sqldDir = path.resolve(process.env.SQLD_DIR || 'data/sqld');
if (port === sqldPort) {
  console.error(`PORT and SQLD_PORT are both ${port}; give them different ports.`);
  process.exit(1);
}

let sqld: Sqld | undefined;
let dev: WranglerDev | undefined;
let stopping = false;

async function stop(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    await dev?.stop();
    await sqld?.stop();
  }
  process.exit(code);
}
process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));

try {
  const pane = path.join(repoRoot, 'dist/addin');
  if (!existsSync(path.join(pane, 'taskpane.html'))) {
    console.warn('dist/addin has no taskpane.html: run `npm run build:addin` to serve the pane (npm run start:worker does).');
  } else if (!existsSync(path.join(pane, 'office-js/office.js'))) {
    // On localhost the pane loads office.js from /office-js/ (no internet needed), which the
    // Node server serves from the package; here it has to be among the Worker's assets.
    // `npm run deploy` rebuilds dist/addin first, so these files are never deployed.
    await cp(path.join(repoRoot, 'node_modules/@microsoft/office-js/dist'), path.join(pane, 'office-js'), { recursive: true });
  }
  sqld = await startSqld({ dir: sqldDir, port: sqldPort });
  const db = remoteStore(sqld.url);
  await migrate(db);
  const first = await ensureDefaultWorkspace(db, process.env.LOTLEDGER_ADMIN_TOKEN);
  db.close();
  if (first.created && !process.env.LOTLEDGER_ADMIN_TOKEN) {
    console.log(`First start: created workspace "default" with admin token (shown once, keep it):\n${first.adminToken}`);
  } else if (first.created) {
    console.log('First start: created workspace "default"; its admin token is LOTLEDGER_ADMIN_TOKEN.');
  }
  dev = await startWranglerDev({
    port,
    vars: {
      DATABASE_URL: sqld.url,
    },
    stateDir: path.join(repoRoot, '.wrangler/state'),
    echo: true,
  });
  console.log(
    `LotLedger on workerd: ${dev.url}/v1 (pane: ${dev.url}/taskpane.html)\n` +
      `libSQL server: ${sqld.url} (files in ${sqldDir}); the CLI reaches it with DATABASE_URL=${sqld.url}\n` +
      'Ctrl+C stops both.',
  );
  const code = await dev.exited;
  if (!stopping) {
    console.error(`wrangler dev stopped (code ${code}); stopping sqld.`);
    await stop(code ?? 1);
  }
} catch (err) {
  console.error((err as Error).message);
  await stop(1);
}
