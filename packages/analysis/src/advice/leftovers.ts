/**
 * Package manager leftovers: caches a RUN writes and the image keeps (or deletes only in a later
 * layer, which stores them all the same). The flag or the cleanup belongs in the same RUN.
 */
import {
  isEditableRun,
  layerName,
  makeFinding,
  newDraft,
  sumBytes,
  topFiles,
  userSteps,
  type AdviceContext,
} from './context.js';
import type { DockerfileDraft } from './draft.js';
import { cleanupTarget, matchLeftover, type LeftoverMatch } from './leftover-paths.js';
import type { Occurrence } from './occurrences.js';
import { dropCoveredCleanups, dropRedundantCleanups } from './redundant.js';
import { installedCountsNote } from './package-notes.js';

import { runsProgram } from './shell.js';
import type { Finding } from './types.js';

interface WriterLeftovers {
  layer: number;
  history: number;
  matches: Map<string, LeftoverMatch>;
  occurrences: Occurrence[];
}

export function packageLeftovers(ctx: AdviceContext): Finding[] {
  const writers = collect(ctx);
  if (writers.length === 0) return [];
  const claimed = writers.flatMap((w) => w.occurrences);
  const draft = newDraft(ctx);
  const removals = new Map<number, Set<string>>();
  for (const w of writers) fixWriter(ctx, draft, w, removals);
  for (const [history, targets] of removals) draft.appendToRun(history, `rm -rf ${[...targets].join(' ')}`);
  dropRedundantCleanups(ctx, draft, new Set(claimed));
  const appended = new Set([...removals.values()].flatMap((t) => [...t].flatMap((x) => x.split(' '))));
  const lastFixed = Math.max(
    ...ctx.steps.filter((st) => removals.has(st.historyIndex ?? -1)).map((st) => st.index),
  );
  dropCoveredCleanups(ctx, draft, appended, lastFixed);
  const labels = [...new Set(writers.flatMap((w) => [...w.matches.values()].map((m) => m.kind.label)))];
  const rules = [
    ...new Set(writers.flatMap((w) => [...w.matches.values()].map((m) => m.kind.hadolint ?? ''))),
  ];
  const bytes = sumBytes(claimed);
  return [
    makeFinding(ctx, {
      rule: 'package-leftovers',
      title: `Package manager leftovers: ${labels.join(', ')}`,
      explanation:
        `${writers.map((w) => layerName(ctx, w.layer)).join('; ')} ${writers.length > 1 ? 'write' : 'writes'} ` +
        `caches that the running container never needs. A cleanup in a later RUN does not help: the ` +
        `earlier layer keeps the bytes. Use the tool's no-cache flag or clean up in the same RUN, or a ` +
        `BuildKit cache mount (RUN --mount=type=cache,target=...).` +
        (rules.some(Boolean) ? ` hadolint: ${rules.filter(Boolean).join(', ')}.` : '') +
        installedCountsNote(
          ctx,
          writers.map((w) => w.layer),
        ),
      layers: [...writers.map((w) => w.layer), ...claimed.map((o) => o.end?.layer ?? o.layer)],
      files: topFiles(claimed),
      recoverableBytes: bytes,
      fix: { after: draft.render() },
    }),
  ];
}

function collect(ctx: AdviceContext): WriterLeftovers[] {
  const out: WriterLeftovers[] = [];
  for (const step of userSteps(ctx)) {
    if (!isEditableRun(ctx, step)) continue;
    const matches = new Map<string, LeftoverMatch>();
    const found: Occurrence[] = [];
    for (const o of ctx.occurrences[step.index] ?? []) {
      const match = matchLeftover(o.path);
      if (!match || o.size === 0) continue;
      matches.set(`${match.kind.id}:${match.root}`, match);
      found.push(o);
    }
    const mine = ctx.claims.claim(found);
    if (mine.length > 0)
      out.push({ layer: step.index, history: step.historyIndex, matches, occurrences: mine });
  }
  return out;
}

/** Flags go in now; removals are collected per target line and appended once at the end. */
function fixWriter(
  ctx: AdviceContext,
  draft: DockerfileDraft,
  w: WriterLeftovers,
  removals: Map<number, Set<string>>,
): void {
  const target = aptUpdateTarget(ctx, w) ?? w.history;
  if (target !== w.history) {
    draft.mergeRuns([w.history, target], 'last');
    for (const r of removals.get(w.history) ?? []) addTo(removals, target, r);
    removals.delete(w.history);
  }
  const command = ctx.steps[w.layer]?.command ?? '';
  for (const match of w.matches.values()) {
    const flag = match.kind.flag;
    if (flag && runsProgram(command, flag.program)) draft.editRun(target, flag.rewrite);
    else addTo(removals, target, cleanupTarget(match));
  }
}

function addTo(map: Map<number, Set<string>>, key: number, value: string): void {
  const set = map.get(key) ?? new Set<string>();
  set.add(value);
  map.set(key, set);
}

/**
 * `RUN apt-get update` alone, installs in a later RUN: cleaning the lists right after the update
 * would break the install, so the update moves into the install's RUN (DL3009's own fix).
 */
function aptUpdateTarget(ctx: AdviceContext, w: WriterLeftovers): number | undefined {
  const command = ctx.steps[w.layer]?.command ?? '';
  if (!runsProgram(command, /^apt(-get)?\s+update\b/) || runsProgram(command, APT_INSTALL)) return undefined;
  const install = ctx.steps
    .slice(w.layer + 1)
    .find((s) => isEditableRun(ctx, s) && runsProgram(s.command, APT_INSTALL));
  return install?.historyIndex ?? undefined;
}

const APT_INSTALL = /^apt(-get)?\s+(-\S+\s+)*(install|upgrade|dist-upgrade)\b/;
