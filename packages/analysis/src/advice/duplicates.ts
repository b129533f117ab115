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
  const original = new Map<string, string>();
  for (const group of groups) {
    const peers = new Set(group.map((o) => o.path));
    for (const o of group.slice(1)) {
      if (o.layer < ctx.report.image.baseImage.layerCount || ctx.claims.isClaimed(o)) continue;
      extras.push(o);
      original.set(`${o.layer}:${o.path}`, (group[0] as Occurrence).path);
      if (linkInstead(ctx, draft, o, peers)) rewritten.push(o);
    }
  }
  if (extras.length === 0) return [];
  const claimed = ctx.claims.claim(rewritten);
  const list = topFiles(extras);
  list.files = list.files.map((f) => ({ ...f, copyOf: original.get(`${f.layer}:${f.path}`) as string }));
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

/** Final-image files grouped by content, the earliest copy first. */
function duplicateGroups(ctx: AdviceContext): Occurrence[][] {
  const byContent = new Map<string, Occurrence[]>();
  for (const o of ctx.occurrences.flat()) {
    if (o.end || o.info.type !== 'file' || o.size === 0 || !o.info.contentHash) continue;
    const key = `${o.info.contentHash}:${o.size}`;
    byContent.set(key, [...(byContent.get(key) ?? []), o]);
  }
  return [...byContent.values()]
    .filter((g) => g.length > 1)
    .map((g) => g.sort((a, b) => a.layer - b.layer || a.path.localeCompare(b.path)));
}

const CP = /\bcp\s+((?:-\S+\s+)*)(\S+)\s+(\S+)/g;

/** `cp SRC DST` where DST is this copy and SRC holds the same content -> `ln -s SRC DST`. */
function linkInstead(ctx: AdviceContext, draft: DockerfileDraft, o: Occurrence, peers: Set<string>): boolean {
  const step = ctx.steps[o.layer];
  if (!isEditableRun(ctx, step)) return false;
  let done = false;
  draft.editRun(step.historyIndex, (command) =>
    command.replace(CP, (whole, _flags: string, src: string, dst: string) => {
      if (dst !== o.path || !peers.has(src)) return whole;
      done = true;
      return `ln -s ${src} ${dst}`;
    }),
  );
  return done;
}
