/**
 * A legal but deep image for the tests: layer 1 holds a directory chain `d/d/…/d` `depth` levels
 * deep (a path of 2 × depth bytes, far under the path limit) with a file at the bottom; layer 2
 * deletes the top directory with a whiteout. Every walk over that tree must be iterative.
 */
import type { EntrySpec } from '../types';
import { writeImageArchive } from '../write-image-archive';

export async function writeDeepArchive(out: string, depth: number): Promise<void> {
  const dirs: EntrySpec[] = [];
  let path = '';
  for (let i = 0; i < depth; i++) {
    path = path ? `${path}/d` : 'd';
    dirs.push({ path, type: 'dir' });
  }
  await writeImageArchive(
    {
      layers: [
        { entries: [...dirs, { path: `${path}/bottom.txt`, content: 'deep\n' }] },
        { entries: [{ path: 'd', type: 'whiteout' }] },
      ],
    },
    out,
    'docker-legacy',
  );
}
