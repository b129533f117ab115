/**
 * Every media type Strata reads, in one table (image-spec media-types.md, Docker's image
 * manifest v2 schema 2). A client must send all four manifest types in `Accept`, or a registry
 * may down-convert an image or answer 404 for an index (distribution-spec "Pulling manifests").
 */
export const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';
export const DOCKER_MANIFEST_LIST = 'application/vnd.docker.distribution.manifest.list.v2+json';
export const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
export const DOCKER_MANIFEST = 'application/vnd.docker.distribution.manifest.v2+json';
export const DOCKER_SCHEMA1 = /^application\/vnd\.docker\.distribution\.manifest\.v1\+(prettyjws|json)$/;

export const OCI_CONFIG = 'application/vnd.oci.image.config.v1+json';
export const DOCKER_CONFIG = 'application/vnd.docker.container.image.v1+json';

/** What `docker save` stores: an uncompressed tar (the compression is sniffed anyway). */
export const DOCKER_LAYER = 'application/vnd.docker.image.rootfs.diff.tar';

export const MANIFEST_ACCEPT = [OCI_INDEX, DOCKER_MANIFEST_LIST, OCI_MANIFEST, DOCKER_MANIFEST].join(', ');

export const isIndexType = (type: string): boolean => type === OCI_INDEX || type === DOCKER_MANIFEST_LIST;
export const isImageManifestType = (type: string): boolean =>
  type === OCI_MANIFEST || type === DOCKER_MANIFEST;
