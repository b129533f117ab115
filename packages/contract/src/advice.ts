/**
 * Advice findings in the report (`advice[]`, issue 6): why bytes are wasted and the Dockerfile
 * that wins them back. Mirrors the analysis package's `Finding`; contract-fit.ts in the server
 * fails typecheck when the two drift apart.
 */
import { z } from 'zod';

const count = z.number().int().nonnegative();

export const SEVERITIES = ['high', 'medium', 'low', 'info'] as const;
export const SeveritySchema = z.enum(SEVERITIES);
export type Severity = z.infer<typeof SeveritySchema>;

export const ADVICE_RULES = [
  'secrets',
  'package-leftovers',
  'metadata-rewrite',
  'context-leaks',
  'cleanup-later',
  'multi-stage',
  'duplicate-content',
  'run-chain',
  'layer-count',
] as const;
export const AdviceRuleSchema = z.enum(ADVICE_RULES);
export type AdviceRule = z.infer<typeof AdviceRuleSchema>;

export const AdviceFileSchema = z.object({
  /** Absolute path in the image. */
  path: z.string(),
  bytes: count,
  /** The layer that stores these bytes. */
  layer: count,
  /** Duplicate content: the path of the copy kept (the earliest one). */
  copyOf: z.string().optional(),
});
export type AdviceFile = z.infer<typeof AdviceFileSchema>;

export const AdviceFixSchema = z.object({
  /** The Dockerfile as reconstructed from the image history. */
  before: z.string(),
  /** The same Dockerfile with the finding's fix applied. */
  after: z.string(),
  /** Lines for `.dockerignore`, when the fix is (also) to keep files out of the build context. */
  dockerignore: z.string().optional(),
});
export type AdviceFix = z.infer<typeof AdviceFixSchema>;

export const FindingSchema = z.object({
  rule: AdviceRuleSchema,
  severity: SeveritySchema,
  title: z.string(),
  explanation: z.string(),
  /** Layer indexes involved, ascending. */
  layers: z.array(count),
  /** History indexes of the instructions involved, ascending. */
  instructions: z.array(count),
  /** The biggest files involved, biggest first. */
  files: z.array(AdviceFileSchema),
  /** How many files are involved in all (`files` lists the biggest ten); absent in older reports. */
  fileCount: count.optional(),
  /** Their bytes in all. */
  filesBytes: count.optional(),
  /** Bytes the fix saves; each byte is claimed by one finding only, so these add up. */
  recoverableBytes: count,
  fix: AdviceFixSchema,
});
export type Finding = z.infer<typeof FindingSchema>;
