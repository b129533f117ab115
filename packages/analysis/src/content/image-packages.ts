/**
 * Packages per image from the analyzers' per-layer findings and each layer's change set: which
 * packages the final image has and which layer's change made each version appear; per layer, the
 * packages added, removed and upgraded with their bytes; and each path's owning package.
 * A package database is a file like any other: a later layer that rewrites it replaces what it
 * says, and one that deletes it (or its directory) deletes its packages.
 */
import type { ImageStack } from '../stack.js';
import { LayerView } from './layer-view.js';
import type { ContentFinding, OwnedFilesFinding, PackageManager, PackagesFinding } from './types.js';

export interface ImagePackage {
  manager: PackageManager;
  name: string;
  version: string;
  arch?: string;
  /** Index of the layer whose change made this version appear. */
  layer: number;
}

export interface PackageChange {
  manager: PackageManager;
  name: string;
  version: string;
  /** Bytes of the package's files this layer wrote (removed: the bytes it had), else its declared size. */
  bytes: number;
}

export interface PackageUpgrade extends PackageChange {
  from: string;
}

export interface LayerPackages {
  added: PackageChange[];
  removed: PackageChange[];
  /** Version changed (up or down: dpkg version order is not needed to tell that it changed). */
  upgraded: PackageUpgrade[];
}

export interface ImagePackages {
  /** The final image's packages, by manager then name. */
  packages: ImagePackage[];
  layers: LayerPackages[];
  /** Absolute path → package key (`manager:name`) in the final image, from the packages' file lists. */
  owners: Map<string, string>;
  /** Directories owned whole (npm packages): root → package key, for `ownerOf`. */
  roots: Map<string, string>;
  /**
   * Every package version the image ever holds with its files (the browser model's owner
   * column): first the final image's, in `packages` order, then the versions a layer removed or
   * replaced, the most recently gone first.
   */
  holdings: PackageHolding[];
}

export interface PackageHolding {
  pkg: ImagePackage;
  files: readonly string[];
  /** A directory owned whole (npm). */
  root?: string;
  /** The layer whose change removed or replaced this version; absent: the final image has it. */
  goneAt?: number;
}

/** What a package is known by across layers: `dpkg:bash`, `npm:/app/node_modules/react` … */
interface Live {
  key: string;
  pkg: ImagePackage;
  declaredBytes: number | undefined;
  files: string[];
  root: string | undefined;
}

type Document = PackagesFinding | OwnedFilesFinding;

/** The packages of an analysis, derived once (the report and the advice both read them). */
export function analysisPackages(analysis: {
  findings?: ContentFinding[][];
  stack: ImageStack;
}): ImagePackages | undefined {
  if (!analysis.findings) return undefined;
  let result = DERIVED.get(analysis.stack);
  if (!result) DERIVED.set(analysis.stack, (result = imagePackages(analysis.findings, analysis.stack)));
  return result;
}

const DERIVED = new WeakMap<ImageStack, ImagePackages>();

export function imagePackages(findings: readonly ContentFinding[][], stack: ImageStack): ImagePackages {
  const docs = new Map<string, Document>();
  let before = new Map<string, Live>();
  const gone: PackageHolding[] = [];
  const layers = stack.changes.map((_, layer): LayerPackages => {
    const delta = new LayerView(stack, layer);
    applyDocuments(docs, findings[layer] ?? [], delta);
    const now = livePackages(docs, layer, before);
    const changes = compare(before, now, delta);
    for (const [key, l] of before)
      if (now.get(key)?.pkg.version !== l.pkg.version) gone.push({ ...holding(l), goneAt: layer });
    before = now;
    return changes;
  });
  const final = [...before.values()].sort(
    (a, b) =>
      a.pkg.manager.localeCompare(b.pkg.manager) ||
      a.pkg.name.localeCompare(b.pkg.name) ||
      a.pkg.version.localeCompare(b.pkg.version),
  );
  const roots = new Map(final.flatMap((l) => (l.root ? [[l.root, l.key] as const] : [])));
  return {
    packages: final.map((l) => l.pkg),
    layers,
    owners: ownerMap(before),
    roots,
    holdings: [...final.map(holding), ...gone.sort((a, b) => (b.goneAt ?? 0) - (a.goneAt ?? 0))],
  };
}

function holding(l: Live): PackageHolding {
  return l.root === undefined ? { pkg: l.pkg, files: l.files } : { pkg: l.pkg, files: l.files, root: l.root };
}

