/**
 * The advice block after the summary: one short entry per finding, and with `--advice` the fix
 * of each finding as a diff of the reconstructed Dockerfile (plus its .dockerignore lines).
 */
import { humanBytes, type Finding } from '@strata/analysis';

export function formatAdvice(findings: Finding[], full: boolean): string {
  if (findings.length === 0) return 'Advice:\nNone';
  const lines = ['Advice:'];
  findings.forEach((f, i) => {
    lines.push(`${String(i + 1).padStart(3)}. [${f.severity}] ${f.title}`);
    lines.push(
      `     recoverable: ${humanBytes(f.recoverableBytes)}, layers: ${f.layers.join(', ') || '-'}  (${f.rule})`,
    );
    if (full) lines.push(...indent(fullFix(f)));
  });
  if (!full) lines.push('', '  (--advice shows each explanation and the fixed Dockerfile)');
  return lines.join('\n');
}

function fullFix(f: Finding): string[] {
  const out = [
    '',
    f.explanation,
    '',
    ...f.files.map((file) => `  ${humanBytes(file.bytes).padStart(9)}  layer ${file.layer}  ${file.path}`),
  ];
  out.push('', 'Fix (- before, + after):', ...lineDiff(f.fix.before, f.fix.after));
  if (f.fix.dockerignore) out.push('', '.dockerignore:', ...f.fix.dockerignore.trimEnd().split('\n'));
  return [...out, ''];
}

function indent(lines: string[]): string[] {
  return lines.map((l) => (l ? `     ${l}` : l));
}

/** A plain line diff (longest common subsequence): Dockerfiles are short. */
export function lineDiff(before: string, after: string): string[] {
  const a = before.trimEnd().split('\n');
  const b = after.trimEnd().split('\n');
  // common[i][j]: length of the longest common subsequence of a[i..] and b[j..].
  const common = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  const at = (i: number, j: number): number => common[i]?.[j] ?? 0;
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      (common[i] as number[])[j] =
        a[i] === b[j] ? at(i + 1, j + 1) + 1 : Math.max(at(i + 1, j), at(i, j + 1));
    }
  }
  const out: string[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      out.push(`  ${a[i]}`);
      i++;
      j++;
    } else if (i < a.length && (j >= b.length || at(i + 1, j) >= at(i, j + 1))) {
      out.push(`- ${a[i++]}`); // removals first, as diff(1) shows them
    } else {
      out.push(`+ ${b[j++]}`);
    }
  }
  return out;
}
