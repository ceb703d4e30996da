/**
 * The contract between the service, the API and its clients (the web UI): every request and
 * result of the API, its route map, the roles, the statuses and the error body. Pure types
 * and a few constant lists over the model, no Node: the web imports it with `import type`
 * (docs/design.md, "Layout and dependency direction").
 */
export * from './accounts.js';
export * from './analyses.js';
export * from './common.js';
export * from './errors.js';
export * from './estate.js';
export * from './netbox.js';
export * from './planning.js';
export * from './portfolio.js';
export * from './report.js';
export * from './routes.js';
export * from './statuses.js';
