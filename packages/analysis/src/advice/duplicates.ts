/**
 * Duplicate content: the final image holds the same bytes (same content hash) at several paths.
 * A `cp` that made the copy can make a symlink instead; copies made otherwise are listed, but
 * only rewritten copies count as recoverable (that is what the fix really saves).
 */
import { isEditableRun, makeFinding, newDraft, sumBytes, topFiles, type AdviceContext } from './context.js';
import type { DockerfileDraft } from './draft.js';
import type { Occurrence } from './occurrences.js';
import type { Finding } from './types.js';

export function duplicateContent(ctx: AdviceContext): Finding[] {
  const groups = duplicateGroups(ctx);
  if (groups.length === 0) return [];
  const draft = newDraft(ctx);
  const rewritten: Occurrence[] = [];
  const extras: Occurrence[] = [];
  const original = new Map<Occurrence, Occurrence>();
  for (const group of groups) {
    let peers: Set<string> | undefined;
    const peersOf = (): Set<string> => (peers ??= new Set(group.map((o) => o.path)));
    for (const o of group.slice(1)) {
      if (o.layer < ctx.report.image.baseImage.layerCount || ctx.claims.isClaimed(o)) continue;
      extras.push(o);
      original.set(o, group[0] as Occurrence);
      if (linkInstead(ctx, draft, o, peersOf)) rewritten.push(o);
    }
  }
  if (extras.length === 0) return [];
  const claimed = ctx.claims.claim(rewritten);
  const list = topFiles(extras, undefined, (o) => ({ copyOf: (original.get(o) as Occurrence).path }));
  const first = list.files[0];
  return [
    makeFinding(ctx, {
      rule: 'duplicate-content',
      title: `${extras.length} file${extras.length > 1 ? 's' : ''} duplicate content stored at another path`,
      explanation:
        'The same content is stored more than once in the final image. A symlink (ln -s) in place of ' +
        '`cp` keeps one copy; copies made by COPY/ADD or by other commands are listed but not counted as ' +
        `recoverable.${first ? ` For example ${first.path} is a copy of ${first.copyOf}.` : ''}` +
        `${rewritten.length < extras.length ? ` ${extras.length - rewritten.length} of them could not be rewritten automatically.` : ''}`,
      layers: [...extras.map((o) => o.layer), ...groups.map((g) => (g[0] as Occurrence).layer)],
      files: list,
      recoverableBytes: sumBytes(claimed),
      fix: { after: draft.render() },
    }),
  ];
}

/** Final-image files grouped by content, the earliest copy first; groups in the order they appear. */
function duplicateGroups(ctx: AdviceContext): Occurrence[][] {
  const candidates: Occurrence[] = [];
  for (const written of ctx.occurrences)
    for (const o of written) if (!o.end && o.isFile && o.size > 0) candidates.push(o);
  const groups: Array<{ first: number; members: Occurrence[] }> = [];
  for (const run of sameBucketRuns(candidates)) {
    for (const g of exactGroups(run, candidates)) {
      // Runs hold indexes in ascending order (the sort key ends with the index): g[0] came first.
      groups.push({
        first: g[0] as number,
        members: earliestFirst(g.map((i) => candidates[i] as Occurrence)),
      });
    }
  }
  return groups.sort((a, b) => a.first - b.first).map((g) => g.members);
}

/** Split a run of equal hash bits by exact content; a run of true copies (the common case) is one group. */
function exactGroups(run: number[], candidates: Occurrence[]): number[][] {
  const first = candidates[run[0] as number] as Occurrence;
  if (run.every((i) => (candidates[i] as Occurrence).sameContentAs(first))) return [run];
  const byContent = new Map<string, number[]>();
  for (const i of run) {
    const key = (candidates[i] as Occurrence).contentKey;
    const group = byContent.get(key);
    if (group) group.push(i);
    else byContent.set(key, [i]);
  }
  return [...byContent.values()].filter((g) => g.length > 1);
}

const INDEX_BITS = 2 ** 24;

/**
 * Indexes of candidates whose hash shares 28 bits, in runs of two or more: one native sort of
 * numbers (bucket and index packed in a double) instead of a million-entry Map.
 */
function sameBucketRuns(candidates: Occurrence[]): number[][] {
  if (candidates.length >= INDEX_BITS) throw new Error('too many files to group by content');
  const keys = new Float64Array(candidates.length);
  candidates.forEach((o, i) => (keys[i] = (o.contentBucket >>> 2) * INDEX_BITS + i));
  keys.sort();
  const runs: number[][] = [];
  let start = 0;
  for (let k = 1; k <= keys.length; k++) {
    const bucket = Math.floor((keys[start] as number) / INDEX_BITS);
    if (k < keys.length && Math.floor((keys[k] as number) / INDEX_BITS) === bucket) continue;
    if (k - start > 1) runs.push(Array.from(keys.subarray(start, k), (key) => key % INDEX_BITS));
    start = k;
  }
  return runs;
}

/** By layer, then in the order the layers name the paths (ids: a group can hold thousands of copies). */
function earliestFirst(group: Occurrence[]): Occurrence[] {
  return group.sort((a, b) => a.layer - b.layer || a.node - b.node);
}

const CP = /\bcp\s+((?:-\S+\s+)*)(\S+)\s+(\S+)/g;

/** `cp SRC DST` where DST is this copy and SRC holds the same content -> `ln -s SRC DST`. */
function linkInstead(
  ctx: AdviceContext,
  draft: DockerfileDraft,
  o: Occurrence,
  peers: () => Set<string>,
): boolean {
  const step = ctx.steps[o.layer];
  if (!isEditableRun(ctx, step)) return false;
  let done = false;
  draft.editRun(step.historyIndex, (command) =>
    command.replace(CP, (whole, _flags: string, src: string, dst: string) => {
      if (dst !== o.path || !peers().has(src)) return whole;
      done = true;
      return `ln -s ${src} ${dst}`;
    }),
  );
  return done;
}
