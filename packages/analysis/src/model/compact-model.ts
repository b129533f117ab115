/**
 * The analysis as one compact document for the browser (DESIGN.md "The data's way through" 5):
 * a table of every path that ever exists (parents before children), and per layer its change
 * list in columns keyed by path index. The browser builds its explorer from it once and computes
 * every view locally, so switching layers never waits on the network. The report is its own
 * document (`GET /api/analyses/:id`), not repeated here.
 *
 * On the wire it is binary (binary-doc.ts): names once in a string table, parents as ids, the
 * columns as typed arrays, so a million-path image is a few flat buffers, not a JSON parse.
 */
import type { Analysis } from '../analyze.js';
import { packDoc, unpackDoc, type ColumnCtor } from '../binary-doc.js';
import { analysisPackages, type PackageHolding } from '../content/image-packages.js';
import type { PackageManager } from '../content/types.js';
import type { LayerIndex } from '../layer-index/layer-index.js';
import { IMPLIED_DIR, type LayerChanges } from '../stack.js';
import { DIR } from '../layer-index/entry-types.js';
import { ownerColumn } from './package-owners.js';

export { STATUSES } from '../stack.js';
export { TYPES } from '../layer-index/entry-types.js';

/** The model's media type (`GET /api/analyses/:id/model`). */
export const MODEL_MEDIA_TYPE = 'application/vnd.strata.model.v2';

export interface CompactLayer {
  /** Path index of each change. */
  node: Int32Array;
  /** Index into STATUSES. */
  status: Uint8Array;
  /** Index into TYPES. */
  type: Uint8Array;
  size: Float64Array;
  mode: Uint16Array;
  uid: Uint32Array;
  gid: Uint32Array;
  /** Sparse: position in this layer's columns -> link target. */
  link: Record<number, string>;
}

/** A package version of the model's package table (issue 11). */
export interface ModelPackage {
  manager: PackageManager;
  name: string;
  version: string;
  arch?: string;
  /** The layer whose change made this version appear. */
  layer: number;
  /** The layer that removed or replaced this version; absent: the final image has it. */
  goneAt?: number;
}

export interface CompactModel {
  v: 2;
  /** Absolute paths; a parent always comes before its children. */
  paths: string[];
  /** Index of each path's parent, -1 for top-level paths. */
  parent: Int32Array;
  /** The package table; absent when the layers' contents were not read (then no owners either). */
  packages?: ModelPackage[];
  /** Per path: its owning package's table index + 1, 0 for none (model/package-owners.ts). */
  owner?: Uint32Array;
  layers: CompactLayer[];
}

/** Package managers by the code the model's table stores. */
export const MANAGERS: readonly PackageManager[] = ['dpkg', 'apk', 'python', 'npm'];

const MAGIC = 0x324d5453; // "STM2" little-endian
const LAYER_COLUMNS: readonly ColumnCtor[] = [
  Int32Array, // node
  Uint8Array, // status
  Uint8Array, // type
  Float64Array, // size
  Uint16Array, // mode
  Uint32Array, // uid
  Uint32Array, // gid
  Int32Array, // link: string id, -1 for none
];

/** After the layers, when the header has `packageCount`: the owner column, then the table. */
const PACKAGE_COLUMNS: readonly ColumnCtor[] = [
  Uint32Array, // owner, per path
  Uint8Array, // manager: index into MANAGERS
  Int32Array, // name: string id
  Int32Array, // version: string id
  Int32Array, // arch: string id, -1 for none
  Int32Array, // layer
  Int32Array, // goneAt, -1 for none
];

interface ModelHeader {
  v: 2;
  layerCount: number;
  /**
   * Rows of the package table; absent when contents were not read. An addition to v2: a reader
   * that predates it fails on the extra columns, so server and web ship together, and a stored
   * v2 model without it still reads (no packages).
   */
  packageCount?: number;
}

/** The model as bytes, read straight from the stack (path g is model path g - 1). */
export function packModel(analysis: Analysis): Uint8Array {
  const { stack } = analysis;
  const { paths } = stack;
  const strings: string[] = [];
  const ids = new Map<string, number>();
  const intern = (s: string): number => {
    let id = ids.get(s);
    if (id === undefined) ids.set(s, (id = strings.push(s) - 1));
    return id;
  };
  const n = paths.size - 1;
  const parent = new Int32Array(n);
  const name = new Int32Array(n);
  for (let g = 1; g <= n; g++) {
    parent[g - 1] = (paths.parent.data[g] as number) - 1;
    name[g - 1] = intern(paths.names[g] as string);
  }
  const columns: ArrayBufferView[] = [parent, name];
  for (const changes of stack.changes) columns.push(...layerColumns(stack.layers, changes, intern));
  const header: ModelHeader = { v: 2, layerCount: stack.changes.length };
  const packages = analysisPackages(analysis);
  if (packages) {
    header.packageCount = packages.holdings.length;
    // Path id g is model path g - 1: the root's slot goes.
    columns.push(
      ownerColumn(stack, packages.holdings).subarray(1),
      ...tableColumns(packages.holdings, intern),
    );
  }
  return packDoc(MAGIC, header, columns, strings);
}

