/** Build the bundled CLI once before the tests that run it as a real process. */
import { execFileSync } from 'node:child_process';

export default function setup(): void {
  execFileSync('pnpm', ['--silent', '--filter', '@strata/cli', 'build'], { stdio: 'inherit' });
}
