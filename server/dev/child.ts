import { spawn, type ChildProcess } from 'node:child_process';

/** A long-running helper process (sqld, wrangler) that we started and must stop. */
export interface Child {
  name: string;
  pid: number;
  /** The last lines it wrote, for error messages when it fails to start. */
  output(): string;
  /** Resolves with the exit code once the process has ended. */
  exited: Promise<number | null>;
  /** Stops the process and everything it started (its process group). */
  stop(): Promise<void>;
}

const live = new Set<number>();
// A crashed or interrupted parent must not leave a database server or workerd behind.
process.once('exit', () => {
  for (const pid of live) killGroup(pid, 'SIGKILL');
});

/**
 * Spawns `command` in its own process group, keeping the tail of its output.
 * @example const sqld = spawnChild('sqld', '/path/sqld', ['--db-path', dir], { echo: true })
 */
export function spawnChild(
  name: string,
  command: string,
  args: string[],
  options: { env?: NodeJS.ProcessEnv; cwd?: string; echo?: boolean } = {},
): Child {
  const proc: ChildProcess = spawn(command, args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // own group, so stop() also ends grandchildren (wrangler → workerd)
  });
  if (proc.pid === undefined) throw new Error(`${name} did not start (${command})`);
  const pid = proc.pid;
  live.add(pid);
  let tail = '';
  const keep = (chunk: Buffer) => {
    const text = chunk.toString('utf8');
    tail = (tail + text).slice(-8_000);
    if (options.echo) process.stdout.write(text.replace(/^(?=.)/gm, `[${name}] `));
  };
  proc.stdout?.on('data', keep);
  proc.stderr?.on('data', keep);
  const exited = new Promise<number | null>((resolve) => {
    proc.once('exit', (code) => {
      live.delete(pid);
      resolve(code);
    });
    proc.once('error', (err) => {
      tail += `\n${err.message}`;
      live.delete(pid);
      resolve(null);
    });
  });
  let ended = false;
  void exited.then(() => { ended = true; });

  return {
    name,
    pid,
    output: () => tail,
    exited,
    async stop() {
      if (ended) return;
      killGroup(pid, 'SIGTERM');
      const timer = setTimeout(() => killGroup(pid, 'SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
      // The leader may exit before its children (workerd); end the rest of the group too.
      killGroup(pid, 'SIGKILL');
    },
  };
}

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

/**
 * Waits until `url` answers any HTTP response; fails early, with the child's output, if it exits.
 * @example await waitForHttp('http://127.0.0.1:8080/health', sqld)
 */
export async function waitForHttp(url: string, child: Child, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exitCode: number | null | undefined;
  void child.exited.then((code) => { exitCode = code; });
  for (;;) {
    if (exitCode !== undefined) {
      throw new Error(`${child.name} exited (code ${exitCode}) before serving ${url}:\n${child.output()}`);
    }
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      await res.body?.cancel();
      return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      throw new Error(`${child.name} did not serve ${url} within ${timeoutMs} ms:\n${child.output()}`);
    }
    await new Promise((r) => setTimeout(r, 150));
  }
}
