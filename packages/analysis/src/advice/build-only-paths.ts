/**
 * Material that building needs and running does not: compilers and their support files,
 * headers, static libraries, object files, language toolchains, build tool distributions.
 */
import type { PathTable } from '../path-table.js';

/**
 * A toolchain is told by its directory (`dir`, tested on the directory's path with a trailing
 * slash: every file below it belongs), or by the whole path (`path`), which can only match in
 * directories `within` accepts. Directories are judged once each, so a million files cost a
 * lookup each, not a path string and eight patterns.
 */
type Toolchain = { label: string } & ({ dir: RegExp } | { path: RegExp; within: RegExp });

const TOOLCHAIN: Toolchain[] = [
  { label: 'GCC', dir: /^\/usr\/(lib|libexec)\/gcc(-cross)?\// },
  {
    label: 'compilers and binutils',
    path: /^\/usr\/(local\/)?bin\/([\w-]+-linux-gnu-)?(gcc|g\+\+|c\+\+|cpp|cc|ld(\.[\w]+)?|as|clang[\w.+-]*|rustc|cargo|javac|make)(-\d+)?$/,
    within: /^\/usr\/(local\/)?bin\/$/,
  },
  { label: 'C headers', dir: /^\/usr\/(local\/)?include\// },
  {
    label: 'static libraries',
    path: /^\/(usr\/)?(local\/)?lib(32|64|x32)?\/.*\.a$/,
    within: /^\/(usr\/)?(local\/)?lib(32|64|x32)?\//,
  },
  { label: 'Go toolchain', dir: /^\/usr\/(local\/go|lib\/go(-[\d.]+)?)\// },
  { label: 'Rust toolchain', dir: /^(\/usr\/local\/(cargo|rustup)|\/root\/\.(cargo|rustup))\// },
  { label: 'JDK', dir: /^\/(usr\/lib\/jvm\/[^/]*jdk[^/]*|opt\/java\/openjdk)\// },
  { label: 'Maven/Gradle', dir: /^\/(usr\/share\/maven|opt\/(maven|gradle))\// },
];

/** Sources and intermediate files next to what they built (a build writes these, so they do not mark a toolchain). */
const SOURCE_OR_OBJECT = /\.(c|cc|cpp|cxx|h|hh|hpp|go|rs|java|kt|scala|o|obj)$/;

/** The toolchains that can claim files of a directory (its path with a trailing slash), in order. */
function candidatesIn(dirWithSlash: string): Toolchain[] {
  return TOOLCHAIN.filter((t) => ('dir' in t ? t.dir : t.within).test(dirWithSlash));
}

function labelAmong(candidates: Toolchain[], path: () => string): string | undefined {
  return candidates.find((t) => 'dir' in t || t.path.test(path()))?.label;
}

export function toolchainLabel(path: string): string | undefined {
  return labelAmong(candidatesIn(path.slice(0, path.lastIndexOf('/') + 1)), () => path);
}

const CANDIDATES = new WeakMap<PathTable, Map<number, Toolchain[]>>();

/** `toolchainLabel` of a path by its id: the directory's candidates are found once per table. */
export function toolchainLabelOf(paths: PathTable, id: number): string | undefined {
  let byDir = CANDIDATES.get(paths);
  if (!byDir) CANDIDATES.set(paths, (byDir = new Map()));
  const dir = paths.parent.data[id] as number;
  let candidates = byDir.get(dir);
  if (!candidates) byDir.set(dir, (candidates = candidatesIn(paths.path(dir).replace(/\/?$/, '/'))));
  return candidates.length === 0 ? undefined : labelAmong(candidates, () => paths.path(id));
}

export function isBuildOnly(path: string): boolean {
  return toolchainLabel(path) !== undefined || SOURCE_OR_OBJECT.test(path);
}
