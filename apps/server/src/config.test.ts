/** The configuration: defaults, units, and a clear failure for a bad value. */
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('has the documented defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 8080,
      maxUploadBytes: 8 * 1024 ** 3,
      jobConcurrency: 2,
      registry: { allowLoopback: true, allowPrivate: false, useDockerConfig: false, insecureRegistries: [] },
      imageLimits: { maxLayers: 500, maxLayerRepeats: 16 },
    });
    expect(config.dataDir).toMatch(/\/data$/);
    expect(loadConfig({ STRATA_MAX_LAYERS: '128', STRATA_MAX_LAYER_REPEATS: '2' }).imageLimits).toEqual({
      maxLayers: 128,
      maxLayerRepeats: 2,
    });
  });

  it('reads sizes with units, lists and flags', () => {
    const config = loadConfig({
      PORT: '9090',
      STRATA_MAX_UPLOAD_BYTES: '500MB',
      STRATA_CACHE_MAX_BYTES: '1GiB',
      STRATA_INSECURE_REGISTRIES: 'a:5000, b:5000',
      STRATA_REGISTRY_ALLOW_PRIVATE: 'true',
    });
    expect(config).toMatchObject({
      port: 9090,
      maxUploadBytes: 500_000_000,
      cacheMaxBytes: 1024 ** 3,
      registry: { insecureRegistries: ['a:5000', 'b:5000'], allowPrivate: true },
    });
  });

  it('names every bad variable', () => {
    expect(() =>
      loadConfig({ PORT: 'eighty', STRATA_MAX_UPLOAD_BYTES: 'lots', STRATA_JOB_CONCURRENCY: '0' }),
    ).toThrow(ConfigError);
    try {
      loadConfig({ PORT: 'eighty', STRATA_MAX_UPLOAD_BYTES: 'lots' });
    } catch (err) {
      expect(String(err)).toMatch(/PORT/);
      expect(String(err)).toMatch(/STRATA_MAX_UPLOAD_BYTES: not a size: lots/);
    }
  });
});
