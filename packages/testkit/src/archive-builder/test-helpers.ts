import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { ArchiveFormat, ImageSpec } from './types';

const exec = promisify(execFile);

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a command without throwing, so tests can assert on failures too. */
export async function run(cmd: string, args: string[]): Promise<RunResult> {
  try {
    const { stdout, stderr } = await exec(cmd, args, { maxBuffer: 64 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : 1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

/** Runs a command that must succeed and returns its stdout. */
export async function must(cmd: string, args: string[]): Promise<string> {
  const r = await run(cmd, args);
  if (r.code !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.code}): ${r.stderr}`);
  return r.stdout;
}

/** `tar -tvf` lines, in archive order, with GNU tar's fixed UTC rendering. */
export async function tarListing(file: string): Promise<string[]> {
  const out = await must('tar', ['--utc', '-tvf', file]);
  return out.trimEnd().split('\n');
}

/** Names only, in archive order. */
export async function tarNames(file: string): Promise<string[]> {
  return (await must('tar', ['-tf', file])).trimEnd().split('\n');
}

export async function fileDigest(file: string): Promise<string> {
  return `sha256:${createHash('sha256')
    .update(await readFile(file))
    .digest('hex')}`;
}

/** A temp dir per test file; `cleanup` in afterAll. */
export async function tempDir(): Promise<{
  dir: string;
  path: (name: string) => string;
  cleanup: () => Promise<void>;
}> {
  const dir = await mkdtemp(join(tmpdir(), 'strata-testkit-'));
  return { dir, path: (name) => join(dir, name), cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** skopeo with no signature policy (test archives are unsigned). */
export function skopeo(args: string[]): Promise<RunResult> {
  return run('skopeo', ['--insecure-policy', ...args]);
}

/** A small image exercising every entry kind, history with empty layers, labels and config fields. */
export const SAMPLE_SPEC: ImageSpec = {
  repoTags: ['example.com/team/app:1.0'],
  labels: { maintainer: 'Ops <ops@example.com>' },
  config: { Env: ['PATH=/usr/bin:/bin'], Cmd: ['/bin/sh'] },
  created: new Date('2024-01-02T03:04:05Z'),
  layers: [
    {
      createdBy: '/bin/sh -c #(nop) ADD file:rootfs in / ',
      entries: [
        { path: 'etc', type: 'dir' },
        { path: 'etc/os-release', content: 'ID=test\n' },
        { path: 'usr/lib/libbig.so', content: { size: 200_000, seed: 1 }, mode: 0o755 },
      ],
    },
    {
      emptyLayersBefore: ['/bin/sh -c #(nop)  ENV A=1'],
      createdBy: '/bin/sh -c rm /etc/os-release && ln -s ...',
      entries: [
        { path: 'etc/os-release', type: 'whiteout' },
        { path: 'usr/lib/libalias.so', type: 'symlink', target: 'libbig.so' },
        { path: 'usr/lib/libhard.so', type: 'hardlink', target: 'usr/lib/libbig.so' },
      ],
    },
    {
      emptyLayersAfter: ['/bin/sh -c #(nop)  CMD ["/bin/sh"]'],
      entries: [
        { path: 'usr/lib', type: 'opaque' },
        { path: 'usr/lib/fresh', content: 'new' },
      ],
    },
  ],
};

/** The skopeo transport that reads a format. */
export function transportOf(format: ArchiveFormat): 'docker-archive' | 'oci-archive' {
  return format.startsWith('oci') ? 'oci-archive' : 'docker-archive';
}
