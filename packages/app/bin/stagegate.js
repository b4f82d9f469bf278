#!/usr/bin/env node
// The workspace's `stagegate` command. Sources are TypeScript run through tsx, so there is no
// build step between an edit and the CLI a developer or CI runs.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
