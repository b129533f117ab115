/** `name:tag` split at the last colon after the last slash (a registry port is not a tag). */
export function splitTag(ref: string): { name: string; tag: string } {
  const colon = ref.lastIndexOf(':');
  if (colon > ref.lastIndexOf('/')) return { name: ref.slice(0, colon), tag: ref.slice(colon + 1) };
  return { name: ref, tag: 'latest' };
}

/**
 * The fully qualified name containers/image writes in docker-archive RepoTags and repositories
 * (`foo:1` -> `docker.io/library/foo:1`), following docker/distribution's reference rules.
 */
export function qualifiedName(name: string): string {
  const first = name.split('/')[0] ?? '';
  const hasDomain =
    name.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost');
  if (hasDomain) return name;
  return name.includes('/') ? `docker.io/${name}` : `docker.io/library/${name}`;
}
