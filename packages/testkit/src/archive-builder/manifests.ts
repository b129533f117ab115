import { goJson } from './go-json';
import type { Platform } from './types';

export const MEDIA = {
  ociManifest: 'application/vnd.oci.image.manifest.v1+json',
  ociIndex: 'application/vnd.oci.image.index.v1+json',
  ociConfig: 'application/vnd.oci.image.config.v1+json',
  dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
  dockerConfig: 'application/vnd.docker.container.image.v1+json',
  dockerLayerGzip: 'application/vnd.docker.image.rootfs.diff.tar.gzip',
} as const;

export interface Descriptor {
  mediaType: string;
  digest: string;
  size: number;
  annotations?: Record<string, string>;
  platform?: Platform;
}

/** Field order of Go's ocispec.Descriptor, so our JSON reads like the real tools'. */
function ociDescriptor(d: Descriptor): Descriptor {
  return {
    mediaType: d.mediaType,
    digest: d.digest,
    size: d.size,
    ...(d.annotations ? { annotations: d.annotations } : {}),
    ...(d.platform ? { platform: platformJson(d.platform) } : {}),
  };
}

/** Go's ocispec.Platform field order. */
function platformJson(p: Platform): Platform {
  return { architecture: p.architecture, os: p.os, ...(p.variant ? { variant: p.variant } : {}) };
}

function withAnnotations(annotations: Record<string, string> | undefined): object {
  return annotations && Object.keys(annotations).length > 0 ? { annotations } : {};
}

export function ociManifest(
  config: Descriptor,
  layers: Descriptor[],
  annotations?: Record<string, string>,
): Buffer {
  return Buffer.from(
    goJson({
      schemaVersion: 2,
      mediaType: MEDIA.ociManifest,
      config: ociDescriptor(config),
      layers: layers.map(ociDescriptor),
      ...withAnnotations(annotations),
    }),
  );
}

export function ociIndex(manifests: Descriptor[], annotations?: Record<string, string>): Buffer {
  return Buffer.from(
    goJson({
      schemaVersion: 2,
      mediaType: MEDIA.ociIndex,
      manifests: manifests.map(ociDescriptor),
      ...withAnnotations(annotations),
    }),
  );
}

/**
 * The schema2 manifest skopeo synthesizes for a docker-archive (containers/image
 * docker/internal/tarfile/src.go): every layer is described by its diff_id and uncompressed size
 * with the gzip media type, whatever the file really holds. Its digest is what `skopeo inspect` reports.
 */
export function synthesizedDockerManifest(
  config: { size: number; digest: string },
  layers: Array<{ diffId: string; uncompressedSize: number }>,
): Buffer {
  return Buffer.from(
    goJson({
      schemaVersion: 2,
      mediaType: MEDIA.dockerManifest,
      config: { mediaType: MEDIA.dockerConfig, size: config.size, digest: config.digest },
      layers: layers.map((l) => ({
        mediaType: MEDIA.dockerLayerGzip,
        size: l.uncompressedSize,
        digest: l.diffId,
      })),
    }),
  );
}
