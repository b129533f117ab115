/**
 * The runtime settings of an image config (image-spec config.md, `config` object) read for
 * display: every field is optional in the spec, and a hostile archive may put anything there,
 * so each is checked for its documented shape and left out otherwise.
 */
export interface ConfigView {
  env: Array<[string, string]>;
  entrypoint: string[] | undefined;
  cmd: string[] | undefined;
  user: string | undefined;
  workingDir: string | undefined;
  exposedPorts: string[];
  volumes: string[];
  labels: Array<[string, string]>;
  stopSignal: string | undefined;
  created: string | undefined;
  author: string | undefined;
  os: string | undefined;
  architecture: string | undefined;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const strings = (v: unknown): string[] | undefined =>
  Array.isArray(v) && v.every((x) => typeof x === 'string') ? (v as string[]) : undefined;
const keys = (v: unknown): string[] => (isObject(v) ? Object.keys(v).sort() : []);

export function configView(config: Record<string, unknown>): ConfigView {
  const c = isObject(config.config) ? config.config : {};
  const env = (strings(c.Env) ?? []).map((e): [string, string] => {
    const i = e.indexOf('=');
    return i < 0 ? [e, ''] : [e.slice(0, i), e.slice(i + 1)];
  });
  const labels = isObject(c.Labels)
    ? Object.entries(c.Labels)
        .filter((e): e is [string, string] => typeof e[1] === 'string')
        .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    : [];
  return {
    env,
    entrypoint: strings(c.Entrypoint),
    cmd: strings(c.Cmd),
    user: str(c.User),
    workingDir: str(c.WorkingDir),
    exposedPorts: keys(c.ExposedPorts),
    volumes: keys(c.Volumes),
    labels,
    stopSignal: str(c.StopSignal),
    created: str(config.created),
    author: str(config.author),
    os: str(config.os),
    architecture: str(config.architecture),
  };
}

/** An exec-form array as the Dockerfile writes it: `["nginx", "-g", "daemon off;"]`. */
export function execForm(args: string[]): string {
  return JSON.stringify(args).replace(/","/g, '", "');
}

const EMPTY: Array<[string, string]> = [];

/** The manifest's annotations of one layer descriptor (image-spec descriptor.md), if any. */
export function layerAnnotations(
  manifest: Record<string, unknown> | undefined,
  index: number,
): Array<[string, string]> {
  const layers = manifest?.layers;
  if (!Array.isArray(layers)) return EMPTY;
  const a = (layers[index] as { annotations?: unknown } | undefined)?.annotations;
  if (typeof a !== 'object' || a === null) return EMPTY;
  const pairs = Object.entries(a).filter((e): e is [string, string] => typeof e[1] === 'string');
  return pairs.length > 0 ? pairs : EMPTY;
}
