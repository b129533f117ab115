/** The image-spec core: every document's wrong shape is a typed error naming the field. */
import { describe, expect, it } from 'vitest';
import { StrataError } from '../errors.js';
import type { ImageConfig, Layer } from '../image.js';
import { parseManifestJson } from './docker-manifest-json.js';
import { parseImageConfig } from './image-config.js';
import { parseManifest } from './manifest.js';
import { layersOf } from './partial.js';

const D = `sha256:${'b'.repeat(64)}`;
const desc = { mediaType: 'x', digest: D, size: 3 };
const json = (doc: unknown): Buffer => Buffer.from(JSON.stringify(doc));
const parse = (doc: unknown, type?: string) => parseManifest(json(doc), type, 'm');

function failure(fn: () => unknown): StrataError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(StrataError);
    return err as StrataError;
  }
  throw new Error('expected a failure');
}

describe('parseManifest', () => {
  it('tells an index from an image, also without a mediaType field', () => {
    expect(parse({ schemaVersion: 2, manifests: [desc] }).kind).toBe('index');
    expect(parse({ schemaVersion: 2, config: desc, layers: [desc] }).kind).toBe('image');
    const typed = parse(
      { schemaVersion: 2, config: desc, layers: [] },
      'application/vnd.docker.distribution.manifest.v2+json',
    );
    expect(typed.kind === 'image' && typed.manifest.mediaType).toBe(
      'application/vnd.docker.distribution.manifest.v2+json',
    );
  });

  it('rejects schema 1, bad JSON and bad descriptors clearly', () => {
    expect(() => parse({ schemaVersion: 1, fsLayers: [] })).toThrow(/schema 1/);
    expect(() => parseManifest(Buffer.from('{'), undefined, 'm')).toThrow(/not valid JSON/);
    expect(() => parse({ schemaVersion: 2, config: { ...desc, digest: 'sha256:zz' }, layers: [] })).toThrow(
      /m: config\.digest: "sha256:zz" is not a digest/,
    );
    expect(() => parse({ schemaVersion: 2, config: desc, layers: [{ ...desc, size: -1 }] })).toThrow(
      'm: layers[0].size: expected a non-negative integer, got a number',
    );
  });

  it.each([
    [
      { config: desc, layers: [{ mediaType: 'x', size: 1 }] },
      'm: layers[0].digest: expected a string, got nothing',
    ],
    [
      { config: desc, layers: [{ ...desc, digest: 42 }] },
      'm: layers[0].digest: expected a string, got a number',
    ],
    [{ config: desc, layers: 'x' }, 'm: layers: expected an array, got a string'],
    [{ manifests: 'x' }, 'm: manifests: expected an array, got a string'],
    [{ manifests: [123] }, 'm: manifests[0]: expected an object, got a number'],
    [{ manifests: [{ ...desc, platform: { os: 1 } }] }, 'm: manifests[0].platform.os: expected a string'],
    [{ config: desc, layers: [], annotations: { a: 1 } }, 'm: annotations.a: expected a string'],
  ])('names the wrong field of %j', (doc, message) => {
    const err = failure(() => parse(doc));
    expect(err.code).toBe('CORRUPT');
    expect(err.message).toContain(message);
  });

  it('refuses more layers than the limit before reading them', () => {
    const layers = Array.from({ length: 11 }, () => desc);
    const err = failure(() =>
      parseManifest(json({ config: desc, layers }), undefined, 'm', { maxLayers: 10, maxLayerRepeats: 2 }),
    );
    expect(err.code).toBe('TOO_LARGE');
    expect(err.message).toMatch(/lists 11 layers, more than the limit of 10/);
  });
});

