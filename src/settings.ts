// Settings shared by every front end, from the environment (and .env via dotenv).
import { config as loadDotenv } from 'dotenv';

let loaded = false;

/** Loads .env once; variables already set in the environment win. */
export function loadEnv(): NodeJS.ProcessEnv {
  if (!loaded) {
    loadDotenv({ quiet: true });
    loaded = true;
  }
  return process.env;
}

export const DEFAULT_CORPUS_DIR = './corpus';

export function corpusDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.CORPUS_DIR?.trim() || DEFAULT_CORPUS_DIR;
}
