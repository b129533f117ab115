/**
 * All advice for one analysis. Rules run in priority order, the most specific fix first, and
 * each claims the bytes it explains, so no byte is counted by two findings. Results are sorted
 * by severity, then by recoverable bytes.
 */
import type { Analysis } from '../analyze.js';
import { cleanupLater } from './cleanup-later.js';
import { contextLeaks } from './context-leaks.js';
import { createContext, type AdviceContext } from './context.js';
import { duplicateContent } from './duplicates.js';
import { layerCount } from './layer-count.js';
import { packageLeftovers } from './leftovers.js';
import { metadataRewrites } from './metadata-rewrite.js';
import { multiStage } from './multi-stage.js';
import { runChains } from './run-chain.js';
import { secretsInLayers } from './secrets.js';
import { compareSeverity } from './severity.js';
import type { Finding } from './types.js';

export type AdviceRule = (ctx: AdviceContext) => Finding[];

/** Priority order: who claims an occurrence first. */
export const ADVICE_RULES: readonly AdviceRule[] = [
  secretsInLayers,
  packageLeftovers,
  metadataRewrites,
  contextLeaks,
  multiStage,
  cleanupLater,
  duplicateContent,
  runChains,
  layerCount,
];

export function adviseImage(analysis: Analysis): Finding[] {
  const ctx = createContext(analysis);
  const findings = ADVICE_RULES.flatMap((rule) => rule(ctx));
  return findings.sort(
    (a, b) => compareSeverity(a.severity, b.severity) || b.recoverableBytes - a.recoverableBytes,
  );
}
