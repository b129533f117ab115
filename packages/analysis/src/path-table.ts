/**
 * Every path any layer of an image names, interned once as integer ids (a trie: parent id plus
 * name), parents before children. The stacked file system, change sets, dive's figures, advice
 * and the browser model all speak of paths by these ids; a path string is made only when shown.
 */
import { Column } from './layer-index/columns.js';

export const ROOT = 0;

export class PathTable {
  readonly parent = new Column(Int32Array);
  readonly names: string[] = [];
  /** Per id: children by name (only ids that have children). */
  private readonly kids: Array<Map<string, number> | undefined> = [];
  /** Absolute paths of directories already asked for (a file's path is its parent's + name). */
  private readonly dirPaths = new Map<number, string>([[ROOT, '']]);

  constructor() {
    this.parent.push(-1);
    this.names.push('');
    this.kids.push(undefined);
  }

  get size(): number {
    return this.names.length;
  }

  lookup(parent: number, name: string): number {
    return this.kids[parent]?.get(name) ?? -1;
  }

  intern(parent: number, name: string): number {
    let map = this.kids[parent];
    if (!map) this.kids[parent] = map = new Map();
    const known = map.get(name);
    if (known !== undefined) return known;
    const id = this.parent.push(parent);
    this.names.push(name);
    this.kids.push(undefined);
    map.set(name, id);
    return id;
  }

  /** The id of an absolute or relative path, -1 when no layer names it. */
  find(path: string): number {
    let id = ROOT;
    for (const part of path.split('/')) {
      if (part === '' || part === '.') continue;
      id = this.lookup(id, part);
      if (id < 0) return -1;
    }
    return id;
  }

  children(id: number): Iterable<number> {
    return this.kids[id]?.values() ?? [];
  }

  /** Absolute path (`/etc/passwd`); `/` for the root. */
  path(id: number): string {
    if (id === ROOT) return '/';
    const parent = this.parent.data[id] as number;
    return `${this.dirPath(parent)}/${this.names[id] as string}`;
  }

  private dirPath(id: number): string {
    const known = this.dirPaths.get(id);
    if (known !== undefined) return known;
    const chain: number[] = [];
    let at = id;
    while (!this.dirPaths.has(at)) {
      chain.push(at);
      at = this.parent.data[at] as number;
    }
    let path = this.dirPaths.get(at) as string;
    for (let i = chain.length - 1; i >= 0; i--) {
      const n = chain[i] as number;
      path = `${path}/${this.names[n] as string}`;
      this.dirPaths.set(n, path);
    }
    return path;
  }
}
