// Where the project's shared data lives: `shared/` beside the repository (as in CI and on developers'
// machines), or SHARED_DIR. The seed articles are also bundled in corpus/, which serves when shared/ is absent.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export const SHARED_DIR = process.env.SHARED_DIR ?? path.resolve(REPO, '../shared');
export const SEEDS = existsSync(path.join(SHARED_DIR, 'seeds')) ? path.join(SHARED_DIR, 'seeds') : path.join(REPO, 'corpus');
export const SEED_EVAL = path.join(SHARED_DIR, 'eval/seed-quotes.json');
