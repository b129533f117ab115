/**
 * Multi-stage split: a toolchain in the final image means the image builds its software and
 * ships the builder too. Two stages: `build` is the history up to the last build step, the
 * runtime stage starts from the base again and copies only the artifacts (the files the build
 * steps wrote that are not build-only material) with `COPY --from=build`.
 */
import { toolchainLabel, toolchainLabelOf, isBuildOnly } from './build-only-paths.js';
import {
  makeFinding,
  newDraft,
  sumBytes,
  topFiles,
  userSteps,
  type AdviceContext,
  type LayerStep,
} from './context.js';
import { matchLeftover } from './leftover-paths.js';
import type { Occurrence } from './occurrences.js';
import { owningPackagesNote } from './package-notes.js';
import type { Finding } from './types.js';

/** Less toolchain than this is not worth a second stage. */
const MIN_TOOLCHAIN_BYTES = 1_000_000;
/** Instructions that set up the runtime stage rather than write files. */
const RUNTIME_KINDS = new Set([
  'ENV',
  'ARG',
  'LABEL',
  'USER',
  'WORKDIR',
  'EXPOSE',
  'VOLUME',
  'SHELL',
  'STOPSIGNAL',
  'HEALTHCHECK',
  'CMD',
  'ENTRYPOINT',
]);
const MAX_COPY_LINES = 12;

interface Plan {
  toolchain: Occurrence[];
  lastBuild: LayerStep & { historyIndex: number };
  artifacts: Occurrence[];
}

export function multiStage(ctx: AdviceContext): Finding[] {
  const plan = planSplit(ctx);
  if (!plan) return [];
  const inRange = userSteps(ctx).filter((s) => s.index <= plan.lastBuild.index);
  const claimed = ctx.claims.claim(inRange.flatMap((s) => ctx.occurrences[s.index] ?? []));
  const kept = new Set(plan.artifacts);
  const bytes = sumBytes(claimed.filter((o) => !kept.has(o)));
  const labels = [...new Set(plan.toolchain.map((o) => toolchainLabel(o.path)))].join(', ');
  return [
    makeFinding(ctx, {
      rule: 'multi-stage',
      title: `Build toolchain in the final image (${labels}): split into a build and a runtime stage`,
      explanation:
        `Layers ${inRange[0]?.index}–${plan.lastBuild.index} install and run the build; the final image ships ` +
        `${plan.toolchain.length} build-only file(s) with it. A runtime stage that copies only the ` +
        `${plan.artifacts.length} artifact(s) the build wrote leaves the toolchain, sources and intermediate ` +
        'files in the build stage. Check that the artifacts list holds everything the program needs at run time ' +
        '(shared libraries installed with the toolchain, config files).' +
        owningPackagesNote(ctx, plan.toolchain, 'Build-only packages'),
      layers: inRange.map((s) => s.index),
      files: topFiles(plan.toolchain),
      recoverableBytes: bytes,
      fix: { after: render(ctx, plan) },
    }),
  ];
}

function planSplit(ctx: AdviceContext): Plan | undefined {
  const final = userSteps(ctx).flatMap((s) =>
    (ctx.occurrences[s.index] ?? []).filter((o) => !o.end && o.size > 0),
  );
  const toolchain = final.filter(
    (o) => toolchainLabelOf(ctx.paths, o.node) !== undefined && !ctx.claims.isClaimed(o),
  );
  if (sumBytes(toolchain) < MIN_TOOLCHAIN_BYTES) return undefined;
  const installedBy = Math.max(...toolchain.map((o) => o.layer));
  const isArtifact = (o: Occurrence) =>
    o.layer > installedBy && !isBuildOnly(o.path) && !matchLeftover(o.path);
  const buildSteps = userSteps(ctx).filter(
    (s) =>
      s.index > installedBy &&
      s.kind === 'RUN' &&
      s.historyIndex !== null &&
      final.some((o) => o.layer === s.index && isArtifact(o)),
  );
  const lastBuild = buildSteps[buildSteps.length - 1];
  if (!lastBuild || lastBuild.historyIndex === null) return undefined;
  const artifacts = final.filter(
    (o) => isArtifact(o) && o.layer <= lastBuild.index && ctx.steps[o.layer]?.kind === 'RUN',
  );
  return { toolchain, lastBuild: lastBuild as Plan['lastBuild'], artifacts };
}

function render(ctx: AdviceContext, plan: Plan): string {
  const draft = newDraft(ctx);
  const cut = plan.lastBuild.historyIndex;
  const { header, base } = ctx.dockerfile;
  const from = header[header.length - 1] as string;
  const runtimeSetup = ctx.dockerfile.lines
    .filter((l) => l.history <= cut && RUNTIME_KINDS.has(l.kind))
    .map((l) => l.text);
  return (
    [
      ...header.slice(0, -1),
      `${from} AS build`,
      ...draft.bodyLines((h) => h <= cut),
      '',
      `FROM ${base}`,
      ...runtimeSetup,
      ...copyLines(plan.artifacts),
      ...draft.bodyLines((h) => h > cut),
    ].join('\n') + '\n'
  );
}

/** One COPY per artifact; many artifacts are copied by their top directories. */
function copyLines(artifacts: Occurrence[]): string[] {
  const paths = [...new Set(artifacts.map((o) => o.path))].sort();
  const chosen = paths.length <= MAX_COPY_LINES ? paths : [...new Set(paths.map(topDirs))];
  return chosen.map((p) => `COPY --from=build ${p} ${p}`);
}

function topDirs(path: string): string {
  return path.split('/').slice(0, 3).join('/');
}
