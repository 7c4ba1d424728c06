// `npm run db:migrate`, `db:import -- --corpus DIR`, `db:export -- --out DIR`: argument parsing, the store from
// DATABASE_URL, one-line errors and exit codes (0 done, 1 failed, 2 bad usage). No process exit in here.
import { parseArgs } from 'node:util';
import { CorpusDirError } from '../corpus/read.js';
import { UserError } from '../errors.js';
import { ConfigError, databaseSettings, loadEnv, redactUrl, type Env } from '../settings.js';
import { describeDbError, openDb, type Db } from './connect.js';
import { exportCorpus } from './export.js';
import { importCorpus } from './import.js';
import { ensureSchema, migrate } from './migrate.js';

export interface ToolIo {
  env?: Env;
  out?: (line: string) => void;
  err?: (line: string) => void;
}

type Tool = (db: Db, args: string[], io: Required<Pick<ToolIo, 'out' | 'err'>>) => Promise<void>;

class UsageError extends Error {}

function options(args: string[], spec: Record<string, { type: 'string' }>): Record<string, string | undefined> {
  try {
    return parseArgs({ args, options: spec, strict: true, allowPositionals: false }).values as Record<string, string | undefined>;
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

function count(value: string | undefined, flag: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new UsageError(`${flag} takes a whole number of 1 or more, not "${value}"`);
  return Number(value);
}

async function run(tool: Tool, args: string[], io: ToolIo): Promise<number> {
  const out = io.out ?? ((line: string) => process.stdout.write(`${line}\n`));
  const err = io.err ?? ((line: string) => process.stderr.write(`${line}\n`));
  let url: string | null;
  try {
    url = databaseSettings(io.env ?? loadEnv()).url;
  } catch (e) {
    if (e instanceof ConfigError) { err(e.message); return 1; }
    throw e;
  }
  if (!url) {
    err('DATABASE_URL is not set: put postgres://user:password@host:5432/dbname in .env (see .env.example).');
    return 1;
  }
  const db = openDb(url, { log: err });
  try {
    await tool(db, args, { out, err });
    return 0;
  } catch (e) {
    if (e instanceof UsageError) { err(e.message); return 2; }
    const described = describeDbError(e, url);
    if (described instanceof UserError || described instanceof CorpusDirError) { err(described.message); return 1; }
    err(`failed on ${redactUrl(url)}: ${described instanceof Error ? described.message : String(described)}`);
    return 1;
  } finally {
    await db.end().catch(() => undefined);
  }
}

export function dbMigrate(args: string[], io: ToolIo = {}): Promise<number> {
  return run(async (db, argv, { out }) => {
    options(argv, {});
    const report = await migrate(db, { log: out });
    out(report.applied.length ? `database schema at version ${report.version}` : `database schema already at version ${report.version}`);
  }, args, io);
}

export function dbImport(args: string[], io: ToolIo = {}): Promise<number> {
  return run(async (db, argv, { out, err }) => {
    const opts = options(argv, { corpus: { type: 'string' }, every: { type: 'string' } });
    if (!opts.corpus) throw new UsageError('usage: npm run db:import -- --corpus DIR [--every N]');
    const every = count(opts.every, '--every', 1000);
    await ensureSchema(db, { log: out });
    const r = await importCorpus(db, opts.corpus, { log: out, progressEvery: every });
    for (const p of r.problems) err(`skipped ${p.file}: ${p.error}`);
    out(`imported ${r.files} files from ${opts.corpus}: ${r.added} added, ${r.replaced} replaced, ${r.unchanged} unchanged, `
      + `${r.problems.length} skipped (${r.seconds.toFixed(1)} s, ${Math.round(r.files / Math.max(r.seconds, 0.001))} files/s)`);
  }, args, io);
}

export function dbExport(args: string[], io: ToolIo = {}): Promise<number> {
  return run(async (db, argv, { out, err }) => {
    const opts = options(argv, { out: { type: 'string' }, every: { type: 'string' } });
    if (!opts.out) throw new UsageError('usage: npm run db:export -- --out DIR [--every N]');
    await ensureSchema(db, { log: out });
    const r = await exportCorpus(db, opts.out, { log: out, progressEvery: count(opts.every, '--every', 1000) });
    for (const p of r.problems) err(`skipped ${p.file}: ${p.error}`);
    out(`exported ${r.written} articles to ${opts.out}${r.problems.length ? `, ${r.problems.length} skipped` : ''} (${r.seconds.toFixed(1)} s)`);
  }, args, io);
}
