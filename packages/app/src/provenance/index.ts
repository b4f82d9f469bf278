// What the server and other callers use from the provenance adapters.
export { compareCheckpoints } from './compare-checkpoints.ts';
export { renderReportHtml } from './render-html.ts';
