/**
 * What the package databases add to a finding's explanation (issue 11): which packages own the
 * build-only files and how many bytes each keeps in the final image; how many packages of each
 * manager the layers install. Empty when the layer contents were not read.
 */
import { ownerOf } from '../content/image-packages.js';
import { humanBytes } from '../units.js';
import type { AdviceContext } from './context.js';
import type { Occurrence } from './occurrences.js';

const SHOWN = 8;

/** ` Build-only packages: gcc-12 (dpkg, 38 MB), …` for the packages owning these files. */
export function owningPackagesNote(ctx: AdviceContext, files: readonly Occurrence[], lead: string): string {
  const packages = ctx.packages;
  if (!packages) return '';
  const bytes = new Map<string, number>();
  for (const o of files) {
    const owner = ownerOf(packages, o.path);
    if (owner) bytes.set(owner, (bytes.get(owner) ?? 0) + o.size);
  }
  if (bytes.size === 0) return '';
  const names = new Map(packages.packages.map((p) => [keyOf(p.manager, p.name), p]));
  const listed = [...bytes.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, SHOWN)
    .map(([key, n]) => {
      const [manager, ...rest] = key.split(':');
      const name = names.get(key)?.name ?? rest.join(':').replace(/^.*\/node_modules\//, '');
      return `${name} (${manager}, ${humanBytes(n)})`;
    });
  const more = bytes.size > SHOWN ? ` and ${bytes.size - SHOWN} more` : '';
  return ` ${lead}: ${listed.join(', ')}${more}.`;
}

/** ` These layers install 12 dpkg, 3 python packages.` */
export function installedCountsNote(ctx: AdviceContext, layers: readonly number[]): string {
  const packages = ctx.packages;
  if (!packages) return '';
  const counts = new Map<string, number>();
  for (const layer of new Set(layers))
    for (const p of packages.layers[layer]?.added ?? [])
      counts.set(p.manager, (counts.get(p.manager) ?? 0) + 1);
  if (counts.size === 0) return '';
  const parts = [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([m, n]) => `${n} ${m}`);
  return ` ${layers.length > 1 ? 'These layers install' : 'This layer installs'} ${parts.join(', ')} package(s).`;
}

function keyOf(manager: string, name: string): string {
  return `${manager}:${name}`;
}
