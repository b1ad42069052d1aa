import os from 'node:os';
import { readFileSync } from 'node:fs';

/** What the figures were measured on, for the report's header. */
export interface Machine {
  cpu: string;
  cores: number;
  memoryGb: number;
  node: string;
  os: string;
  /** 1-minute load average when the run started and ended: other work on the machine skews the figures. */
  loadStart: number;
  loadEnd?: number;
}

export function describeMachine(): Machine {
  const cpus = os.cpus();
  return {
    cpu: cpuModel() ?? cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    memoryGb: Math.round(os.totalmem() / 1024 ** 3),
    node: process.version,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    loadStart: os.loadavg()[0],
  };
}

/** The 1-minute load average now. */
export const loadNow = (): number => os.loadavg()[0];

function cpuModel(): string | null {
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8').split('\n').find((l) => l.startsWith('model name'));
    return line ? line.split(':')[1].trim() : null;
  } catch {
    return null;
  }
}
