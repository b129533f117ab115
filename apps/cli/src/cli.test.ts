import { execFileSync } from 'node:child_process';
import {
  copyFileSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  truncateSync,
  writeFileSync,
  statSync,
  openSync,
  writeSync,
  closeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { DiveExport, Report } from '@strata/analysis';
import { diveFixture, expectedCiCases, writeImageArchive, type ImageSpec } from '@strata/testkit';
import { runCli } from './run-cli.js';

const tmp = mkdtempSync(join(tmpdir(), 'strata-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const dockerImage = diveFixture('test-docker-image.tar');

describe('strata <archive>', () => {
  it('prints dive’s figures and the inefficient files', () => {
    const r = runCli([dockerImage, '--quiet']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('efficiency: 98.44 %');
    expect(r.stdout).toContain('wastedBytes: 32025 bytes (32 kB)');
    expect(r.stdout).toContain('userWastedPercent: 48.35 %');
    expect(r.stdout).toContain('files: 451');
    expect(r.stdout).toMatch(
      /2\s+13 kB\s+\/root\/saved\.txt\n\s+2\s+13 kB\s+\/root\/example\/somefile1\.txt\n\s+2\s+6\.4 kB\s+\/root\/example\/somefile3\.txt/,
    );
    expect(r.stderr).toBe('');
  });

  it('shows progress on stderr unless --quiet', () => {
    const r = runCli([dockerImage]);
    expect(r.stderr).toContain('reading layers: 14/14 done');
  });

  it('accepts docker-archive: and oci-archive: prefixes, and refuses the wrong one', () => {
    expect(runCli([`docker-archive:${dockerImage}`, '-q']).status).toBe(0);
    expect(runCli([`oci-archive:${diveFixture('test-oci-gzip-image.tar')}`, '-q']).status).toBe(0);
    const wrong = runCli([`oci-archive:${dockerImage}`, '-q']);
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toContain('not an OCI archive');
  });

  it('writes dive’s JSON export', () => {
    const out = join(tmp, 'dive.json');
    expect(runCli([dockerImage, '-q', '--json', out]).status).toBe(0);
    const data = JSON.parse(readFileSync(out, 'utf8')) as DiveExport;
    expect(data.layer).toHaveLength(14);
    expect(data.layer[13]).toMatchObject({ index: 13, sizeBytes: 6405, command: 'chmod +x /root/saved.txt' });
    expect(data.layer[13]?.digestId).toMatch(/^sha256:[a-f0-9]{64}$/);
    expect(data.layer[13]?.fileList.map((f) => f.path)).toContain('root/saved.txt');
    expect(data.image).toMatchObject({
      sizeBytes: 1220598,
      inefficientBytes: 32025,
      efficiencyScore: 0.9844212134184309,
    });
    expect(data.image.fileReference[0]).toEqual({ count: 2, sizeBytes: 12810, file: '/root/saved.txt' });
  });

  it('writes the full report', () => {
    const out = join(tmp, 'report.json');
    expect(runCli([dockerImage, '-q', '--report', out]).status).toBe(0);
    const report = JSON.parse(readFileSync(out, 'utf8')) as Report;
    expect(report.image).toMatchObject({
      sizeBytes: 1220598,
      userSizeBytes: 66237,
      wastedBytes: 32025,
      recoverableBytes: 32025,
      layerCount: 14,
    });
    expect(report.history).toHaveLength(15);
    expect(report.history.filter((h) => h.layerIndex === null)).toHaveLength(1);
    expect(report.layers[9]).toMatchObject({
      instruction: { kind: 'RUN', text: 'RUN rm -rf /root/example/' },
      removed: { count: 2, bytes: 12810 },
    });
  });
});

describe('strata --ci', () => {
  const RULES = ['lowestEfficiency', 'highestWastedBytes', 'highestUserWastedPercent'];
  it.each(expectedCiCases())(
    'thresholds $thresholds give dive’s result: $result',
    ({ thresholds, result }) => {
      const flags = RULES.flatMap((rule, i) => [`--${rule}`, thresholds[i] as string]);
      const r = runCli([dockerImage, '-q', '--ci', ...flags]);
      const statuses = RULES.map(
        (rule) => new RegExp(`^  (PASS|FAIL|SKIP): ${rule}`, 'm').exec(r.stdout)?.[1],
      );
      if (result.startsWith('all three FAIL')) expect(statuses).toEqual(['FAIL', 'FAIL', 'FAIL']);
      else if (result.startsWith('all PASS')) expect(statuses).toEqual(['PASS', 'PASS', 'PASS']);
      else if (result.startsWith('all SKIP')) expect(statuses).toEqual(['SKIP', 'SKIP', 'SKIP']);
      else expect(statuses).toEqual(result.split(',').map((s) => s.trim()));
      expect(r.status).toBe(statuses.includes('FAIL') ? 1 : 0);
    },
  );

  it('reads dive’s .dive-ci as is, flags override it', () => {
    const dir = mkdtempSync(join(tmp, 'ci-'));
    writeFileSync(
      join(dir, '.dive-ci'),
      'rules:\n  lowestEfficiency: 0.99\n  highestWastedBytes: 50kB\n  highestUserWastedPercent: disabled\n',
    );
    const r = runCli([dockerImage, '-q', '--ci'], dir);
    expect(r.stdout).toContain('Using CI config: .dive-ci');
    expect(r.stdout).toMatch(
      /FAIL: lowestEfficiency: image efficiency is too low \(efficiency=0.9844212134184309 < threshold=0.99\)/,
    );
    expect(r.stdout).toContain('PASS: highestWastedBytes');
    expect(r.stdout).toContain('SKIP: highestUserWastedPercent');
    expect(r.status).toBe(1);
    expect(runCli([dockerImage, '-q', '--ci', '--lowestEfficiency', '0.9'], dir).status).toBe(0);
  });

  it('rejects an unreadable threshold', () => {
    const r = runCli([dockerImage, '-q', '--ci', '--highestWastedBytes', 'lots']);
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toBe("strata: CI config: invalid value for highestWastedBytes: 'lots'");
  });
});

describe('bad input exits 2 with one clear line', () => {
  const expectOneLine = (args: string[], pattern: RegExp): void => {
    const r = runCli([...args, '-q']);
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(pattern);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  };

  it('a plain tar that is not an image', () => {
    writeFileSync(join(tmp, 'README.md'), '# hello\n');
    const plain = join(tmp, 'plain.tar');
    execFileSync('tar', ['-cf', plain, '-C', tmp, 'README.md']);
    expectOneLine(
      [plain],
      /not an image archive: it has no manifest.json or index.json at its top level \(found: README.md\)/,
    );
  });

  it('a file that is not even a tar', () => {
    const file = join(tmp, 'notes.txt');
    writeFileSync(file, 'hello world, '.repeat(100));
    expectOneLine([file], /not a tar archive/);
  });

  it('a truncated archive', () => {
    const cut = join(tmp, 'cut.tar');
    copyFileSync(dockerImage, cut);
    truncateSync(cut, Math.floor(statSync(cut).size / 2));
    expectOneLine([cut], /truncated|unexpected end/);
  });

  it('a corrupt gzip stream', () => {
    const gz = join(tmp, 'image.tar.gz');
    execFileSync('sh', ['-c', `gzip -c '${dockerImage}' > '${gz}'`]);
    const fd = openSync(gz, 'r+');
    writeSync(fd, Buffer.alloc(4096, 0x55), 0, 4096, Math.floor(statSync(gz).size / 2));
    closeSync(fd);
    expectOneLine([gz], /decompressing the gzip archive: .*(invalid|incorrect|corrupt)/i);
  });

  const small: ImageSpec = {
    layers: [
      { entries: [{ path: 'a.txt', content: 'hello' }] },
      { entries: [{ path: 'b.txt', content: 'bye' }] },
    ],
  };

  it('a layer whose content does not match its digest', async () => {
    const { path, layerDigests } = await writeImageArchive(small, join(tmp, 'tampered.tar'), 'oci-layout', {
      tamper: 'layer-digest',
    });
    expectOneLine([path], new RegExp(`reading layer ${layerDigests[0]}: .*\\[(DIGEST_MISMATCH|CORRUPT)\\]`));
  });

  it('a config diff_id that does not match the layer', async () => {
    const { path, layerDigests } = await writeImageArchive(small, join(tmp, 'diffid.tar'), 'kaniko', {
      tamper: 'diff-id',
    });
    expectOneLine(
      [path],
      new RegExp(
        `reading layer ${layerDigests[0]}: uncompressed content has digest .* diff_id .*\\[DIGEST_MISMATCH\\]`,
      ),
    );
  });

  it('a manifest pointing at a missing blob', async () => {
    const { path } = await writeImageArchive(small, join(tmp, 'missing.tar'), 'oci-layout', {
      tamper: 'missing-blob',
    });
    expectOneLine([path], /layer sha256:[a-f0-9]{64} is missing from the archive \[MISSING_BLOB\]/);
  });

  it('a directory', () => {
    expectOneLine([tmp], /not an image layout: a directory without index\.json or manifest\.json/);
  });

  it('a missing file', () => {
    expectOneLine([join(tmp, 'nope.tar')], /no such file/);
  });

  it('a bad option', () => {
    const r = runCli(['--frobnicate']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("Unknown option '--frobnicate'");
  });
});
