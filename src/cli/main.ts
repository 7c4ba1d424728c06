// `npm run cli -- <command> [args] [--corpus DIR] [--json] [--limit N]`
import { openCorpus } from '../snapshot/open.js';
import { EngineError, type Engine } from '../engine.js';
import { ConfigError, corpusSettings, databaseSettings, loadEnv, snapshotSettings } from '../settings.js';
import { DatabaseError } from '../db/errors.js';
import { parseArgs, UsageError, type CliRequest } from './args.js';
import { ANSI, PLAIN } from './render.js';
import { EXIT, failure, runRequest, type CliOutput } from './run.js';

function emit(out: CliOutput): void {
  if (out.stdout) process.stdout.write(`${out.stdout}\n`);
  if (out.stderr) process.stderr.write(`${out.stderr}\n`);
  process.exitCode = out.code;
}

async function main(argv: string[]): Promise<void> {
  const env = loadEnv();
  let req: CliRequest;
  try {
    req = parseArgs(argv);
  } catch (err) {
    if (err instanceof UsageError) return emit(failure({ json: argv.includes('--json') }, EXIT.usage, 'usage', err.message));
    throw err;
  }
  let engine: Engine;
  let databaseUrl: string | null;
  try {
    databaseUrl = databaseSettings(env).url;
  } catch (err) {
    if (err instanceof ConfigError) return emit(failure(req, EXIT.usage, 'bad-setting', err.message));
    throw err;
  }
  // DATABASE_URL makes the database the corpus; `--corpus DIR` still reads that folder. Loaded only when used.
  if (databaseUrl && req.corpus === undefined) {
    try {
      const { openDatabaseCorpus } = await import('../db/open.js');
      engine = await openDatabaseCorpus(databaseUrl, { log: req.json ? undefined : (line) => process.stderr.write(`${line}\n`) });
    } catch (err) {
      if (err instanceof DatabaseError) return emit(failure(req, EXIT.notFound, err.code, err.message));
      throw err;
    }
    return emit(runRequest(engine, req, process.stdout.isTTY ? ANSI : PLAIN));
  }
  try {
    // A --corpus folder is only read: its snapshot goes to the per-user cache, not into it (see snapshotFileFor).
    engine = await openCorpus(req.corpus ?? corpusSettings(env).dir, {
      snapshot: snapshotSettings(env),
      // Problems and rebuild progress matter to a person at the terminal; routine snapshot loads do not.
      log: req.json ? undefined : (line) => { if (!line.startsWith('snapshot loaded')) process.stderr.write(`${line}\n`); },
    });
  } catch (err) {
    if (err instanceof EngineError) return emit(failure(req, EXIT.notFound, err.code, err.message));
    throw err;
  }
  emit(runRequest(engine, req, process.stdout.isTTY ? ANSI : PLAIN));
}

await main(process.argv.slice(2));