/** Documents this layer deletes or rewrites go; the ones it holds come (in again). */
function applyDocuments(
  docs: Map<string, Document>,
  findings: readonly ContentFinding[],
  delta: LayerView,
): void {
  for (const path of [...docs.keys()]) {
    const change = delta.get(path);
    if (change && (!change.isDir || change.status === 'removed')) docs.delete(path);
  }
  for (const f of findings) if (f.kind === 'packages' || f.kind === 'owned-files') docs.set(f.path, f);
}

function livePackages(
  docs: Map<string, Document>,
  layer: number,
  before: Map<string, Live>,
): Map<string, Live> {
  const live = new Map<string, Live>();
  const lists: OwnedFilesFinding[] = [];
  for (const doc of docs.values()) {
    if (doc.kind === 'owned-files') {
      lists.push(doc);
      continue;
    }
    const names = new Map<string, number>();
    for (const p of doc.packages) names.set(p.name, (names.get(p.name) ?? 0) + 1);
    for (const p of doc.packages) {
      // Multi-Arch: same packages appear once per architecture: `libc6:amd64`, `libc6:i386`.
      const id = p.root ?? ((names.get(p.name) ?? 0) > 1 && p.arch ? `${p.name}:${p.arch}` : p.name);
      const key = `${doc.manager}:${id}`;
      const prior = before.get(key);
      const since = prior && prior.pkg.version === p.version ? prior.pkg.layer : layer;
      const pkg: ImagePackage = { manager: doc.manager, name: p.name, version: p.version, layer: since };
      if (p.arch) pkg.arch = p.arch;
      live.set(key, { key, pkg, declaredBytes: p.declaredBytes, files: p.files ?? [], root: p.root });
    }
  }
  for (const list of lists) attachList(live, list);
  return live;
}

/** dpkg names `info/<pkg>:<arch>.list` for Multi-Arch: same packages only; Python by its normalized name. */
function attachList(live: Map<string, Live>, list: OwnedFilesFinding): void {
  const target =
    live.get(`${list.manager}:${list.package}`) ??
    live.get(`${list.manager}:${list.package.replace(/:[^:]*$/, '')}`);
  if (!target) return;
  target.files = target.files.length > 0 ? [...target.files, ...list.files] : list.files;
  if (target.declaredBytes === undefined && list.declaredBytes !== undefined)
    target.declaredBytes = list.declaredBytes;
}

function compare(before: Map<string, Live>, now: Map<string, Live>, delta: LayerView): LayerPackages {
  const out: LayerPackages = { added: [], removed: [], upgraded: [] };
  const bytes = (l: Live, statuses: readonly string[]): number => bytesOf(l, delta, statuses);
  for (const [key, l] of now) {
    const prior = before.get(key);
    const { manager, name, version } = l.pkg;
    if (!prior) out.added.push({ manager, name, version, bytes: bytes(l, ['added', 'modified']) });
    else if (prior.pkg.version !== version)
      out.upgraded.push({
        manager,
        name,
        version,
        from: prior.pkg.version,
        bytes: bytes(l, ['added', 'modified']),
      });
  }
  for (const [key, l] of before) {
    if (now.has(key)) continue;
    const { manager, name, version } = l.pkg;
    out.removed.push({ manager, name, version, bytes: bytes(l, ['removed']) });
  }
  return out;
}

/** The package's files this layer wrote (or removed); its declared size when it lists no files. */
function bytesOf(l: Live, delta: LayerView, statuses: readonly string[]): number {
  let total = 0;
  let known = false;
  if (l.root !== undefined) {
    known = true;
    // A package directory's files, not those of packages nested in its own node_modules.
    for (const c of delta.under(l.root, 'node_modules')) if (statuses.includes(c.status)) total += c.size;
  }
  for (const file of l.files) {
    known = true;
    const c = delta.get(file);
    if (c && !c.isDir && statuses.includes(c.status)) total += c.size;
  }
  return known ? total : (l.declaredBytes ?? 0);
}

function ownerMap(live: Map<string, Live>): Map<string, string> {
  const owners = new Map<string, string>();
  for (const l of live.values()) for (const f of l.files) if (!owners.has(f)) owners.set(f, l.key);
  return owners;
}

/** The package key owning an absolute path: a listed file, else the nearest owned directory (not across node_modules). */
export function ownerOf(result: Pick<ImagePackages, 'owners' | 'roots'>, path: string): string | undefined {
  const listed = result.owners.get(path);
  if (listed !== undefined || result.roots.size === 0) return listed;
  for (let end = path.lastIndexOf('/'); end > 0; end = path.lastIndexOf('/', end - 1)) {
    const dir = path.slice(0, end);
    const key = result.roots.get(dir);
    if (key !== undefined) return key;
    if (dir.endsWith('/node_modules')) return undefined;
  }
  return undefined;
}
