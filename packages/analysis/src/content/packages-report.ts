/**
 * The report's package fields (issue 11): `packages` for the final image, and per layer the
 * packages it added, removed and upgraded with their bytes. Absent when layer contents were not read.
 */
import type { Analysis } from '../analyze.js';
import type { LayerReport, Report } from '../report.js';
import { analysisPackages, type ImagePackage, type LayerPackages } from './image-packages.js';

export type ReportWithPackages<R extends Report> = R & {
  packages: ImagePackage[];
  layers: Array<LayerReport & { packages: LayerPackages }>;
};

export function withPackages<R extends Report>(
  report: R,
  analysis: Pick<Analysis, 'findings' | 'stack'>,
): R | ReportWithPackages<R> {
  const result = analysisPackages(analysis);
  if (!result) return report;
  return {
    ...report,
    packages: result.packages,
    layers: report.layers.map((layer, i) => ({
      ...layer,
      packages: result.layers[i] ?? { added: [], removed: [], upgraded: [] },
    })),
  };
}
