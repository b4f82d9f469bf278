// What the server and other callers use from the provenance adapters.
export { compareCheckpoints, CompareInputError, type CompareOptions, type CompareProgress } from './compare-checkpoints.ts';
export { renderReportHtml } from './render-html.ts';
export { renderReportText } from './render-text.ts';
export { openCheckpoint, type Checkpoint } from './checkpoint.ts';
export { SafetensorsError } from './safetensors-error.ts';
