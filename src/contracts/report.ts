/**
 * The continuity and resilience report (`GET /report`, `report`): its languages and formats,
 * declared with the request's schema (src/contracts/requests/report.ts).
 */
export { reportFormats, reportLangs, type ReportFormat, type ReportLang, type ReportQuerystring } from './requests/report.js';
