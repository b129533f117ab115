import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { diveFixture } from '@strata/testkit';
import { limitsFromEnv } from './limits.js';
import { CLI } from './run-cli.js';

const runWith = (env: Record<string, string>) =>
  spawnSync(process.execPath, [CLI, diveFixture('test-docker-image.tar'), '-q'], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
    timeout: 120_000,
  });

describe('limits from the environment (as the server reads them)', () => {
  it('an image with more entries than STRATA_MAX_IMAGE_ENTRIES: exit 2, one line, TOO_LARGE', () => {
    // test-docker-image has 14 layers; its entries together are well over 100 (each layer under it).
    const r = runWith({ STRATA_MAX_IMAGE_ENTRIES: '100', STRATA_MAX_LAYER_ENTRIES: '1000' });
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toBe(
      'strata: the image has more than 100 tar entries across its layers [TOO_LARGE]',
    );
  });

  it('a layer with more entries than STRATA_MAX_LAYER_ENTRIES names the layer', () => {
    const r = runWith({ STRATA_MAX_LAYER_ENTRIES: '5' });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(
      /^strata: reading layer sha256:[0-9a-f]{64}: more than 5 entries in one layer \[TOO_LARGE\]\n$/,
    );
  });

  it('the default bounds let the image through; a bad value is a usage error', () => {
    expect(runWith({}).status).toBe(0);
    expect(() => limitsFromEnv({ STRATA_MAX_IMAGE_ENTRIES: 'many' })).toThrow(
      "STRATA_MAX_IMAGE_ENTRIES must be a positive integer, got 'many'",
    );
    expect(limitsFromEnv({ STRATA_MAX_IMAGE_ENTRIES: '7' })).toEqual({ limits: {}, maxImageEntries: 7 });
  });
});
