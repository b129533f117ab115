/**
 * Consecutive RUN instructions (hadolint DL3059, https://github.com/hadolint/hadolint/wiki/DL3059):
 * each makes a layer, and whatever one writes and the next removes stays stored. Merging them
 * costs cache reuse: a change to any merged step reruns all of it, which matters when a
 * dependency install is merged with steps that change more often.
 */
import {
  isEditableRun,
  makeFinding,
  newDraft,
  sumBytes,
  topFiles,
  type AdviceContext,
  type LayerStep,
} from './context.js';
import { runsProgram } from './shell.js';
import type { Finding } from './types.js';

export function runChains(ctx: AdviceContext): Finding[] {
  return runChainGroups(ctx).map((chain) => chainFinding(ctx, chain));
}

/** Maximal groups of RUN layers whose instructions are adjacent in the history. */
export function runChainGroups(ctx: AdviceContext): LayerStep[][] {
  const out: LayerStep[][] = [];
  let current: LayerStep[] = [];
  for (const step of ctx.steps) {
    const last = current[current.length - 1];
    const adjacent = last && last.historyIndex !== null && step.historyIndex === last.historyIndex + 1;
    if (isEditableRun(ctx, step) && adjacent) current.push(step);
    else {
      if (current.length > 1) out.push(current);
      current = isEditableRun(ctx, step) ? [step] : [];
    }
  }
  if (current.length > 1) out.push(current);
  return out;
}

function chainFinding(ctx: AdviceContext, chain: LayerStep[]): Finding {
  const first = (chain[0] as LayerStep).index;
  const last = (chain[chain.length - 1] as LayerStep).index;
  const inside = chain.flatMap((s) => ctx.occurrences[s.index] ?? []);
  const claimed = ctx.claims.claim(inside.filter((o) => o.end && o.end.layer <= last && o.size > 0));
  const draft = newDraft(ctx);
  draft.mergeRuns(chain.map((s) => s.historyIndex as number));
  const bytes = sumBytes(claimed);
  return makeFinding(ctx, {
    rule: 'run-chain',
    title: `${chain.length} consecutive RUN instructions (layers ${first}–${last}) could be one`,
    explanation:
      `Each RUN makes a layer (hadolint DL3059). Merged, the image has ${chain.length - 1} layer(s) fewer` +
      (bytes > 0
        ? ' and no longer stores what one step writes and a later one removes.'
        : '; no bytes are saved beyond what other findings count.') +
      cacheCaveat(chain),
    layers: chain.map((s) => s.index),
    files: topFiles(claimed),
    recoverableBytes: bytes,
    fix: { after: draft.render() },
  });
}

/** Package installs that are worth their own cached layer. */
const DEPENDENCY_INSTALL =
  /^(apt(-get)?\s+(-\S+\s+)*install|apk\s+add|(pip3?|python3? -m pip)\s+install|npm\s+(ci|install)|yarn(\s+install)?$|yarn\s+install|pnpm\s+(install|fetch)|go\s+mod\s+download|bundle\s+install|mvn\b.*dependency:|composer\s+install)/;

function cacheCaveat(chain: LayerStep[]): string {
  const install = chain.findIndex((s) => runsProgram(s.command, DEPENDENCY_INSTALL));
  if (install < 0 || install === chain.length - 1) return '';
  return (
    ` Caveat: layer ${(chain[install] as LayerStep).index} installs dependencies; merged with the steps after it, ` +
    'any change to those steps reruns the install. Keep the install in its own RUN if they change more often.'
  );
}
