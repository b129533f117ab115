/** The platform lookup in the store: states, dedup of the same question, the newest answer wins. */
import type { PlatformsRequest, PlatformsResponse } from '@strata/contract';
import { describe, expect, it } from 'vitest';
import { ApiFailure } from '../api/http.js';
import { createAppStore } from './app-store.js';
import type { Deps } from './deps.js';

interface Pending {
  req: PlatformsRequest;
  signal: AbortSignal;
  resolve(res: PlatformsResponse): void;
  reject(err: unknown): void;
}

/** Deps whose lookups wait until the test answers them; the slice uses nothing else. */
function lookupDeps(): { deps: Deps; calls: Pending[] } {
  const calls: Pending[] = [];
  const deps = {
    lookupPlatforms: (req: PlatformsRequest, signal: AbortSignal) =>
      new Promise<PlatformsResponse>((resolve, reject) => calls.push({ req, signal, resolve, reject })),
  } as unknown as Deps;
  return { deps, calls };
}

const found = (reference: string, platforms: string[]): PlatformsResponse => ({
  reference,
  digest: 'sha256:1',
  index: platforms.length > 1,
  platforms,
});

describe('platform lookup', () => {
  it('goes looking, then found', async () => {
    const { deps, calls } = lookupDeps();
    const store = createAppStore(deps);
    const done = store.getState().lookUpPlatforms({ reference: ' reg/a:1 ' });
    expect(store.getState().lookup).toEqual({ state: 'looking', reference: 'reg/a:1' });
    expect(calls[0]?.req).toEqual({ reference: 'reg/a:1' });
    calls[0]?.resolve(found('reg/a:1', ['linux/amd64', 'linux/arm64']));
    await done;
    expect(store.getState().lookup).toEqual({
      state: 'found',
      reference: 'reg/a:1',
      index: true,
      platforms: ['linux/amd64', 'linux/arm64'],
    });
  });

  it('asks once for the same question, again when the credentials change', async () => {
    const { deps, calls } = lookupDeps();
    const store = createAppStore(deps);
    void store.getState().lookUpPlatforms({ reference: 'reg/a:1' });
    void store.getState().lookUpPlatforms({ reference: 'reg/a:1' });
    expect(calls).toHaveLength(1);
    void store.getState().lookUpPlatforms({ reference: 'reg/a:1', username: 'u', password: 'p' });
    expect(calls).toHaveLength(2);
    expect(calls[0]?.signal.aborted).toBe(true);
  });

  it('a newer lookup wins over an older one that answers late', async () => {
    const { deps, calls } = lookupDeps();
    const store = createAppStore(deps);
    const first = store.getState().lookUpPlatforms({ reference: 'reg/a:1' });
    const second = store.getState().lookUpPlatforms({ reference: 'reg/b:1' });
    calls[1]?.resolve(found('reg/b:1', ['linux/s390x']));
    await second;
    calls[0]?.resolve(found('reg/a:1', ['linux/amd64']));
    await first;
    expect(store.getState().lookup).toMatchObject({ state: 'found', reference: 'reg/b:1' });
  });

  it('a failure is readable; an empty reference clears the lookup', async () => {
    const { deps, calls } = lookupDeps();
    const store = createAppStore(deps);
    const done = store.getState().lookUpPlatforms({ reference: 'reg/a:nope' });
    calls[0]?.reject(new ApiFailure('NOT_FOUND', 'manifest reg/a:nope not found', 404));
    await done;
    expect(store.getState().lookup).toMatchObject({
      state: 'failed',
      reference: 'reg/a:nope',
      error: { title: 'The registry does not have this image', message: 'manifest reg/a:nope not found' },
    });
    await store.getState().lookUpPlatforms({ reference: '  ' });
    expect(store.getState().lookup).toEqual({ state: 'idle' });
  });
});
