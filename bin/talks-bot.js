#!/usr/bin/env node
// `npx talks-bot <command> …`: the compiled CLI (npm run build / npm ci build dist/). Prints only what the CLI prints.
import '../dist/src/cli/main.js';
