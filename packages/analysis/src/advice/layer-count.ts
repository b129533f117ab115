/**
 * Too many layers: overlay-based engines stack at most 128 lower directories, so Docker refuses
 * images past 127 layers ("max depth exceeded"), and every layer costs a mount and a pull
 * request. Merging RUN chains is the fix; it saves no bytes by itself.
 */
import { makeFinding, newDraft, type AdviceContext } from './context.js';
import { runChainGroups } from './run-chain.js';
import type { Finding } from './types.js';

export const LAYER_LIMIT = 127;
const WARN_AT = 100;
const HIGH_AT = 120;

export function layerCount(ctx: AdviceContext): Finding[] {
  const count = ctx.steps.length;
  if (count < WARN_AT) return [];
  const draft = newDraft(ctx);
  const groups = runChainGroups(ctx);
  for (const chain of groups) draft.mergeRuns(chain.map((s) => s.historyIndex as number));
  const saved = groups.reduce((n, chain) => n + chain.length - 1, 0);
  return [
    makeFinding(ctx, {
      rule: 'layer-count',
      severity: count >= HIGH_AT ? 'high' : 'medium',
      title: `${count} layers: close to the ${LAYER_LIMIT}-layer limit`,
      explanation:
        `Engines that stack layers with overlayfs refuse images with more than ${LAYER_LIMIT} layers, so ` +
        `this image can hardly be extended. Merging consecutive RUN instructions removes ${saved} layer(s).`,
      layers: ctx.steps.map((s) => s.index),
      files: [],
      recoverableBytes: 0,
      fix: { after: draft.render() },
    }),
  ];
}
