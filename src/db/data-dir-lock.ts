// One process per embedded-database directory. PGlite keeps the database in
// files under ATTRIB_DATA_DIR; two processes (say, the server and `attrib
// import`) writing them at once would corrupt it. A lock file holding the
// owner's pid makes the second one stop with a clear message instead. A lock
// left by a process that died (crash, kill -9) is taken over.
import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

export const LOCK_FILE = 'attrib.lock';

export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly ownerPid: number,
    lockPath: string,
  ) {
    super(
      `the embedded database in ${dataDir} is in use by another process (pid ${ownerPid}${ownerPid === process.pid ? ', this process' : ''}). ` +
        'PGlite allows one process per data directory: stop the other process (e.g. the running server) or close the other Database first, ' +
        'or use PostgreSQL (DATABASE_URL) for concurrent access. ' +
        `If no such process is running, delete ${lockPath}.`,
    );
    this.name = 'DataDirLockedError';
  }
}

interface LockContent {
  pid: number;
  host: string;
  since: string;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readLock(path: string): LockContent | undefined {
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as Partial<LockContent>;
    return typeof parsed.pid === 'number'
      ? { pid: parsed.pid, host: String(parsed.host ?? ''), since: String(parsed.since ?? '') }
      : undefined;
  } catch {
    return undefined;
  }
}

/** Lock files this process holds (to tell "open twice here" from a stale lock that reuses our pid, e.g. pid 1 in a container). */
const heldHere = new Set<string>();

/** Takes the directory's lock; returns its release function. Throws DataDirLockedError if held. */
export function lockDataDir(dataDir: string): () => void {
  const path = join(dataDir, LOCK_FILE);
  const mine: LockContent = { pid: process.pid, host: hostname(), since: new Date().toISOString() };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      try {
        writeSync(fd, JSON.stringify(mine));
      } finally {
        closeSync(fd);
      }
      heldHere.add(path);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        heldHere.delete(path);
        const current = readLock(path);
        if (current?.pid === mine.pid && current.since === mine.since) {
          try {
            unlinkSync(path);
          } catch {
            // already gone
          }
        }
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const owner = readLock(path);
    // A lock from another machine (shared volume) cannot be checked: respect it.
    const ownedByThisProcess = owner?.pid === process.pid && owner.host === mine.host;
    const held = ownedByThisProcess ? heldHere.has(path) : owner !== undefined && (owner.host !== mine.host || isAlive(owner.pid));
    if (owner && held) throw new DataDirLockedError(dataDir, owner.pid, path);
    // Stale (owner dead) or unreadable (crash while writing): remove and retry.
    try {
      unlinkSync(path);
    } catch {
      // someone else removed it first
    }
  }
  throw new Error(
    `could not take the lock ${path} after 3 attempts; another process keeps taking it. Stop other attrib processes and retry.`,
  );
}
