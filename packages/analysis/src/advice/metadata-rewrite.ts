/**
 * Metadata-only rewrites: `RUN chmod/chown` over files an earlier layer wrote copies every such
 * file whole into a new layer just to change its mode or owner. `COPY --chmod/--chown` sets them
 * when copying; for files a RUN made, the chmod belongs in that RUN.
 */
import {
  isEditableRun,
  layerName,
  makeFinding,
  newDraft,
  sumBytes,
  topFiles,
  type AdviceContext,
  type LayerStep,
} from './context.js';
import type { DockerfileDraft } from './draft.js';
import type { Occurrence } from './occurrences.js';
import type { Finding } from './types.js';

interface Rewrite {
  layer: LayerStep & { historyIndex: number };
  /** The earlier copies this layer re-adds, by the layer that wrote them. */
  byWriter: Map<number, Occurrence[]>;
}

export function metadataRewrites(ctx: AdviceContext): Finding[] {
  const rewrites = ctx.steps.flatMap((step) => {
    const r = rewriteOf(ctx, step);
    return r ? [r] : [];
  });
  if (rewrites.length === 0) return [];
  const draft = newDraft(ctx);
  const claimed: Occurrence[] = [];
  for (const r of rewrites) {
    applyFix(ctx, draft, r);
    claimed.push(...ctx.claims.claim([...r.byWriter.values()].flat()));
  }
  const layers = rewrites.flatMap((r) => [r.layer.index, ...r.byWriter.keys()]);
  return [
    makeFinding(ctx, {
      rule: 'metadata-rewrite',
      title: `${rewrites.length} layer${rewrites.length > 1 ? 's' : ''} only change${rewrites.length > 1 ? '' : 's'} file modes or owners`,
      explanation:
        `${rewrites.map((r) => layerName(ctx, r.layer.index)).join('; ')} store${rewrites.length > 1 ? '' : 's'} ` +
        `unchanged content again only to change its mode or owner; the earlier copy stays in its layer. ` +
        `Set them where the files are written: COPY --chmod/--chown, or the chmod/chown in the RUN that ` +
        `made them (a later step that copies those files then sees the new mode).`,
      layers,
      files: topFiles(claimed),
      recoverableBytes: sumBytes(claimed),
      fix: { after: draft.render() },
    }),
  ];
}

/** A RUN layer whose every non-empty file is an earlier file with the same content. */
function rewriteOf(ctx: AdviceContext, step: LayerStep): Rewrite | undefined {
  if (!isEditableRun(ctx, step)) return undefined;
  const written = (ctx.occurrences[step.index] ?? []).filter((o) => o.size > 0);
  const readded = (ctx.endsAt[step.index] ?? []).filter(
    (o) => o.size > 0 && o.end?.how === 'overwritten' && o.end.sameContent && !ctx.claims.isClaimed(o),
  );
  if (readded.length === 0 || readded.length !== written.length) return undefined;
  const byWriter = new Map<number, Occurrence[]>();
  for (const o of readded) byWriter.set(o.layer, [...(byWriter.get(o.layer) ?? []), o]);
  return fixable(ctx, byWriter) ? { layer: step, byWriter } : undefined;
}

/**
 * All writers COPY/ADD (flags on each), or one RUN (the chmod moves into it). With several RUN
 * writers, moving the chmod into the last one would still copy the others' files up.
 */
function fixable(ctx: AdviceContext, byWriter: Map<number, Occurrence[]>): boolean {
  const writers = [...byWriter.keys()].map((l) => ctx.steps[l]);
  if (writers.some((w) => !w || w.base || w.historyIndex === null)) return false;
  if (writers.every((w) => w?.kind === 'COPY' || w?.kind === 'ADD')) return true;
  return writers.length === 1 && isEditableRun(ctx, writers[0]);
}

function applyFix(ctx: AdviceContext, draft: DockerfileDraft, r: Rewrite): void {
  for (const [layer, occurrences] of r.byWriter) {
    const writer = ctx.steps[layer] as LayerStep & { historyIndex: number };
    if (writer.kind === 'RUN') draft.appendToRun(writer.historyIndex, r.layer.command);
    else
      draft.replace(
        writer.historyIndex,
        withCopyFlags(draft.lineText(writer.historyIndex) ?? writer.text, occurrences),
      );
  }
  draft.drop(r.layer.historyIndex);
}

/** `COPY src dst` -> `COPY --chmod=644 --chown=1000:1000 src dst` with the attributes the files ended with. */
export function withCopyFlags(text: string, occurrences: Occurrence[]): string {
  const flags: string[] = [];
  const mode = mostCommon(occurrences.map((o) => (o.end?.info?.mode ?? o.info.mode).toString(8)));
  const owner = mostCommon(
    occurrences.map((o) => `${o.end?.info?.uid ?? o.info.uid}:${o.end?.info?.gid ?? o.info.gid}`),
  );
  const first = occurrences[0];
  if (first && mode !== first.info.mode.toString(8)) flags.push(`--chmod=${mode}`);
  if (first && owner !== `${first.info.uid}:${first.info.gid}`) flags.push(`--chown=${owner}`);
  const [keyword, ...rest] = text.split(' ');
  const kept = rest.filter(
    (w) => !/^--(chmod|chown)=/.test(w) || !flags.some((f) => f.startsWith(w.split('=')[0] as string)),
  );
  return [keyword, ...flags, ...kept].join(' ');
}

function mostCommon(values: string[]): string {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '';
}
