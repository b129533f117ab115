/**
 * What every rule reads: the report, the occurrences per layer, the reconstructed Dockerfile and
 * the shared claims. Built once per analysis.
 */
import type { Analysis } from '../analyze.js';
import { analysisPackages, type ImagePackages } from '../content/image-packages.js';
import type { ContentFinding } from '../content/types.js';
import type { InstructionKind } from '../instruction.js';
import type { PathTable } from '../path-table.js';
import type { Report } from '../report.js';
import { Claims } from './claims.js';
import { reconstructDockerfile, type ReconstructedDockerfile } from './dockerfile.js';
import { DockerfileDraft, renderDockerfile } from './draft.js';
import { collectOccurrences, type Occurrence } from './occurrences.js';
import { severityForBytes } from './severity.js';
import type { AdviceFile, AdviceFix, Finding, RuleId } from './types.js';

export interface LayerStep {
  index: number;
  historyIndex: number | null;
  kind: InstructionKind;
  text: string;
  /** The shell command of a RUN, '' otherwise. */
  command: string;
  /** Part of the base image (the user's Dockerfile did not make it). */
  base: boolean;
}

export interface AdviceContext {
  report: Report;
  steps: LayerStep[];
  /** Every path of the image by id (occurrences name theirs by id). */
  paths: PathTable;
  /** Per layer: the non-directory paths it writes. */
  occurrences: Occurrence[][];
  /** Per layer: the occurrences (of any earlier layer) that it overwrites or deletes. */
  endsAt: Occurrence[][];
  claims: Claims;
  dockerfile: ReconstructedDockerfile;
  /** The reconstructed Dockerfile, unedited (every fix's `before`). */
  before: string;
  /** Per layer, what the content analyzers found; undefined when layer contents were not read. */
  findings: ContentFinding[][] | undefined;
  /** Packages per layer from those findings (content/image-packages.ts); undefined without findings. */
  packages: ImagePackages | undefined;
}

export function createContext(analysis: Analysis): AdviceContext {
  const { report } = analysis;
  const baseLayers = report.image.baseImage.layerCount;
  const steps = report.layers.map((layer): LayerStep => {
    const { kind, text } = layer.instruction;
    const command = kind === 'RUN' ? text.slice('RUN'.length).trim() : '';
    return {
      index: layer.index,
      historyIndex: layer.historyIndex,
      kind,
      text,
      command,
      base: layer.index < baseLayers,
    };
  });
  const dockerfile = reconstructDockerfile(report);
  const occurrences = collectOccurrences(analysis.stack);
  const endsAt: Occurrence[][] = steps.map(() => []);
  for (const o of occurrences.flat()) if (o.end) endsAt[o.end.layer]?.push(o);
  return {
    report,
    steps,
    paths: analysis.stack.paths,
    occurrences,
    endsAt,
    claims: new Claims(),
    dockerfile,
    before: renderDockerfile(dockerfile),
    findings: analysis.findings,
    packages: analysisPackages(analysis),
  };
}

export function userSteps(ctx: AdviceContext): LayerStep[] {
  return ctx.steps.filter((s) => !s.base);
}

export function newDraft(ctx: AdviceContext): DockerfileDraft {
  return new DockerfileDraft(ctx.dockerfile);
}

/** A RUN layer whose history line can be edited. */
export function isEditableRun(
  ctx: AdviceContext,
  step: LayerStep | undefined,
): step is LayerStep & { historyIndex: number } {
  return step !== undefined && !step.base && step.kind === 'RUN' && step.historyIndex !== null;
}

export function sumBytes(occurrences: Iterable<Occurrence>): number {
  let total = 0;
  for (const o of occurrences) total += o.size;
  return total;
}

const TOP_FILES = 10;

/** The biggest `limit` files, with how many there are in all and their bytes. */
export interface FileList {
  files: AdviceFile[];
  fileCount: number;
  filesBytes: number;
}

/**
 * The `limit` biggest, ties by path, plus the count and bytes of all; one pass that keeps only the
 * best few (findings may span a million files). `extra` adds fields to the listed files only.
 */
export function topFiles(
  occurrences: Iterable<Occurrence>,
  limit = TOP_FILES,
  extra?: (o: Occurrence) => Partial<AdviceFile>,
): FileList {
  const best: Array<{ o: Occurrence; size: number; path?: string }> = [];
  const pathOf = (item: { o: Occurrence; path?: string }): string => (item.path ??= item.o.path);
  const before = (a: { o: Occurrence; size: number }, b: { o: Occurrence; size: number }): boolean =>
    a.size > b.size || (a.size === b.size && pathOf(a).localeCompare(pathOf(b)) < 0);
  let fileCount = 0;
  let filesBytes = 0;
  for (const o of occurrences) {
    fileCount++;
    filesBytes += o.size;
    const item = { o, size: o.size };
    const last = best[best.length - 1];
    if (best.length >= limit && last && !before(item, last)) continue;
    let at = best.length;
    while (at > 0 && before(item, best[at - 1] as { o: Occurrence; size: number })) at--;
    best.splice(at, 0, item);
    if (best.length > limit) best.pop();
  }
  const files = best.map(({ o }) => ({ path: o.path, bytes: o.size, layer: o.layer, ...extra?.(o) }));
  return { files, fileCount, filesBytes };
}

export interface FindingParts {
  rule: RuleId;
  title: string;
  explanation: string;
  layers: Iterable<number>;
  /** A complete list, or the top of a longer one (topFiles). */
  files: AdviceFile[] | FileList;
  recoverableBytes: number;
  fix: Omit<AdviceFix, 'before'>;
  severity?: Finding['severity'];
}

/** A finding with its instructions derived from its layers and severity from its bytes. */
export function makeFinding(ctx: AdviceContext, parts: FindingParts): Finding {
  const layers = [...new Set(parts.layers)].sort((a, b) => a - b);
  const instructions = layers
    .map((l) => ctx.steps[l]?.historyIndex)
    .filter((h): h is number => h !== null && h !== undefined);
  const severity = parts.severity ?? severityForBytes(parts.recoverableBytes, ctx.report.image.sizeBytes);
  const { rule, title, explanation, recoverableBytes } = parts;
  const list: FileList = Array.isArray(parts.files)
    ? {
        files: parts.files,
        fileCount: parts.files.length,
        filesBytes: parts.files.reduce((sum, f) => sum + f.bytes, 0),
      }
    : parts.files;
  return {
    rule,
    severity,
    title,
    explanation,
    layers,
    instructions,
    ...list,
    recoverableBytes,
    fix: { before: ctx.before, ...parts.fix },
  };
}

export function layerName(ctx: AdviceContext, layer: number): string {
  const step = ctx.steps[layer];
  const text = step ? step.text.replace(/\s+/g, ' ') : '(missing)';
  return `layer ${layer} (${text.length > 60 ? `${text.slice(0, 59)}…` : text})`;
}
