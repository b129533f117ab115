import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Where built images live. Outside the clone on purpose: a fresh clone, a second worktree and CI
 * on the same machine all reuse what was built before instead of paying for buildah again.
 */
export function cacheDir(): string {
  return process.env.STRATA_CACHE_DIR || join(homedir(), '.cache', 'strata');
}