/** Read the model the browser gets; absolute paths are rebuilt from names and parents. */
export function unpackModel(bytes: Uint8Array): CompactModel {
  const { header, columns, strings } = unpackDoc<ModelHeader>(MAGIC, bytes, (h) => [
    Int32Array,
    Int32Array,
    ...Array.from({ length: h.layerCount }, () => LAYER_COLUMNS).flat(),
    ...(h.packageCount === undefined ? [] : PACKAGE_COLUMNS),
  ]);
  const parent = columns[0] as Int32Array;
  const name = columns[1] as Int32Array;
  const paths = new Array<string>(parent.length);
  for (let i = 0; i < parent.length; i++) {
    const p = parent[i] as number;
    paths[i] = `${p < 0 ? '' : (paths[p] as string)}/${strings[name[i] as number] as string}`;
  }
  const layers = Array.from({ length: header.layerCount }, (_, l): CompactLayer => {
    const [node, status, type, size, mode, uid, gid, link] = columns.slice(2 + 8 * l, 10 + 8 * l);
    const links: Record<number, string> = {};
    (link as Int32Array).forEach((s, i) => {
      if (s >= 0) links[i] = strings[s] as string;
    });
    return {
      node: node as Int32Array,
      status: status as Uint8Array,
      type: type as Uint8Array,
      size: size as Float64Array,
      mode: mode as Uint16Array,
      uid: uid as Uint32Array,
      gid: gid as Uint32Array,
      link: links,
    };
  });
  const model: CompactModel = { v: 2, paths, parent, layers };
  if (header.packageCount !== undefined) {
    const at = 2 + 8 * header.layerCount;
    model.owner = columns[at] as Uint32Array;
    model.packages = readTable(columns.slice(at + 1), strings);
  }
  return model;
}

/** The model as the browser sees it (tests; the server sends packModel's bytes). */
export function encodeModel(analysis: Analysis): CompactModel {
  return unpackModel(packModel(analysis));
}

function layerColumns(
  layers: LayerIndex[],
  changes: LayerChanges,
  intern: (s: string) => number,
): ArrayBufferView[] {
  const n = changes.node.length;
  const node = new Int32Array(n);
  const type = new Uint8Array(n);
  const size = new Float64Array(n);
  const mode = new Uint16Array(n);
  const uid = new Uint32Array(n);
  const gid = new Uint32Array(n);
  const link = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; i++) {
    node[i] = (changes.node[i] as number) - 1;
    const l = changes.infoLayer[i] as number;
    if (l < 0) {
      type[i] = DIR; // an implied directory
      mode[i] = IMPLIED_DIR.mode;
      continue;
    }
    const index = layers[l] as LayerIndex;
    const e = changes.infoEntry[i] as number;
    type[i] = index.type[e] as number;
    size[i] = index.size[e] as number;
    mode[i] = index.mode[e] as number;
    uid[i] = index.uid[e] as number;
    gid[i] = index.gid[e] as number;
    const s = index.link[e] as number;
    if (s >= 0) link[i] = intern(index.strings[s] as string);
  }
  return [node, changes.status, type, size, mode, uid, gid, link];
}

function tableColumns(holdings: readonly PackageHolding[], intern: (s: string) => number): ArrayBufferView[] {
  const n = holdings.length;
  const manager = new Uint8Array(n);
  const name = new Int32Array(n);
  const version = new Int32Array(n);
  const arch = new Int32Array(n);
  const layer = new Int32Array(n);
  const gone = new Int32Array(n);
  holdings.forEach(({ pkg, goneAt }, i) => {
    manager[i] = MANAGERS.indexOf(pkg.manager);
    name[i] = intern(pkg.name);
    version[i] = intern(pkg.version);
    arch[i] = pkg.arch === undefined ? -1 : intern(pkg.arch);
    layer[i] = pkg.layer;
    gone[i] = goneAt ?? -1;
  });
  return [manager, name, version, arch, layer, gone];
}

function readTable(columns: ArrayBufferView[], strings: string[]): ModelPackage[] {
  const [manager, name, version, arch, layer, gone] = columns as [
    Uint8Array,
    Int32Array,
    Int32Array,
    Int32Array,
    Int32Array,
    Int32Array,
  ];
  return Array.from(manager, (m, i): ModelPackage => {
    const p: ModelPackage = {
      manager: MANAGERS[m] as PackageManager,
      name: strings[name[i] as number] as string,
      version: strings[version[i] as number] as string,
      layer: layer[i] as number,
    };
    const a = arch[i] as number;
    if (a >= 0) p.arch = strings[a] as string;
    const g = gone[i] as number;
    if (g >= 0) p.goneAt = g;
    return p;
  });
}
