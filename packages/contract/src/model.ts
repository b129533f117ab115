/**
 * `GET /api/analyses/:id/model`: everything the browser needs to explore the trees, loaded once.
 * It is a binary document of typed-array columns (`application/vnd.strata.model.v2`), written by
 * the analysis package's `packModel` and read by its `unpackModel` (packages/analysis
 * src/model/compact-model.ts): a million-path image would be a JSON parse of tens of millions of
 * values otherwise. The report is its own document (`GET /api/analyses/:id`).
 */
export const MODEL_MEDIA_TYPE = 'application/vnd.strata.model.v2';
