import { goJson, goTime, hexOf, sha256, sortKeys } from './go-json';

/** A pre-2016 "image" per layer: the `<id>/json` of docker-archive's legacy part. */
export interface LegacyLayer {
  id: string;
  json: Buffer;
}

/** docker/docker layer.CreateChainID: the first diff_id, then sha256("<chain> <diff_id>"). */
export function chainIds(diffIds: string[]): string[] {
  const chains: string[] = [];
  for (const diffId of diffIds) {
    const prev = chains.at(-1);
    chains.push(prev === undefined ? diffId : sha256(`${prev} ${diffId}`));
  }
  return chains;
}

/**
 * What skopeo/podman write (containers/image tarfile writer.go, writeLegacyMetadataLocked): a Go map
 * (sorted keys) with `parent` and, on the top layer only, seven fields copied from the config; the
 * id is the sha256 of that map plus `layer_id` (the chain id), written back without `layer_id`.
 */
export function skopeoLegacyLayers(diffIds: string[], configBytes: Buffer): LegacyLayer[] {
  const config = JSON.parse(configBytes.toString()) as Record<string, unknown>;
  const topFields = [
    'architecture',
    'config',
    'container',
    'container_config',
    'created',
    'docker_version',
    'os',
  ];
  const chains = chainIds(diffIds);
  const layers: LegacyLayer[] = [];
  diffIds.forEach((_, i) => {
    const fields: Record<string, unknown> = {};
    const parent = layers.at(-1)?.id;
    if (parent) fields.parent = parent;
    if (i === diffIds.length - 1) for (const f of topFields) fields[f] = config[f] ?? null;
    const id = hexOf(sha256(goJson(sortKeys({ ...fields, layer_id: chains[i] }))));
    layers.push({ id, json: Buffer.from(goJson(sortKeys({ ...fields, id }))) });
  });
  return layers;
}

/** docker's empty container.Config, which v1 images always carry as `container_config`. */
const EMPTY_CONTAINER_CONFIG = {
  Hostname: '',
  Domainname: '',
  User: '',
  AttachStdin: false,
  AttachStdout: false,
  AttachStderr: false,
  Tty: false,
  OpenStdin: false,
  StdinOnce: false,
  Env: null,
  Cmd: null,
  Image: '',
  Volumes: null,
  WorkingDir: '',
  Entrypoint: null,
  OnBuild: null,
  Labels: null,
};

export interface MobyTop {
  created: Date;
  config: Record<string, unknown>;
  architecture: string;
  variant?: string;
  os: string;
}

/**
 * What `docker save` writes (moby image/tarexport/save.go): a V1Image per layer, the lower ones
 * with only `created` = epoch and `os`, the top one with the image's config; ids from
 * image/v1.CreateID (sha256 of the V1Image as a sorted map plus `layer_id` and the parent digest).
 */
export function mobyLegacyLayers(diffIds: string[], top: MobyTop): LegacyLayer[] {
  const chains = chainIds(diffIds);
  const layers: LegacyLayer[] = [];
  diffIds.forEach((_, i) => {
    const isTop = i === diffIds.length - 1;
    const v1 = {
      created: goTime(isTop ? top.created : new Date(0)),
      container_config: EMPTY_CONTAINER_CONFIG,
      ...(isTop ? { config: top.config, architecture: top.architecture } : {}),
      ...(isTop && top.variant ? { variant: top.variant } : {}),
      os: top.os,
    };
    const parent = layers.at(-1)?.id;
    const idInput = { ...v1, layer_id: chains[i], ...(parent ? { parent: `sha256:${parent}` } : {}) };
    const id = hexOf(sha256(goJson(sortKeys(idInput))));
    layers.push({ id, json: Buffer.from(goJson({ id, ...(parent ? { parent } : {}), ...v1 })) });
  });
  return layers;
}
