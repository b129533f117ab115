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
