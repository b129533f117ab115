/** The HTTP API's shapes, shared by the server (validation at the edge) and the web app. */
export * from './errors.js';
export * from './advice.js';
export * from './report.js';
export * from './model.js';
export * from './documents.js';
export * from './analyses.js';
export * from './jobs.js';
export * from './events.js';
export * from './health.js';
export * from './platforms.js';
export * from './images.js';
export * from './compare.js';
