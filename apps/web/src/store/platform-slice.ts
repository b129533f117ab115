/**
 * The platform picker's lookup: the platforms of the reference being typed, asked of the server
 * (which reads the registry's top manifest) when the box loses focus or typing pauses. A newer
 * lookup cancels the one in flight; asking again for the same request is a no-op.
 */
import type { PlatformsRequest } from '@strata/contract';
import { ApiFailure } from '../api/http.js';
import { readableError, type ReadableError } from '../lib/errors.js';
import type { Slice } from './types.js';

export type PlatformLookup =
  | { state: 'idle' }
  | { state: 'looking'; reference: string }
  | { state: 'found'; reference: string; index: boolean; platforms: string[] }
  | { state: 'failed'; reference: string; error: ReadableError };

export interface PlatformSlice {
  lookup: PlatformLookup;
  lookUpPlatforms(req: PlatformsRequest): Promise<void>;
  clearPlatformLookup(): void;
}

const keyOf = (req: PlatformsRequest): string =>
  JSON.stringify([req.reference, req.username ?? '', req.password ?? '']);

export const createPlatformSlice: Slice<PlatformSlice> = (deps) => (set, get) => {
  let current: { key: string; abort: AbortController } | undefined;

  return {
    lookup: { state: 'idle' },

    async lookUpPlatforms(req) {
      const reference = req.reference.trim();
      if (!reference) return get().clearPlatformLookup();
      const request = { ...req, reference };
      const key = keyOf(request);
      // Same question as the last one (found, failed or under way): nothing new to learn.
      if (current?.key === key && get().lookup.state !== 'idle') return;
      current?.abort.abort();
      const mine = { key, abort: new AbortController() };
      current = mine;
      set({ lookup: { state: 'looking', reference } });
      try {
        const found = await deps.lookupPlatforms(request, mine.abort.signal);
        if (current !== mine) return;
        set({ lookup: { state: 'found', reference, index: found.index, platforms: found.platforms } });
      } catch (e) {
        if (current !== mine) return;
        const code = e instanceof ApiFailure ? e.code : undefined;
        set({ lookup: { state: 'failed', reference, error: readableError(code, (e as Error).message) } });
      }
    },

    clearPlatformLookup() {
      current?.abort.abort();
      current = undefined;
      set({ lookup: { state: 'idle' } });
    },
  };
};
