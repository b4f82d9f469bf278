import { readFileSync } from 'node:fs';

/** The app package's version, written into every bundle so a reader knows which Stagegate made it. */
export const STAGEGATE_VERSION: string = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
