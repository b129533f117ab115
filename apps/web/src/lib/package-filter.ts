/**
 * "Files of package X" (issue 11): which package the tree is narrowed to, as a deep link keeps
 * it (`pkg=dpkg:bash` or `pkg=dpkg:bash:5.2-1`), and how it maps onto the model's package table.
 * Without a version it means every version of that name the table has (an npm package installed
 * at several places, a version a later layer replaced); the picker always names one version.
 */
import { MANAGERS, type ModelPackage, type PackageManager } from '@strata/analysis';

export interface PackageSpec {
  manager: PackageManager;
  name: string;
  version?: string;
}

/**
 * `manager:name[:version]`. Package names of these managers hold no `:` (dpkg's architecture is
 * not part of the name; npm names are URL-safe), versions may (a dpkg epoch, `1:2.3-4`).
 */
export function parsePackageParam(text: string): PackageSpec | undefined {
  const first = text.indexOf(':');
  const manager = text.slice(0, first) as PackageManager;
  if (first < 0 || !MANAGERS.includes(manager)) return undefined;
  const rest = text.slice(first + 1);
  const second = rest.indexOf(':');
  const name = second < 0 ? rest : rest.slice(0, second);
  if (name === '') return undefined;
  return second < 0 ? { manager, name } : { manager, name, version: rest.slice(second + 1) };
}

export function formatPackageParam(spec: PackageSpec): string {
  return `${spec.manager}:${spec.name}${spec.version === undefined ? '' : `:${spec.version}`}`;
}

/** The table entries a spec names, as owner column values (index + 1). */
export function packageIndices(table: readonly ModelPackage[], spec: PackageSpec): number[] {
  const out: number[] = [];
  table.forEach((p, i) => {
    if (
      p.manager === spec.manager &&
      p.name === spec.name &&
      (spec.version === undefined || p.version === spec.version)
    )
      out.push(i + 1);
  });
  return out;
}

export function specOf(p: ModelPackage): PackageSpec {
  return { manager: p.manager, name: p.name, version: p.version };
}

export function sameSpec(a: PackageSpec | undefined, b: PackageSpec | undefined): boolean {
  return a?.manager === b?.manager && a?.name === b?.name && a?.version === b?.version;
}

/** What a person reads for a package: `bash 5.2.15-2+b2`, and where it went when it is gone. */
export function packageTitle(p: ModelPackage): string {
  const arch = p.arch ? ` ${p.arch}` : '';
  const gone = p.goneAt === undefined ? '' : `, removed or replaced in layer ${p.goneAt}`;
  return `${p.name} ${p.version}${arch} (${p.manager}, from layer ${p.layer}${gone})`;
}

export function specLabel(spec: PackageSpec): string {
  return spec.version === undefined ? spec.name : `${spec.name} ${spec.version}`;
}

/**
 * The picker's list: entries whose name contains the text (case-insensitive), names that start
 * with it first, then by name; at most `limit`.
 */
export function searchPackages(
  table: readonly ModelPackage[],
  text: string,
  limit: number,
): Array<{ index: number; pkg: ModelPackage }> {
  const q = text.trim().toLowerCase();
  const found: Array<{ index: number; pkg: ModelPackage; rank: number }> = [];
  table.forEach((pkg, i) => {
    const at = pkg.name.toLowerCase().indexOf(q);
    if (at >= 0) found.push({ index: i + 1, pkg, rank: at === 0 ? 0 : 1 });
  });
  found.sort(
    (a, b) =>
      a.rank - b.rank ||
      (a.pkg.name < b.pkg.name ? -1 : a.pkg.name > b.pkg.name ? 1 : 0) ||
      (a.pkg.goneAt ?? -1) - (b.pkg.goneAt ?? -1),
  );
  return found.slice(0, limit).map(({ index, pkg }) => ({ index, pkg }));
}
