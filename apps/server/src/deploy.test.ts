/**
 * The container files at the repository root: the compose file is valid for Debian's
 * docker-compose 1.29 (when it is installed: there is no engine here, `config` needs none),
 * and the Dockerfile keeps its promises (multi-stage, non-root, /data volume, healthcheck).
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '@strata/testkit';

const run = promisify(execFile);
const COMPOSE = '/usr/bin/docker-compose';

describe('docker-compose.yml', () => {
  it.skipIf(!existsSync(COMPOSE))(
    'passes `docker-compose config` with strata and registry services',
    async () => {
      const { stdout } = await run(COMPOSE, ['-f', 'docker-compose.yml', 'config'], { cwd: repoRoot });
      expect(stdout).toMatch(/^ {2}strata:$/m);
      expect(stdout).toMatch(/^ {2}registry:$/m);
      expect(stdout).toContain('image: registry:2');
      expect(stdout).toMatch(/published: 8080\s+target: 8080/);
      expect(stdout).toContain('strata-data:/data');
    },
  );

  it('has no top-level name: (docker-compose 1.29 rejects it)', async () => {
    const text = await readFile(join(repoRoot, 'docker-compose.yml'), 'utf8');
    expect(text).not.toMatch(/^name:/m);
  });
});

describe('Dockerfile', () => {
  it('builds with pnpm, runs the bundle as a non-root user with a /data volume and a healthcheck', async () => {
    const text = await readFile(join(repoRoot, 'Dockerfile'), 'utf8');
    expect(text.match(/^FROM /gm)).toHaveLength(2);
    expect(text).toMatch(/pnpm install --frozen-lockfile/);
    expect(text).toMatch(/^USER node$/m);
    expect(text).toMatch(/^VOLUME \["\/data"\]$/m);
    expect(text).toMatch(/^HEALTHCHECK .*\n.*\/api\/health/m);
    expect(text).toMatch(/server\.mjs.*decode-worker\.mjs/);
  });
});
