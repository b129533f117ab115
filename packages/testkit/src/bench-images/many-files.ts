import type { LayerBlob } from '../archive-builder/layer-blob';
import { LayerStream } from './layer-stream';
import { seeded, type Seeded } from './seeded';
import { emptyStats, type LayerStats } from './types';

/**
 * An image of many small files, shaped like node_modules trees: packages (some scoped, some with
 * nested dependencies and `.bin` links) of a few to a few hundred files. Every layer after the
 * first rewrites `overwritePercent` and deletes (whiteouts) `deletePercent` of the files below it.
 */
export interface ManyFilesRecipe {
  kind: 'many-files';
  seed: string;
  /** New regular files over all layers (overwrites not counted), split evenly. */
  files: number;
  layers: number;
  overwritePercent: number;
  deletePercent: number;
  gzipLevel: number;
  /** Tar mtimes (seconds). */
  mtime: number;
}

const ROOTS = [
  'usr/lib/node_modules',
  'app/node_modules',
  'app/packages/web/node_modules',
  'app/packages/api/node_modules',
  'usr/lib/python3/dist-packages',
];
const SUBDIRS = ['lib', 'lib', 'lib/internal', 'dist', 'dist/esm', 'src', 'test', 'types'];
const WORDS = (
  'const let var function return if else for while require module exports import from default ' +
  'async await new this null undefined true false typeof value options config data result error ' +
  'callback props state index length push map filter reduce Object keys assign Promise resolve'
).split(' ');
const LICENSE = Buffer.from(
  'MIT License\n\nPermission is hereby granted, free of charge, to any person obtaining a copy of ' +
    'this software and associated documentation files (the "Software"), to deal in the Software ' +
    'without restriction, including without limitation the rights to use, copy, modify, merge, ' +
    'publish, distribute, sublicense, and/or sell copies of the Software.\n\nTHE SOFTWARE IS ' +
    'PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND.\n',
);
/** Bodies are slices of one text pool the size of gzip's window: compressible like real sources. */
const POOL_BYTES = 32 * 1024;

/** One layer's new entries: regular files, and `.bin` symlinks (`link` set). */
interface PlannedEntry {
  path: string;
  link?: string;
}

export interface LayerPlan {
  entries: PlannedEntry[];
  overwrites: string[];
  deletes: string[];
}

const rootOf = (l: number): string => `${ROOTS[l % ROOTS.length]}${l >= ROOTS.length ? `-${l}` : ''}`;

/** The files of one package, `budget` at most; returns how many regular files it planned. */
function planPackage(src: Seeded, l: number, p: number, budget: number, out: PlannedEntry[]): number {
  const root = rootOf(l);
  const base = `pkg-${l}-${p}`;
  const name = src.int(10) === 0 ? `@scope${src.int(40)}/${base}` : base;
  const dir = `${root}/${name}`;
  const ext = root.includes('python') ? '.py' : '.js';
  const wanted = Math.min(budget, 3 + Math.floor(src.rand() ** 2 * 250));
  const files = [`${dir}/package.json`, `${dir}/LICENSE`, `${dir}/README.md`];
  if (src.int(8) === 0) {
    files.push(`${dir}/bin/cli${ext}`);
    out.push({ path: `${root}/.bin/${base}`, link: `../${name}/bin/cli${ext}` });
  }
  const deps = src.int(5) === 0 ? 1 + src.int(4) : 0;
  for (let m = 0; files.length < wanted; m++) {
    const nested = deps > 0 && src.int(3) === 0;
    const sub = nested ? `node_modules/dep-${src.int(deps)}/lib` : SUBDIRS[src.int(SUBDIRS.length)];
    files.push(`${dir}/${sub}/${m === 0 ? 'index' : `file${m}`}${ext}`);
  }
  files.length = Math.min(files.length, budget);
  for (const path of files) out.push({ path });
  return files.length;
}

/** New entries of layer `l`: whole packages until the layer's share of files is reached. */
function planNewFiles(recipe: ManyFilesRecipe, l: number): PlannedEntry[] {
  const share = Math.floor(recipe.files / recipe.layers);
  const quota = l === recipe.layers - 1 ? recipe.files - share * (recipe.layers - 1) : share;
  const src = seeded(recipe.seed, 'layout', l);
  const out: PlannedEntry[] = [];
  for (let p = 0, planned = 0; planned < quota; p++) planned += planPackage(src, l, p, quota - planned, out);
  return out;
}

/**
 * Every layer's plan. Overwrites and deletes are drawn from the files alive below the layer
 * (distinct within a layer; a deleted file is gone for the layers above).
 */
