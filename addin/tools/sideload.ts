/**
 * `npm run sideload`: serves LotLedger over HTTPS on https://localhost:8787 with the
 * localhost certificate of office-addin-dev-certs (installed into the system's trust store on
 * first run, which asks for permission), then sideloads manifest.xml into desktop Excel with
 * office-addin-debugging. Sideloading works on Windows and macOS only; on Linux, or for Excel
 * on the web, the server keeps running and docs/ADDIN.md gives the upload steps.
 *
 * The API server itself speaks HTTP on an internal port; this script puts an HTTPS front on it.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { request as httpRequest } from 'node:http';
import { createServer } from 'node:https';
import path from 'node:path';
import { getHttpsServerOptions } from 'office-addin-dev-certs';
import { configFromEnv, startNodeServer } from '../../server/node';

const HTTPS_PORT = 8787;
const repoRoot = path.resolve(import.meta.dirname, '../..');

/**
 * The localhost certificate, trusted through the dev CA; where the CA cannot be installed
 * (no sudo on Linux, say) the generated files are used untrusted, with a warning.
 */
async function httpsOptions(): Promise<{ key: string | Buffer; cert: string | Buffer; ca?: string | Buffer }> {
  try {
    return await getHttpsServerOptions();
  } catch (e) {
    const dir = path.join(homedir(), '.office-addin-dev-certs');
    console.warn(`The dev CA could not be installed (${(e as Error).message.trim()}); serving with its certificate untrusted. Trust ${path.join(dir, 'ca.crt')} by hand for Office to load the pane.`);
    return { key: readFileSync(path.join(dir, 'localhost.key')), cert: readFileSync(path.join(dir, 'localhost.crt')), ca: readFileSync(path.join(dir, 'ca.crt')) };
  }
}

async function main(): Promise<void> {
  const config = configFromEnv({ ...process.env, PORT: '0' });
  const api = await startNodeServer(config);
  if (api.createdAdminToken) console.log(`Created workspace "default". Admin token: ${api.createdAdminToken} (shown once)`);
  const inner = new URL(api.url);

  const tls = await httpsOptions();
  const front = createServer(tls, (req, res) => {
    const upstream = httpRequest(
      { host: inner.hostname, port: inner.port, method: req.method, path: req.url, headers: { ...req.headers, host: `localhost:${HTTPS_PORT}` } },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', (e) => {
      res.writeHead(502, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ error: { code: 'conflict', message: `The LotLedger server did not answer: ${e.message}` } }));
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => front.listen(HTTPS_PORT, resolve));
  console.log(`LotLedger over HTTPS: https://localhost:${HTTPS_PORT}/taskpane.html (API at /v1)`);

  if (process.platform === 'win32' || process.platform === 'darwin') {
    const child = spawn('npx', ['office-addin-debugging', 'start', path.join(repoRoot, 'manifest.xml'), 'desktop', '--app', 'excel', '--no-debug'], { stdio: 'inherit', shell: process.platform === 'win32' });
    child.on('exit', (code) => console.log(code === 0 ? 'Sideloaded into Excel: find LotLedger on the Home tab.' : `office-addin-debugging exited with ${code}; see docs/ADDIN.md to sideload by hand.`));
  } else {
    console.log('Desktop sideloading needs Windows or macOS. For Excel on the web: Insert → Add-ins → Upload My Add-in → manifest.xml (docs/ADDIN.md).');
  }
  const stop = () => {
    front.close();
    void api.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e) => {
  console.error(`Sideloading could not start: ${(e as Error).message}`);
  process.exit(1);
});
