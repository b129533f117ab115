import { spawn } from 'node:child_process';

/**
 * Runs `fn` while holding an exclusive lock on `file`, across processes (vitest runs test files in
 * parallel forks). flock(1) rather than a pid file: the kernel drops the lock when the holder dies,
 * so a killed test run never leaves a stale lock behind. The lock is held by a child `cat` that
 * exits when we close its stdin, or when this process dies and the pipe closes.
 */
export async function withLock<T>(file: string, fn: () => Promise<T>, timeoutSec = 1800): Promise<T> {
  const holder = spawn('flock', ['-x', '-w', String(timeoutSec), file, 'sh', '-c', 'echo locked; exec cat'], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const closed = new Promise<number | null>((resolve) => holder.once('close', resolve));
  await new Promise<void>((resolve, reject) => {
    holder.stdout.once('data', () => resolve());
    holder.once('error', (e) => reject(new Error(`flock: ${e.message} (is util-linux installed?)`)));
    void closed.then((code) =>
      reject(new Error(`could not lock ${file} in ${timeoutSec}s (flock exit ${code})`)),
    );
  });
  try {
    return await fn();
  } finally {
    holder.stdin.end();
    await closed;
  }
}
