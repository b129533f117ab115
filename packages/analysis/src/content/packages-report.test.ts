import { describe, expect, it } from 'vitest';
import { analyzeImage } from '../analyze.js';
import { file, imageOf } from '../test-entries.js';
import { withPackages } from './packages-report.js';
import { scanContent } from './scan.js';

describe('the report with packages', () => {
  it('adds packages and per-layer changes when the analyzers ran, nothing otherwise', () => {
    const manifest = '{"name":"left-pad","version":"1.3.0"}';
    const input = imageOf([
      [file('bin/sh', 10)],
      [file('app/node_modules/left-pad/package.json', manifest.length)],
    ]);
    expect(withPackages(analyzeImage(input, 't').report, analyzeImage(input, 't'))).not.toHaveProperty(
      'packages',
    );
    input.layers[0]!.findings = [];
    input.layers[1]!.findings = scanContent(
      'app/node_modules/left-pad/package.json',
      new TextEncoder().encode(manifest),
    );
    for (const l of input.layers) l.contentScanned = true;
    const analysis = analyzeImage(input, 't');
    const report = withPackages(analysis.report, analysis);
    expect(report).toMatchObject({
      packages: [{ manager: 'npm', name: 'left-pad', version: '1.3.0', layer: 1 }],
      layers: [
        { index: 0, packages: { added: [], removed: [], upgraded: [] } },
        { index: 1, packages: { added: [{ name: 'left-pad', bytes: manifest.length }] } },
      ],
    });
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });
});
