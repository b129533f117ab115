/**
 * The Dockerfile as the image history tells it: every entry's instruction in order (empty-layer
 * ones too). The history does not name the base image; unless the OCI base annotations say
 * where it ends, we take dive's view (layer 0 is the base) and write a `FROM <base>` placeholder.
 */
import type { InstructionKind } from '../instruction.js';
import type { Report } from '../report.js';

export interface DockerfileLine {
  /** History index of the instruction. */
  history: number;
  kind: InstructionKind;
  text: string;
}

export interface ReconstructedDockerfile {
  /** Comments and the `FROM` line. */
  header: string[];
  /** The `FROM` target: the base's name, or `<base>` when unknown. */
  base: string;
  /** Instructions after the base image, in history order. */
  lines: DockerfileLine[];
}

export const UNKNOWN_BASE = '<base>';

export function reconstructDockerfile(report: Report): ReconstructedDockerfile {
  const { baseImage } = report.image;
  const firstUser = firstUserHistory(report);
  const baseItems = report.history.filter((h) => h.index < firstUser);
  const lines = report.history
    .filter((h) => h.index >= firstUser)
    .map((h) => ({ history: h.index, kind: h.instruction.kind, text: h.instruction.text }));
  const known = baseImage.source === 'annotation' ? (baseImage.name ?? baseImage.digest) : undefined;
  if (known !== undefined) return { header: [`FROM ${known}`], base: known, lines };
  const header = [
    '# Reconstructed from the image history; the image does not record its base image.',
    ...baseItems.map((h) => `# base (dive's layer 0): ${oneLine(h.instruction.text)}`),
    `FROM ${UNKNOWN_BASE}`,
  ];
  return { header, base: UNKNOWN_BASE, lines };
}

/** History index of the first instruction after the base image. */
function firstUserHistory(report: Report): number {
  const baseLayers = report.image.baseImage.layerCount;
  const firstUserLayer = report.layers[baseLayers];
  if (firstUserLayer?.historyIndex !== null && firstUserLayer?.historyIndex !== undefined) {
    return firstUserLayer.historyIndex;
  }
  const lastBase = report.layers[baseLayers - 1]?.historyIndex;
  return lastBase === null || lastBase === undefined ? 0 : lastBase + 1;
}

function oneLine(text: string, max = 90): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
