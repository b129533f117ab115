/**
 * The analysis summary (`GET /api/analyses/:id`): the CLI's `--report` document, schema
 * version 1 (README "Report schema"). dive's figures keep dive's names.
 */
import { z } from 'zod';
import { FindingSchema } from './advice.js';

export const INSTRUCTION_KINDS = [
  'RUN', 'COPY', 'ADD', 'ENV', 'ARG', 'LABEL', 'CMD', 'ENTRYPOINT', 'WORKDIR', 'USER', 'EXPOSE',
  'VOLUME', 'SHELL', 'STOPSIGNAL', 'HEALTHCHECK', 'ONBUILD', 'MAINTAINER', 'FROM', 'UNKNOWN',
] as const; // prettier-ignore

const count = z.number().int().nonnegative();

export const InstructionSchema = z.object({
  kind: z.enum(INSTRUCTION_KINDS),
  text: z.string(),
  raw: z.string(),
});

export const BaseImageSchema = z.object({
  layerCount: count,
  source: z.enum(['annotation', 'layer0']),
  name: z.string().optional(),
  digest: z.string().optional(),
});

export const ImageSummarySchema = z.object({
  source: z.string(),
  digest: z.string(),
  configDigest: z.string(),
  names: z.array(z.string()),
  platform: z.string(),
  layerCount: count,
  sizeBytes: count,
  compressedSizeBytes: count,
  userSizeBytes: count,
  wastedBytes: count,
  wastedUserPercent: z.number().nullable(),
  efficiency: z.number(),
  files: count,
  fileCount: count,
  recoverableBytes: count,
  baseImage: BaseImageSchema,
});

const TallySchema = z.object({ count, bytes: count });

/** Package managers whose databases the decode pass reads (issue 11). */
export const PACKAGE_MANAGERS = ['dpkg', 'apk', 'python', 'npm'] as const;
const PackageChangeSchema = z.object({
  manager: z.enum(PACKAGE_MANAGERS),
  name: z.string(),
  version: z.string(),
  bytes: count,
});
export const LayerPackagesSchema = z.object({
  added: z.array(PackageChangeSchema),
  removed: z.array(PackageChangeSchema),
  upgraded: z.array(PackageChangeSchema.extend({ from: z.string() })),
});
export const PackageSchema = z.object({
  manager: z.enum(PACKAGE_MANAGERS),
  name: z.string(),
  version: z.string(),
  arch: z.string().optional(),
  /** The layer whose change made this version appear. */
  layer: count,
});

export const LayerSummarySchema = z.object({
  index: count,
  digest: z.string(),
  diffId: z.string(),
  mediaType: z.string(),
  sizeBytes: count,
  compressedSizeBytes: count,
  files: count,
  historyIndex: count.nullable(),
  instruction: InstructionSchema,
  command: z.string(),
  added: TallySchema,
  modified: TallySchema,
  removed: TallySchema,
  unmodified: TallySchema,
  shadowedBytes: count,
  inBaseImage: z.boolean(),
  /** Packages this layer added, removed and upgraded; absent when the contents were not read. */
  packages: LayerPackagesSchema.optional(),
});

export const HistorySummarySchema = z.object({
  index: count,
  created: z.string().optional(),
  createdBy: z.string(),
  comment: z.string().optional(),
  emptyLayer: z.boolean(),
  layerIndex: count.nullable(),
  instruction: InstructionSchema,
});

export const InefficientFileSchema = z.object({
  path: z.string(),
  count,
  bytes: count,
  layers: z.array(count),
});

export const ReportSchema = z.object({
  schemaVersion: z.literal(1),
  image: ImageSummarySchema,
  layers: z.array(LayerSummarySchema),
  history: z.array(HistorySummarySchema),
  inefficientFiles: z.array(InefficientFileSchema),
  /**
   * Advice findings, as the CLI's `--report` has them. Absent in results stored by a server
   * that predates advice (and in the model's copy of the report, which the page never reads it from).
   */
  advice: z.array(FindingSchema).optional(),
  /** The final image's packages; absent when the contents were not read. */
  packages: z.array(PackageSchema).optional(),
});
export type Report = z.infer<typeof ReportSchema>;
export type ImageSummary = z.infer<typeof ImageSummarySchema>;
export type LayerSummary = z.infer<typeof LayerSummarySchema>;
