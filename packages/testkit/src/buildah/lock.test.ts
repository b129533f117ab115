import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withLock } from './lock.js';

describe('withLock', () => {
  let dir = '';
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'strata-lock-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('never runs two holders at once, and releases on error', async () => {
    const file = join(dir, 'lock');
    let inside = 0;
    let most = 0;
    const holder = (fail: boolean) =>
      withLock(file, async () => {
        most = Math.max(most, ++inside);
        await sleep(50);
        inside--;
        if (fail) throw new Error('boom');
        return 'ok';
      });
    const results = await Promise.allSettled([holder(false), holder(true), holder(false)]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(most).toBe(1);
  });

  it('gives up after its timeout', async () => {
    const file = join(dir, 'lock');
    await withLock(file, async () => {
      await expect(withLock(file, async () => 'never', 1)).rejects.toThrow(/could not lock/);
    });
  });
});