describe('parseImageConfig', () => {
  const base = { architecture: 'amd64', os: 'linux', rootfs: { type: 'layers', diff_ids: [D] } };
  const config = (extra: Record<string, unknown>) => json({ ...base, ...extra });

  it('accepts a config, with null labels and null history as Docker writes them', () => {
    const c = parseImageConfig(config({ config: { Labels: null }, history: null }), 'c');
    expect(c.rootfs.diff_ids).toEqual([D]);
    expect(c.history).toBeUndefined();
  });

  it.each([
    [
      { history: [{}, {}, {}, { created_by: 123 }] },
      'config.history[3].created_by: expected a string, got a number',
    ],
    [{ history: [{ empty_layer: 'yes' }] }, 'config.history[0].empty_layer: expected a boolean'],
    [{ history: 'x' }, 'config.history: expected an array'],
    [{ rootfs: { diff_ids: [123] } }, 'config.rootfs.diff_ids[0]: expected a string, got a number'],
    [{ rootfs: { diff_ids: 'x' } }, 'config.rootfs.diff_ids: expected an array'],
    [{ rootfs: null }, 'config.rootfs: expected an object, got null'],
    [{ config: { Labels: { a: 1 } } }, 'config.config.Labels.a: expected a string'],
    [{ os: 7 }, 'config.os: expected a string'],
  ])('names the wrong field of %j', (extra, message) => {
    const err = failure(() => parseImageConfig(config(extra), 'c'));
    expect(err.code).toBe('CORRUPT');
    expect(err.message).toContain(message);
  });
});

describe('parseManifestJson', () => {
  it('reads the first image', () => {
    const entry = parseManifestJson(json([{ Config: 'c.json', RepoTags: null, Layers: ['a/layer.tar'] }]));
    expect(entry).toEqual({ Config: 'c.json', RepoTags: [], Layers: ['a/layer.tar'] });
  });

  it.each([
    [[{ Config: 'c', Layers: [123] }], 'manifest.json[0].Layers[0]: expected a string, got a number'],
    [[{ Config: 1, Layers: [] }], 'manifest.json[0].Config: expected a string'],
    [[{ Config: 'c', Layers: 'l' }], 'manifest.json[0].Layers: expected an array'],
    [[{ Config: 'c', Layers: [], RepoTags: [1] }], 'manifest.json[0].RepoTags[0]: expected a string'],
    [{ Config: 'c' }, 'manifest.json: expected an array, got an object'],
  ])('names the wrong field of %j', (doc, message) => {
    const err = failure(() => parseManifestJson(json(doc)));
    expect(err.code).toBe('CORRUPT');
    expect(err.message).toContain(message);
  });

  it('refuses 100,000 layers by the layer limit', () => {
    const err = failure(() =>
      parseManifestJson(json([{ Config: 'c', Layers: Array(100_000).fill('l.tar') }])),
    );
    expect(err.code).toBe('TOO_LARGE');
    expect(err.message).toContain('manifest.json lists 100000 layers, more than the limit of 500');
  });
});

describe('layersOf', () => {
  const config = (n: number, same = false): ImageConfig => ({
    rootfs: {
      type: 'layers',
      diff_ids: Array.from({ length: n }, (_, i) => `sha256:${(same ? 'a' : String(i % 10)).repeat(64)}`),
    },
  });
  const make = (name: string, diffId: string): Layer => ({
    digest: diffId,
    diffId,
    size: 0,
    mediaType: name,
    open: () => Promise.reject(new Error('not read here')),
  });

  it('pairs each listed blob with its diff_id', () => {
    const layers = layersOf(config(2), { listed: ['a', 'b'], listedIn: 'manifest.json', make });
    expect(layers.map((l) => [l.mediaType, l.diffId])).toEqual([
      ['a', `sha256:${'0'.repeat(64)}`],
      ['b', `sha256:${'1'.repeat(64)}`],
    ]);
  });

  it('refuses counts that disagree, and a layer listed too often', () => {
    expect(() => layersOf(config(3), { listed: ['a', 'b'], listedIn: 'manifest.json', make })).toThrow(
      'the config lists 3 diff_ids but manifest.json lists 2 layers',
    );
    const listed = Array(17).fill('a') as string[];
    const err = failure(() => layersOf(config(17, true), { listed, listedIn: 'the manifest', make }));
    expect(err.code).toBe('TOO_LARGE');
    expect(err.message).toMatch(/is listed more than 16 times/);
  });
});