export function planManyFiles(recipe: ManyFilesRecipe): LayerPlan[] {
  const alive: string[] = [];
  const plans: LayerPlan[] = [];
  for (let l = 0; l < recipe.layers; l++) {
    const entries = planNewFiles(recipe, l);
    const src = seeded(recipe.seed, 'changes', l);
    const overwriteCount = Math.round((alive.length * recipe.overwritePercent) / 100);
    const deleteCount = Math.round((alive.length * recipe.deletePercent) / 100);
    const chosen = new Set<number>();
    const pick = (): number => {
      for (;;) {
        const i = src.int(alive.length);
        if (!chosen.has(i)) return (chosen.add(i), i);
      }
    };
    const overwrites = Array.from({ length: overwriteCount }, () => alive[pick()] as string);
    const deleted = Array.from({ length: deleteCount }, pick).sort((a, b) => b - a);
    const deletes = deleted.map((i) => alive[i] as string);
    for (const i of deleted) alive[i] = alive.pop() ?? ''; // descending: each index is still valid
    for (const e of entries) if (!e.link) alive.push(e.path);
    plans.push({ entries, overwrites, deletes });
  }
  return plans;
}

function textPool(seed: string): Buffer {
  const src = seeded(seed, 'pool');
  const parts: string[] = [];
  let length = 0;
  while (length < POOL_BYTES + 4096) {
    const word = `${WORDS[src.int(WORDS.length)]}${src.int(9) === 0 ? ';\n' : ' '}`;
    parts.push(word);
    length += word.length;
  }
  return Buffer.from(parts.join(''));
}

/** Body of a regular file: shared LICENSE text, a small package.json, or a pool slice of 0 B … 1 KiB. */
function content(path: string, src: Seeded, pool: Buffer, version: number): Buffer {
  const slash = path.lastIndexOf('/');
  const base = path.slice(slash + 1);
  if (base === 'LICENSE') return LICENSE;
  if (base === 'package.json') {
    const pkg = path.slice(0, slash).replace(/^.*node_modules\//, '');
    return Buffer.from(`{"name":"${pkg}","version":"1.${version}.${src.int(20)}","main":"lib/index.js"}\n`);
  }
  const size = src.int(50) === 0 ? 0 : Math.round(8 * 2 ** (src.rand() * 7));
  const at = src.int(POOL_BYTES);
  return pool.subarray(at, at + size);
}

/** Writes layer `l` of the plan as a gzip blob at `file`. */
export async function writeManyFilesLayer(
  recipe: ManyFilesRecipe,
  plan: LayerPlan,
  l: number,
  file: string,
): Promise<{ blob: LayerBlob; stats: LayerStats }> {
  const out = new LayerStream(file, recipe.gzipLevel);
  const src = seeded(recipe.seed, 'content', l);
  const pool = textPool(recipe.seed);
  const stats = emptyStats();
  const dirs = new Set<string>();
  const mtime = recipe.mtime;
  const ensureParents = (path: string): void => {
    const slash = path.lastIndexOf('/');
    if (slash <= 0) return;
    const parent = path.slice(0, slash);
    if (dirs.has(parent)) return;
    ensureParents(parent);
    dirs.add(parent);
    out.add({ path: parent, type: 'dir', mtime });
    stats.dirs++;
  };
  const file_ = (path: string, version: number): void => {
    ensureParents(path);
    const mode = path.includes('/bin/') ? 0o755 : 0o644;
    out.add({ path, type: 'file', mode, mtime }, content(path, src, pool, version));
  };
  let n = 0;
  for (const e of plan.entries) {
    if (e.link) {
      ensureParents(e.path);
      out.add({ path: e.path, type: 'symlink', linkname: e.link, mtime });
      stats.symlinks++;
    } else {
      file_(e.path, 0);
      stats.files++;
    }
    if (++n % 1024 === 0) await out.room();
  }
  for (const path of plan.overwrites) {
    file_(path, l);
    stats.overwrites++;
    if (++n % 1024 === 0) await out.room();
  }
  for (const path of plan.deletes) {
    const slash = path.lastIndexOf('/');
    const whiteout = `${path.slice(0, slash)}/.wh.${path.slice(slash + 1)}`;
    ensureParents(whiteout);
    out.add({ path: whiteout, type: 'file', mtime });
    stats.whiteouts++;
    if (++n % 1024 === 0) await out.room();
  }
  stats.entries = stats.files + stats.dirs + stats.symlinks + stats.overwrites + stats.whiteouts;
  return { blob: await out.finish(), stats };
}
