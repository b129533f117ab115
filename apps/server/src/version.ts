/** The server's version, reported by /api/health (esbuild may replace it at build time). */
declare const STRATA_VERSION: string | undefined;
export const VERSION = typeof STRATA_VERSION === 'string' ? STRATA_VERSION : '0.1.0';
