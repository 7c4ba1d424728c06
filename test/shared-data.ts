// Where the project's shared data lives: `shared/` beside the repository (as in CI and on developers'
// machines), or SHARED_DIR. The seed articles are also bundled in corpus/, which serves when shared/ is absent.
import { cpSync, existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export const SHARED_DIR = process.env.SHARED_DIR ?? path.resolve(REPO, '../shared');
export const SEEDS = existsSync(path.join(SHARED_DIR, 'seeds')) ? path.join(SHARED_DIR, 'seeds') : path.join(REPO, 'corpus');
export const SEED_EVAL = path.join(SHARED_DIR, 'eval/seed-quotes.json');

/**
 * The seed article files. Dot-entries (a `.cache`, `.trash`, an editor's swap file) are not articles and may be left
 * there by anything else, so tests never copy or count them. Shared data is read-only: tests copy, never write.
 */
export function seedFiles(): string[] {
  return readdirSync(SEEDS).filter((name) => !name.startsWith('.')).sort();
}

/** Copies the seed articles (only them) into `dir`. */
export function copySeeds(dir: string): void {
  for (const name of seedFiles()) cpSync(path.join(SEEDS, name), path.join(dir, name), { recursive: true });
}
