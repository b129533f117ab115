import { spawn } from 'node:child_process';

export interface RunOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
}

/** Only the end of a tool's output is kept for errors: that is where buildah says what broke. */
const TAIL = 4000;

/** Runs a command without a shell (arguments stay data); resolves with stdout, rejects with the tail of its output. */
export function run(cmd: string, args: readonly string[], opts: RunOptions = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: opts.cwd, env: opts.env ?? process.env, stdio: 'pipe' });
    const out: Buffer[] = [];
    let err = '';
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => {
      err = (err + b.toString()).slice(-TAIL);
    });
    child.on('error', (e) => reject(new Error(`${cmd}: ${e.message}`)));
    child.on('close', (code, signal) => {
      const stdout = Buffer.concat(out).toString();
      if (code === 0) return resolve(stdout);
      const tail = (stdout.slice(-TAIL) + '\n' + err).trim().slice(-TAIL);
      reject(new Error(`${cmd} ${args.join(' ')} exited ${code ?? signal}:\n${tail}`));
    });
  });
}
