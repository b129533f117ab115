/**
 * `strata cat <source> <path> [--layer N]`: a file's bytes as the merged view at layer N shows
 * them (default: the last layer), to stdout. Symlinks are followed inside the image, never on the
 * host. A directory or a missing path is exit 2 with one line (StrataError, printed by main).
 */
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import {
  ALLOW_ALL_ADDRESSES,
  createWorkerPool,
  layerSeekable,
  loadImageInput,
  openImageFile,
  StrataError,
  type Image,
  type Layer,
} from '@strata/image';
import type { LayerIndex } from '@strata/analysis';
import { UsageError } from './args.js';
import { openSource } from './source.js';

export const CAT_USAGE = `Usage: strata cat <source> <path> [--layer N] [--platform OS/ARCH[/VARIANT]] [--insecure-registry HOST[:PORT]]

Write the file at <path> as the image shows it after layer N (default: the last layer) to stdout.`;

interface CatOptions {
  source: string;
  path: string;
  layer?: number;
  platform?: string;
  insecureRegistries: string[];
}

export async function runCat(argv: string[]): Promise<number> {
  const options = parseCatArgs(argv);
  if (!options) {
    console.log(CAT_USAGE);
    return 0;
  }
  const registry = { insecureRegistries: options.insecureRegistries, addressPolicy: ALLOW_ALL_ADDRESSES };
  const image = await openSource(
    options.source,
    options.platform ? { registry, platform: options.platform } : { registry },
  );
  try {
    await writeFile(image, options);
    return 0;
  } finally {
    await image.close();
  }
}

async function writeFile(image: Image, options: CatOptions): Promise<void> {
  const workers = createWorkerPool(new URL('./decode-worker.mjs', import.meta.url), 2);
  const input = await loadImageInput(image, { decoder: workers.decode, concurrency: 2 }).finally(() =>
    workers.close(),
  );
  // The layer indexes say where every entry is; no analysis is needed to read one file.
  const indexes = input.layers;
  const layer = options.layer ?? indexes.length - 1;
  if (layer >= indexes.length)
    throw new StrataError('NOT_FOUND', `no layer ${layer}: the image has ${indexes.length}`);
  const layers = await image.layers();
  // The decode pass left gzip checkpoints: the file's layer is inflated from the one before it.
  const seekable = (i: number) => layerSeekable(layers[i] as Layer, indexes[i] as LayerIndex);
  const file = await openImageFile(layers, indexes, options.path, layer, { seekable });
  for await (const chunk of file.data) {
    if (!process.stdout.write(chunk)) await once(process.stdout, 'drain');
  }
}

function parseCatArgs(argv: string[]): CatOptions | undefined {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        layer: { type: 'string' },
        platform: { type: 'string' },
        'insecure-registry': { type: 'string', multiple: true },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) return undefined;
  if (positionals.length !== 2)
    throw new UsageError(`cat: expected <source> <path>, got ${positionals.length} arguments`);
  const options: CatOptions = {
    source: positionals[0] as string,
    path: positionals[1] as string,
    insecureRegistries: values['insecure-registry'] ?? [],
  };
  if (values.layer !== undefined) {
    if (!/^\d+$/.test(values.layer))
      throw new UsageError(`cat: --layer takes a layer index, not '${values.layer}'`);
    options.layer = Number(values.layer);
  }
  if (values.platform !== undefined) options.platform = values.platform;
  return options;
}
