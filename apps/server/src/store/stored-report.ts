/**
 * The report as the server stores and serves it: the analysis report plus `advice[]`, the same
 * document as the CLI's `--report`, so the page gets the findings with the report it already loads.
 */
import { adviseImage, withPackages, type Analysis, type Finding } from '@strata/analysis';
import type { Report } from '@strata/contract';

export function reportWithAdvice(analysis: Analysis): Report {
  const advice = adviceOf(analysis);
  // Packages (issue 11) when the decode pass ran the content analyzers.
  return withPackages(advice ? { ...analysis.report, advice } : analysis.report, analysis) as Report;
}

/**
 * A bug in one advice rule must not cost the user the analysis itself: the report is stored
 * without `advice` (the page says so) and the entry counts as outdated, so analyzing the image
 * again retries.
 */
function adviceOf(analysis: Analysis): Finding[] | undefined {
  try {
    return adviseImage(analysis);
  } catch (err) {
    console.error(`advice for ${analysis.report.image.digest} failed:`, err);
    return undefined;
  }
}
