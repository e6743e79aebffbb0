#!/usr/bin/env node
// The `bboor` command: runs the compiled CLI (built by `npm install` through the prepare script).
import { existsSync } from 'node:fs';

const cli = new URL('../dist/src/cli.js', import.meta.url);
if (!existsSync(cli)) {
  console.error('bboor is not built yet: run `npm run build` (npm install does this too).');
  process.exit(1);
}
await import(cli.href);
