/**
 * Once a fix stops writing some files, a later RUN that only deleted them has nothing left to
 * do: the fixed Dockerfile drops it rather than keep a step that now removes nothing.
 */
import { isEditableRun, type AdviceContext } from './context.js';
import type { DockerfileDraft } from './draft.js';
import type { Occurrence } from './occurrences.js';

export function dropRedundantCleanups(
  ctx: AdviceContext,
  draft: DockerfileDraft,
  gone: Set<Occurrence>,
): void {
  for (const step of ctx.steps) {
    if (!isEditableRun(ctx, step)) continue;
    if ((ctx.occurrences[step.index] ?? []).length > 0) continue;
    const removed = (ctx.endsAt[step.index] ?? []).filter((o) => o.end?.how === 'removed' && o.size > 0);
    if (removed.length > 0 && removed.every((o) => gone.has(o))) draft.drop(step.historyIndex);
  }
}

const RM = /^rm\s+(?:-[a-zA-Z]+\s+)+(.+)$/;

/**
 * A later RUN that is only `rm -rf` of paths an earlier fixed RUN now removes itself (`targets`,
 * e.g. `/var/lib/apt/lists/*`) removes nothing any more, also when it used to remove files an
 * older non-RUN step wrote there: the earlier RUN's cleanup deletes those too. Such a RUN goes.
 */
export function dropCoveredCleanups(
  ctx: AdviceContext,
  draft: DockerfileDraft,
  targets: ReadonlySet<string>,
  after: number,
): void {
  for (const step of ctx.steps) {
    if (step.index <= after || !isEditableRun(ctx, step)) continue;
    if ((ctx.occurrences[step.index] ?? []).length > 0) continue;
    const parts = step.command.split(/\s*&&\s*/);
    const covered = parts.every((part) => {
      const m = RM.exec(part.trim());
      return m !== null && (m[1] as string).split(/\s+/).every((arg) => targets.has(arg));
    });
    if (covered) draft.drop(step.historyIndex);
  }
}
