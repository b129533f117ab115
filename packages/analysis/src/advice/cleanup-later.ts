/**
 * Cleanup in a later layer: files one layer writes and a later one deletes or overwrites stay in
 * the earlier layer (layers only ever add). Merging the steps into one RUN chain means the files
 * never reach a layer; when a COPY/ADD is in between, a build stage does the same.
 */
import {
  isEditableRun,
  layerName,
  makeFinding,
  newDraft,
  sumBytes,
  topFiles,
  type AdviceContext,
} from './context.js';
import type { Occurrence } from './occurrences.js';
import type { Finding } from './types.js';

interface Span {
  from: number;
  to: number;
  occurrences: Occurrence[];
}

export function cleanupLater(ctx: AdviceContext): Finding[] {
  const candidates = ctx.steps
    .filter((s) => !s.base)
    .flatMap((s) => ctx.claims.unclaimed(ctx.occurrences[s.index] ?? []))
    .filter((o) => o.end !== undefined && o.size > 0);
  return mergeSpans(candidates).map((span) => spanFinding(ctx, span));
}

/** Writer..killer intervals, overlapping ones merged (one RUN chain covers them all). */
function mergeSpans(occurrences: Occurrence[]): Span[] {
  const spans = occurrences
    .map((o) => ({ from: o.layer, to: o.end?.layer ?? o.layer, occurrences: [o] }))
    .sort((a, b) => a.from - b.from || a.to - b.to);
  const out: Span[] = [];
  for (const span of spans) {
    const last = out[out.length - 1];
    if (last && span.from <= last.to) {
      last.to = Math.max(last.to, span.to);
      last.occurrences.push(...span.occurrences);
    } else out.push({ ...span, occurrences: [...span.occurrences] });
  }
  return out;
}

function spanFinding(ctx: AdviceContext, span: Span): Finding {
  const claimed = ctx.claims.claim(span.occurrences);
  const steps = ctx.steps.slice(span.from, span.to + 1);
  const mergeable = steps.every((s) => isEditableRun(ctx, s));
  const draft = newDraft(ctx);
  const histories = steps.map((s) => s.historyIndex).filter((h): h is number => h !== null);
  if (mergeable) draft.mergeRuns(histories);
  else if (histories[0] !== undefined) draft.insertBefore(histories[0], buildStageNote(ctx, span));
  const removed = claimed.some((o) => o.end?.how === 'removed');
  return makeFinding(ctx, {
    rule: 'cleanup-later',
    title: `Files ${removed ? 'deleted' : 'overwritten'} in a later layer are still stored (layers ${span.from}–${span.to})`,
    explanation:
      `${layerName(ctx, span.from)} writes files that ${layerName(ctx, span.to)} or a step between ` +
      `${removed ? 'deletes' : 'overwrites'}; the earlier layer keeps them, so the image ships them anyway. ` +
      (mergeable
        ? 'Run the steps as one RUN chain so the files never reach a layer.'
        : 'A COPY/ADD sits between the steps, so they cannot simply be chained: do that work in a build ' +
          'stage and COPY --from only what is kept, or bind-mount the input (RUN --mount=type=bind).'),
    layers: [...claimed.map((o) => o.layer), ...claimed.map((o) => o.end?.layer ?? o.layer)],
    files: topFiles(claimed),
    recoverableBytes: sumBytes(claimed),
    fix: { after: draft.render() },
  });
}

function buildStageNote(ctx: AdviceContext, span: Span): string[] {
  return [
    `# Layers ${span.from}-${span.to}: ${span.occurrences.length} file(s) written here are deleted or overwritten later.`,
    '# Do this work in a build stage (FROM ... AS prepare) and COPY --from=prepare only the result,',
    '# or use RUN --mount=type=bind,source=...,target=... instead of COPY/ADD for inputs that are deleted.',
  ];
}
