/** Test helper: advice for a synthetic image given as layers of entries plus their instructions. */
import { analyzeImage } from '../analyze.js';
import { scanContent } from '../content/scan.js';
import type { ContentFinding } from '../content/types.js';
import { file, imageOf } from '../test-entries.js';
import type { HistoryEntry, LayerEntry } from '../types.js';
import { adviseImage } from './advise.js';
import type { Finding, RuleId } from './types.js';

/** A base layer (dive's layer 0) and then one layer per `[instruction, entries]`. */
export function adviceFor(steps: Array<[string, LayerEntry[]] | string>): Finding[] {
  const layers: LayerEntry[][] = [[file('bin/sh', 1000, { contentHash: 'base-sh' })]];
  const history: HistoryEntry[] = [{ created_by: '/bin/sh -c #(nop) ADD file:base in / ' }];
  for (const step of steps) {
    if (typeof step === 'string') history.push({ created_by: step, empty_layer: true });
    else {
      history.push({ created_by: step[0] });
      layers.push(step[1]);
    }
  }
  return adviseImage(analyzeImage(imageOf(layers, history), 'test'));
}

export function only(findings: Finding[], rule: RuleId): Finding {
  const matching = findings.filter((f) => f.rule === rule);
  if (matching.length !== 1)
    throw new Error(
      `expected one ${rule} finding, got ${matching.length}: ${findings.map((f) => f.rule).join(', ')}`,
    );
  return matching[0] as Finding;
}

/** The lines after `FROM <base>`. */
export function body(dockerfile: string): string[] {
  const lines = dockerfile.trimEnd().split('\n');
  return lines.slice(lines.findIndex((l) => l.startsWith('FROM')) + 1);
}

export type ContentStep = [string, Array<LayerEntry | [string, string]>];

/** Layers whose `[path, text]` files are scanned as the decode pass would. */
export function adviceWithContent(steps: ContentStep[]): Finding[] {
  const layers = steps.map(([, items]) => items);
  const input = imageOf(
    layers.map((items) =>
      items.map((it) => (Array.isArray(it) ? file(it[0], it[1].length, { contentHash: `h-${it[1]}` }) : it)),
    ),
    steps.map(([createdBy]) => ({ created_by: createdBy })),
  );
  input.layers.forEach((layer, i) => {
    layer.findings = (layers[i] ?? []).flatMap((it): ContentFinding[] =>
      Array.isArray(it) ? scanContent(it[0], new TextEncoder().encode(it[1])) : [],
    );
    layer.contentScanned = true;
  });
  return adviseImage(analyzeImage(input, 'test'));
}
