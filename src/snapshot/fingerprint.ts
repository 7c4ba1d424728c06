// What a snapshot was built with. MiniSearch stores terms, not the functions that made them, and the snapshot
// stores cleaned paragraphs and extracted quotes: a snapshot is only valid for the same reading, cleaning,
// quote extraction and term processing. The fingerprint hashes the source of those modules, the MiniSearch
// version and options, and the terms a probe list of tricky words produces (which catches a behaviour change
// even where the code that caused it lives elsewhere).
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { MINISEARCH_OPTIONS } from '../search/index.js';
import { processIndexTerm, tokenize } from '../search/text.js';
import { SNAPSHOT_VERSION } from './file.js';

/** Bump to invalidate every snapshot by hand (e.g. a change the hashes below cannot see). */
export const TERM_PROCESSING_VERSION = 1;

/** Source folders (relative to src/) whose code shapes what a snapshot holds. */
const SOURCE_DIRS = ['corpus', 'quotes', 'search'];

const PROBE = `Zelenskyy's Zelensky Erdoğan cease-fire ceasefire Putin’s negotiations negotiating talks
  de-escalation pro-Russian Kyiv’s “quoted” the and of 2025 U.S. NATO-led ISW's long-range`;

function sourceDigest(hash: ReturnType<typeof createHash>): void {
  const src = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  for (const dir of SOURCE_DIRS) {
    let names: string[];
    try {
      // .json too: model weights or word lists a module loads are part of what it does.
      names = readdirSync(path.join(src, dir)).filter((n) => /\.(?:[cm]?[jt]s|json)$/.test(n)).sort();
    } catch {
      // Bundled builds have no source tree: the probe and the options still cover term processing.
      hash.update(`no-source:${dir}`);
      continue;
    }
    for (const name of names) {
      hash.update(`${dir}/${name}\0`);
      hash.update(readFileSync(path.join(src, dir, name)));
    }
  }
}

/**
 * An installed package's version ('unknown' if unreadable). A package.json is not always in a package's `exports`,
 * so it is found from the resolved entry point rather than required.
 */
function packageVersion(name: string): string {
  let dir: string;
  try {
    dir = path.dirname(createRequire(import.meta.url).resolve(name));
  } catch {
    return 'unknown';
  }
  for (let up = 0; up < 4; up++, dir = path.dirname(dir)) {
    try {
      const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === name && pkg.version) return pkg.version;
    } catch { /* not this folder: go up */ }
  }
  return 'unknown';
}

/** The installed MiniSearch's version ('unknown' if unreadable). */
export function miniSearchVersion(): string {
  return packageVersion('minisearch');
}

let cached: string | null = null;

/** A short hex digest; equal fingerprints mean a snapshot may be loaded with the current code. */
export function termFingerprint(): string {
  if (cached) return cached;
  const hash = createHash('sha256');
  hash.update(`snapshot:${SNAPSHOT_VERSION};terms:${TERM_PROCESSING_VERSION};minisearch:${packageVersion('minisearch')}\n`);
  // The extractor's part-of-speech tagger: another model tags differently, so quotes may change.
  hash.update(`wink-nlp:${packageVersion('wink-nlp')};model:${packageVersion('wink-eng-lite-web-model')}\n`);
  const { tokenize: _t, processTerm: _p, searchOptions: _s, ...plain } = MINISEARCH_OPTIONS;
  hash.update(JSON.stringify(plain));
  hash.update(String(MINISEARCH_OPTIONS.tokenize) + String(MINISEARCH_OPTIONS.processTerm));
  hash.update(JSON.stringify(tokenize(PROBE).map((w) => [w, processIndexTerm(w)])));
  sourceDigest(hash);
  cached = hash.digest('hex').slice(0, 32);
  return cached;
}
