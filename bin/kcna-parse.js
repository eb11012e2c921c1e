#!/usr/bin/env node
// dist/cli.mjs is the command-line program bundled into one file (scripts/bundle-cli.mjs), which
// starts faster than the same modules loaded one by one from dist/cli/.
import { main } from '../dist/cli.mjs';

await main();
