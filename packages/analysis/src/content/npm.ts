/**
 * npm packages: `node_modules/<name>/package.json` or `node_modules/@scope/<name>/package.json`
 * (not the package.json files deeper inside a package, which are often just `{"type":"module"}`).
 * The package owns its directory, minus nested node_modules.
 */
import type { PackagesFinding } from './types.js';

const MANIFEST = /\/node_modules\/((?:@[^/]+\/)?[^/@][^/]*)\/package\.json$/;

export function isNpmManifest(path: string): boolean {
  return path.endsWith('/package.json') && MANIFEST.test(path);
}

export function parseNpmManifest(path: string, text: string): PackagesFinding {
  const found: PackagesFinding = { kind: 'packages', manager: 'npm', path, packages: [] };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return found;
  }
  if (typeof json !== 'object' || json === null) return found;
  const { name, version } = json as { name?: unknown; version?: unknown };
  if (typeof name !== 'string' || typeof version !== 'string') return found;
  found.packages.push({ name, version, root: path.slice(0, -'/package.json'.length) });
  return found;
}
