/**
 * Each path's owning package, as a column over the stack's path ids (the browser model's owner
 * column): package table index + 1, 0 for none. Made from the package lists themselves (a
 * path string is looked up per listed file, never built per node), so it costs O(listed files +
 * nodes), not a string per node of a million-path image.
 *
 * Which package owns a path:
 * - A path the final image has follows the final image's package databases, as dpkg -S would
 *   answer inside the final container: a later layer's upgrade moves its files to the new
 *   version, and a file whose package record a layer dropped (a deleted database) has no owner.
 * - A path the final image no longer has (purged, or left behind by an upgrade) keeps the
 *   package version that last listed it: at the layer shown, that is the package that put the
 *   file there, which is what someone looking at an earlier layer asks ("which package wrote
 *   these 60 MB?"). The table marks such versions with the layer that removed them.
 * - A directory several packages list (dpkg: /usr/bin, /etc …; with merged /usr also the /bin
 *   and /lib symlinks) is shared: no single owner. A regular file two packages list (dpkg
 *   diversions) goes to the first, as `ownerOf` does.
 * - npm packages own their directory whole (the directory too), not the nested node_modules.
 */
import type { PackageHolding } from '../content/image-packages.js';
import { ROOT } from '../path-table.js';
import type { ImageStack } from '../stack.js';

/** Per path id (index 0 is the root): the owning holding's index + 1, 0 for none. */
export function ownerColumn(stack: ImageStack, holdings: readonly PackageHolding[]): Uint32Array {
  const n = stack.paths.size;
  const owner = new Uint32Array(n);
  const shared = new Uint8Array(n);
  const isFile = (g: number): boolean => stack.info(g)?.type === 'file';
  const roots = new Uint32Array(n);
  let hasRoots = false;
  holdings.forEach((h, i) => {
    if (h.goneAt !== undefined) return;
    for (const file of h.files) {
      const g = stack.paths.find(file);
      if (g <= ROOT || shared[g]) continue;
      if (owner[g] === 0) owner[g] = i + 1;
      else if (owner[g] !== i + 1 && !isFile(g)) {
        shared[g] = 1;
        owner[g] = 0;
      }
    }
    const r = h.root === undefined ? -1 : stack.paths.find(h.root);
    if (r > ROOT) [roots[r], hasRoots] = [i + 1, true];
  });
  if (hasRoots) inheritRoots(stack, owner, shared, roots);
  holdings.forEach((h, i) => {
    if (h.goneAt !== undefined) ownGone(stack, owner, shared, h, i + 1);
  });
  return owner;
}

/** Paths below an npm package's directory, down to (not into) its own node_modules; lists win. */
function inheritRoots(stack: ImageStack, owner: Uint32Array, shared: Uint8Array, roots: Uint32Array): void {
  const { paths } = stack;
  // What a path's children inherit; path ids come parents first, so one forward pass does it.
  const inherit = new Uint32Array(paths.size);
  for (let g = ROOT + 1; g < paths.size; g++) {
    const parent = paths.parent.data[g] as number;
    const from = parent === ROOT ? 0 : (inherit[parent] as number);
    const own = (roots[g] as number) || from;
    if (own && owner[g] === 0 && !shared[g]) owner[g] = own;
    inherit[g] = (roots[g] as number) || (paths.names[g] === 'node_modules' ? 0 : from);
  }
}

/** A removed or replaced version's paths that the final image no longer has. */
function ownGone(
  stack: ImageStack,
  owner: Uint32Array,
  shared: Uint8Array,
  h: PackageHolding,
  index: number,
): void {
  const take = (g: number): void => {
    if (g > ROOT && owner[g] === 0 && !shared[g] && !stack.isPresent(g)) owner[g] = index;
  };
  for (const file of h.files) take(stack.paths.find(file));
  if (h.root === undefined) return;
  const todo = [stack.paths.find(h.root)];
  while (todo.length > 0) {
    const g = todo.pop() as number;
    if (g <= ROOT) continue;
    take(g);
    for (const c of stack.paths.children(g)) if (stack.paths.names[c] !== 'node_modules') todo.push(c);
  }
}
