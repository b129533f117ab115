/**
 * What every rule reads: the report, the occurrences per layer, the reconstructed Dockerfile and
 * the shared claims. Built once per analysis.
 */
import type { Analysis } from '../analyze.js';
import { imagePackages, type ImagePackages } from '../content/image-packages.js';
import type { ContentFinding } from '../content/types.js';
import type { InstructionKind } from '../instruction.js';
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
  const occurrences = collectOccurrences(analysis.deltas);
  const endsAt: Occurrence[][] = steps.map(() => []);
  for (const o of occurrences.flat()) if (o.end) endsAt[o.end.layer]?.push(o);
  return {
    report,
    steps,
    occurrences,
    endsAt,
    claims: new Claims(),
    dockerfile,
    before: renderDockerfile(dockerfile),
    findings: analysis.findings,
    packages: analysis.findings ? imagePackages(analysis.findings, analysis.deltas) : undefined,
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

export function topFiles(occurrences: Iterable<Occurrence>, limit = TOP_FILES): AdviceFile[] {
  return [...occurrences]
    .sort((a, b) => b.size - a.size || a.path.localeCompare(b.path))
    .slice(0, limit)
    .map((o) => ({ path: o.path, bytes: o.size, layer: o.layer }));
}

export interface FindingParts {
  rule: RuleId;
  title: string;
  explanation: string;
  layers: Iterable<number>;
  files: AdviceFile[];
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
  const { rule, title, explanation, files, recoverableBytes } = parts;
  return {
    rule,
    severity,
    title,
    explanation,
    layers,
    instructions,
    files,
    recoverableBytes,
    fix: { before: ctx.before, ...parts.fix },
  };
}

export function layerName(ctx: AdviceContext, layer: number): string {
  const step = ctx.steps[layer];
  const text = step ? step.text.replace(/\s+/g, ' ') : '(missing)';
  return `layer ${layer} (${text.length > 60 ? `${text.slice(0, 59)}…` : text})`;
}
