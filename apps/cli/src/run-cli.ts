/** Test helper: run the bundled CLI as a real process (built by vitest's global setup). */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const CLI = fileURLToPath(new URL('../dist/strata.mjs', import.meta.url));

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], cwd?: string, input?: string): CliRun {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', cwd, input, timeout: 120_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
