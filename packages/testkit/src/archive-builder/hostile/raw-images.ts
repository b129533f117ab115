/**
 * Image archives assembled from hand-made documents and blobs, so a test can put any JSON (of
 * any shape) where a manifest or config belongs. The docker-archive's config is `config.json`
 * (no digest in its name, so nothing checks it before its shape); the OCI layout's blobs are
 * digest-named and right, so only the shape is wrong.
 */
import { createHash } from 'node:crypto';
import { rawTar, type RawEntry } from './raw-tar';

export const sha256 = (data: Buffer | string): string =>
  `sha256:${createHash('sha256').update(data).digest('hex')}`;

const json = (value: unknown): Buffer => Buffer.from(JSON.stringify(value));

/** A small valid layer: one file. */
export function smallLayer(name = 'hello.txt', content = 'hello\n'): Buffer {
  return rawTar([{ name, data: content }]);
}

export interface DockerParts {
  layers: Array<{ name: string; data: Buffer }>;
  /** Default: a valid config whose diff_ids are the layers' sha256 (right for uncompressed layers). */
  config?: unknown;
  /** Default: `[{ Config: 'config.json', RepoTags: ['hostile:1'], Layers: <layer names> }]`. */
  manifest?: unknown;
  /** Outer entries written before everything else (pax floods, decoys). */
  front?: RawEntry[];
  /** Outer entries written after (e.g. one with a bad checksum). */
  back?: RawEntry[];
}

export function dockerConfig(diffIds: string[], history?: unknown): Record<string, unknown> {
  return {
    architecture: 'amd64',
    os: 'linux',
    config: { Labels: null },
    rootfs: { type: 'layers', diff_ids: diffIds },
    history: history ?? diffIds.map((_, i) => ({ created_by: `/bin/sh -c #(nop) ADD file:${i} in / ` })),
  };
}

export function dockerArchive(parts: DockerParts): Buffer {
  const config = parts.config ?? dockerConfig(parts.layers.map((l) => sha256(l.data)));
  const manifest = parts.manifest ?? [
    { Config: 'config.json', RepoTags: ['hostile:1'], Layers: parts.layers.map((l) => l.name) },
  ];
  return rawTar([
    ...(parts.front ?? []),
    ...parts.layers.map((l) => ({ name: l.name, data: l.data })),
    { name: 'config.json', data: json(config) },
    { name: 'manifest.json', data: json(manifest) },
    ...(parts.back ?? []),
  ]);
}

export interface OciParts {
  layers: Buffer[];
  /** Edit the manifest and index documents before they are written (digests follow the edits). */
  editManifest?: (manifest: Record<string, unknown>) => unknown;
  editIndex?: (index: Record<string, unknown>) => unknown;
  config?: unknown;
}

const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';

export function ociArchive(parts: OciParts): Buffer {
  const blob = (data: Buffer): RawEntry => ({ name: `blobs/sha256/${sha256(data).slice(7)}`, data });
  const config = json(parts.config ?? dockerConfig(parts.layers.map((l) => sha256(l))));
  const manifestDoc = {
    schemaVersion: 2,
    mediaType: OCI_MANIFEST,
    config: {
      mediaType: 'application/vnd.oci.image.config.v1+json',
      digest: sha256(config),
      size: config.length,
    },
    layers: parts.layers.map((l) => ({
      mediaType: 'application/vnd.oci.image.layer.v1.tar',
      digest: sha256(l),
      size: l.length,
    })),
  };
  const manifest = json(parts.editManifest ? parts.editManifest(manifestDoc) : manifestDoc);
  const indexDoc = {
    schemaVersion: 2,
    manifests: [{ mediaType: OCI_MANIFEST, digest: sha256(manifest), size: manifest.length }],
  };
  const index = json(parts.editIndex ? parts.editIndex(indexDoc) : indexDoc);
  return rawTar([
    { name: 'oci-layout', data: '{"imageLayoutVersion":"1.0.0"}' },
    { name: 'index.json', data: index },
    blob(config),
    blob(manifest),
    ...parts.layers.map(blob),
  ]);
}
