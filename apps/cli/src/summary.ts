/** The text summary, shaped like dive's CI output so people can compare line by line. */
import { humanBytes, percent, type CiRuleResult, type Report } from '@strata/analysis';

export function formatSummary(report: Report): string {
  const { image } = report;
  const lines = [
    `Image: ${image.source}`,
    `  digest: ${image.digest}`,
    `  platform: ${image.platform}`,
    `  layers: ${image.layerCount}`,
    `  files: ${image.files}`,
    `  size: ${bytes(image.sizeBytes)}, compressed ${bytes(image.compressedSizeBytes)}`,
    `  efficiency: ${percent(image.efficiency)}`,
    `  wastedBytes: ${bytes(image.wastedBytes)}`,
    `  userWastedPercent: ${image.wastedUserPercent === null ? 'n/a (no user bytes)' : percent(image.wastedUserPercent)}`,
    `  recoverableBytes: ${bytes(image.recoverableBytes)}`,
    '',
    'Layers:',
    `${pad('Index', 5)}  ${pad('Size', 9)}  ${pad('Compressed', 10)}  Command`,
    ...report.layers.map(
      (l) =>
        `${pad(String(l.index), 5)}  ${pad(humanBytes(l.sizeBytes), 9)}  ${pad(humanBytes(l.compressedSizeBytes), 10)}  ${oneLine(l.instruction.text)}`,
    ),
    '',
    'Inefficient Files:',
    `${pad('Count', 5)}  ${pad('Wasted Space', 12)}  File Path`,
    ...report.inefficientFiles.map(
      (f) => `${pad(String(f.count), 5)}  ${pad(humanBytes(f.bytes), 12)}  ${f.path}`,
    ),
  ];
  if (report.inefficientFiles.length === 0) lines.push('None');
  return lines.join('\n');
}

export function formatCiResults(results: CiRuleResult[]): { text: string; passed: boolean } {
  const failed = results.filter((r) => r.status === 'FAIL').length;
  const passed = results.filter((r) => r.status === 'PASS').length;
  const skipped = results.filter((r) => r.status === 'SKIP').length;
  const lines = [
    'Results:',
    ...results.map((r) => `  ${r.status}: ${r.rule}${r.message ? `: ${r.message}` : ''}`),
    '',
    `Result:${failed > 0 ? 'FAIL' : 'PASS'} [Total:${results.length}] [Passed:${passed}] [Failed:${failed}] [Warn:0] [Skipped:${skipped}]`,
  ];
  return { text: lines.join('\n'), passed: failed === 0 };
}

function bytes(n: number): string {
  return `${n} bytes (${humanBytes(n)})`;
}

function pad(text: string, width: number): string {
  return text.padStart(width);
}

function oneLine(text: string, max = 100): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
