import { describe, expect, it } from 'vitest';
import type { PlatformLookup } from '../store/platform-slice.js';
import { COMMON_PLATFORMS, lookupFor, lookupStatus, platformChoices } from './platform-choices.js';

const found: PlatformLookup = {
  state: 'found',
  reference: 'r/a:1',
  index: true,
  platforms: ['linux/amd64', 'linux/arm64'],
};

describe('platform choices', () => {
  it("offers the index's platforms after 'default platform'", () => {
    expect(platformChoices(found, [])).toEqual({
      placeholder: 'default platform',
      platforms: ['linux/amd64', 'linux/arm64'],
      from: 'index',
    });
  });

  it("falls back to a failed pull's platforms, then to the common ones", () => {
    expect(platformChoices({ state: 'idle' }, ['linux/s390x'])).toMatchObject({
      placeholder: 'pick a platform…',
      platforms: ['linux/s390x'],
    });
    expect(platformChoices({ state: 'looking', reference: 'x' }, [])).toMatchObject({
      placeholder: 'default platform',
      platforms: COMMON_PLATFORMS,
    });
  });

  it('uses a lookup only while it is about the reference in the box', () => {
    expect(lookupFor(found, ' r/a:1 ')).toBe(found);
    expect(lookupFor(found, 'r/a:2')).toEqual({ state: 'idle' });
  });

  it('says what the lookup is doing, found or why it failed', () => {
    expect(lookupStatus({ state: 'idle' })).toBeUndefined();
    expect(lookupStatus({ state: 'looking', reference: 'x' })).toEqual({
      kind: 'busy',
      text: 'looking up platforms…',
    });
    expect(lookupStatus(found)?.text).toBe('2 platforms in this image index: linux/amd64, linux/arm64');
    expect(
      lookupStatus({ state: 'found', reference: 'x', index: false, platforms: ['linux/arm64/v8'] })?.text,
    ).toBe('single-platform image: linux/arm64/v8');
    const failed = lookupStatus({
      state: 'failed',
      reference: 'x',
      error: { title: 'The registry refused access', message: 'HTTP 401', hint: '' },
    });
    expect(failed).toEqual({
      kind: 'error',
      text: 'Could not look up platforms: the registry refused access.',
      detail: 'HTTP 401',
    });
  });
});
