// Runs a TypeScript worker script in a fresh Node process (through tsx) with a
// JSON request, streams its stderr (progress) and returns the JSON line it
// prints last on stdout.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from './optional.js';

export async function runWorker<T>(
  script: string,
  request: unknown,
  opts: { timeoutMs?: number; env?: NodeJS.ProcessEnv } = {},
): Promise<T> {
  const file = path.join(repoRoot, script);
  return new Promise<T>((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', file, JSON.stringify(request)], {
      cwd: repoRoot,
      env: { ...process.env, ...opts.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      process.stderr.write(
        d
          .split('\n')
          .map((l) => (l ? `    ${l}` : l))
          .join('\n'),
      );
    });
    const timer = opts.timeoutMs ? setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs) : undefined;
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (timer) clearTimeout(timer);
      const last = stdout.trim().split('\n').pop() ?? '';
      let parsed: { ok?: boolean; error?: string } | undefined;
      try {
        parsed = JSON.parse(last) as { ok?: boolean; error?: string };
      } catch {
        parsed = undefined;
      }
      if (parsed?.ok) return resolve(parsed as T);
      reject(
        new Error(
          `${script} ${JSON.stringify((request as { mode?: string }).mode ?? '')} failed (exit ${code ?? signal}): ${parsed?.error ?? last.slice(0, 2000)}`,
        ),
      );
    });
  });
}
