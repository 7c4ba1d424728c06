// What users run: the compiled JavaScript in dist/ (built by `npm ci` through `prepare`, and by the e2e project's
// global setup before its tests), started with plain node — no TypeScript loader.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './fake-discord/harness.js';

/** `src/cli/main.ts` → absolute path of `dist/src/cli/main.js`; throws if it was not built. */
export function compiled(script: string): string {
  const out = join(REPO_ROOT, 'dist', script.replace(/\.ts$/, '.js'));
  if (!existsSync(out)) throw new Error(`${out} is missing: run \`npm run build\` first`);
  return out;
}
