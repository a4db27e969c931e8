// CPU accounting for a measured phase, so a reader sees whether it was
// CPU-bound and where the machine's limit is:
//   machine  busy time of all cores from /proc/stat (user+nice+system+irq+
//            softirq+steal; guest time is already inside user), i.e. this
//            process, the database server and anything else running
//   process  this Node process (every thread) from process.cpuUsage()
//   thread   the calling thread only, from /proc/thread-self/stat
// /proc values are in USER_HZ ticks, 100 per second on every mainstream Linux
// architecture (10 ms resolution). Where /proc is missing the machine and
// thread figures are null ("n/a").
import { readFileSync } from 'node:fs';
import { nowMs } from './stats.js';

const TICK_MS = 1000 / 100;

export interface CpuSnapshot {
  /** nowMs() when taken. */
  at: number;
  machineBusyMs: number | null;
  processMs: number;
  threadMs: number | null;
}

export interface CpuUse {
  wallMs: number;
  machineBusyMs: number | null;
  processMs: number;
  threadMs: number | null;
}

function procStatBusyMs(): number | null {
  try {
    const line = readFileSync('/proc/stat', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('cpu '));
    if (!line) return null;
    // cpu user nice system idle iowait irq softirq steal guest guest_nice
    const f = line.trim().split(/\s+/).slice(1).map(Number);
    if (f.length < 8 || f.some((n) => !Number.isFinite(n))) return null;
    return (f[0]! + f[1]! + f[2]! + f[5]! + f[6]! + f[7]!) * TICK_MS;
  } catch {
    return null;
  }
}

function threadMs(): number | null {
  try {
    // pid (comm) state ppid … utime(14) stime(15); comm may contain spaces, so split after the last ')'.
    const stat = readFileSync('/proc/thread-self/stat', 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ms = (Number(f[11]) + Number(f[12])) * TICK_MS;
    return Number.isFinite(ms) ? ms : null;
  } catch {
    return null;
  }
}

export function cpuSnapshot(): CpuSnapshot {
  const u = process.cpuUsage();
  return { at: nowMs(), machineBusyMs: procStatBusyMs(), processMs: (u.user + u.system) / 1000, threadMs: threadMs() };
}

export function cpuBetween(a: CpuSnapshot, b: CpuSnapshot): CpuUse {
  const diff = (x: number | null, y: number | null) => (x === null || y === null ? null : y - x);
  return {
    wallMs: b.at - a.at,
    machineBusyMs: diff(a.machineBusyMs, b.machineBusyMs),
    processMs: b.processMs - a.processMs,
    threadMs: diff(a.threadMs, b.threadMs),
  };
}

/** CPU time (ms) of each PostgreSQL backend process, by pid. */
export type BackendCpu = Map<number, number>;

function processMs(pid: number): number | null {
  try {
    if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() !== 'postgres') return null;
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ms = (Number(f[11]) + Number(f[12])) * TICK_MS;
    return Number.isFinite(ms) ? ms : null;
  } catch {
    return null;
  }
}

/**
 * The CPU time of the PostgreSQL backends (and autovacuum workers) connected
 * to the current database, read from /proc — so only when the server runs on
 * this machine, in this PID namespace; null otherwise. PostgreSQL's shared
 * background processes (WAL writer, checkpointer, …) are not included.
 */
export async function postgresBackendsCpu(query: (text: string) => Promise<Array<{ pid: number }>>): Promise<BackendCpu | null> {
  const rows = await query(`SELECT pid FROM pg_stat_activity WHERE datname = current_database()`);
  const out: BackendCpu = new Map();
  for (const { pid } of rows) {
    const ms = processMs(pid);
    if (ms !== null) out.set(pid, ms);
  }
  return out.size > 0 ? out : null;
}

/** CPU the backends used between two readings; a backend that connected in between counts from zero, one that disconnected is lost (undercounts). */
export function backendsCpuBetween(a: BackendCpu | null, b: BackendCpu | null): number | null {
  if (a === null || b === null) return null;
  let ms = 0;
  for (const [pid, t] of b) {
    const before = a.get(pid) ?? 0;
    ms += t >= before ? t - before : t; // a reused pid: a new backend
  }
  return ms;
}
