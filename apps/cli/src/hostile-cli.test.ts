/**
 * Issue 10's hostile archives through the CLI as a real process: exit 2, one line on stderr
 * naming the problem and its code (no stack, no JS internals), at most 512 MB of memory (peak
 * RSS measured by GNU time), and no temp file left behind. Also the deep-path case: a tree 3,000
 * directories deep whose top a later layer whites out is analyzed, not a stack overflow.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { HOSTILE_CASES, writeDeepArchive, writeHostileCase } from '@strata/testkit';
import { CLI } from './run-cli.js';

const work = mkdtempSync(join(tmpdir(), 'strata-cli-hostile-'));
const scratch = mkdtempSync(join(tmpdir(), 'strata-cli-hostile-tmp-'));
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
  rmSync(scratch, { recursive: true, force: true });
});

const TIME = '/usr/bin/time';
const MAX_RSS_KB = 512 * 1024;

/** Run the CLI with its temp dir in `scratch`; peak RSS from GNU time when it is installed. */
function strata(args: string[]): { status: number | null; stdout: string; stderr: string; rssKb?: number } {
  const env = { ...process.env, TMPDIR: scratch };
  const timed = existsSync(TIME);
  const [cmd, argv] = timed
    ? [TIME, ['-f', 'maxrss=%M', process.execPath, CLI, ...args]]
    : [process.execPath, [CLI, ...args]];
  const r = spawnSync(cmd, argv, { encoding: 'utf8', env, timeout: 120_000 });
  const rss = /(?:Command exited with non-zero status \d+\n)?maxrss=(\d+)\n?$/.exec(r.stderr);
  const stderr = rss ? r.stderr.slice(0, rss.index) : r.stderr;
  return { status: r.status, stdout: r.stdout, stderr, ...(rss ? { rssKb: Number(rss[1]) } : {}) };
}

describe('strata <hostile archive>', () => {
  it.each(HOSTILE_CASES.map((c) => [c.name, c] as const))('%s: exit 2 with one line', async (_name, c) => {
    const path = await writeHostileCase(work, c);
    const r = strata([path, '--quiet']);
    rmSync(path);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`^strata: [^\\n]+ \\[${c.code}\\]\\n$`));
    if (typeof c.message === 'string') expect(r.stderr).toContain(c.message);
    else expect(r.stderr).toMatch(c.message);
    expect(r.stderr).not.toMatch(/internal error|TypeError|RangeError|is not a function|\n\s+at /);
    if (r.rssKb !== undefined) expect(r.rssKb).toBeLessThan(MAX_RSS_KB);
    expect(readdirSync(scratch)).toEqual([]);
  });
});

describe('deep paths', () => {
  it('a tree 3,000 deep, whited out by a later layer, is analyzed', async () => {
    const path = join(work, 'deep.tar');
    await writeDeepArchive(path, 3000);
    const r = strata([path, '--quiet', '--report', '-']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout) as { layers: Array<{ removed: { bytes: number } }> };
    expect(report.layers).toHaveLength(2);
    // The whiteout removes the whole tree: its one file, `deep\n`, is 5 bytes.
    expect(report.layers[1]?.removed.bytes).toBe(5);
  });
});
