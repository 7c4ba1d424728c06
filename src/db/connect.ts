// One connection pool per process, and the one-line message for a database that cannot be reached.
import pg from 'pg';
import { redactUrl } from '../settings.js';
import { DatabaseError } from './errors.js';

export type Db = pg.Pool;

export interface ConnectOptions {
  /** Give up on a connection attempt after this long (pg's default is to wait forever). */
  connectTimeoutMs?: number;
  max?: number;
  log?: (line: string) => void;
}

/**
 * Runs `work` on one connection inside a transaction (`begin` opens it): committed when `work` returns, rolled back
 * when it throws, and the connection released either way.
 */
export async function inTransaction<T>(db: Db, work: (client: pg.PoolClient) => Promise<T>, begin = 'BEGIN'): Promise<T> {
  const client = await db.connect();
  try {
    await client.query(begin);
    try {
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    }
  } finally {
    client.release();
  }
}

/** A pool for `url`. Nothing is connected yet: the first query connects (and may throw, see describeDbError). */
export function openDb(url: string, opts: ConnectOptions = {}): Db {
  const pool = new pg.Pool({
    connectionString: url,
    max: opts.max ?? 4,
    connectionTimeoutMillis: opts.connectTimeoutMs ?? 10_000,
    application_name: 'talks-bot',
  });
  // An idle connection dropped by the server (restart, network) emits 'error' on the pool; unhandled, that
  // would kill the process. The next query simply opens a new connection.
  pool.on('error', (err) => opts.log?.(`database connection lost: ${err.message}`));
  return pool;
}

const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', '57P01', '57P03']);

/**
 * A database failure as one line naming the server (password hidden) and what went wrong; errors that are not
 * about reaching or logging into the database come back unchanged.
 */
export function describeDbError(err: unknown, url: string): unknown {
  if (err instanceof DatabaseError) return err;
  const e = err as { code?: string; message?: string };
  const where = redactUrl(url);
  const message = e?.message ?? String(err);
  if ((e?.code && UNREACHABLE.has(e.code)) || /timeout|terminated|Connection terminated/i.test(message)) {
    return new DatabaseError(`The database at ${where} cannot be reached (${message}); is PostgreSQL running?`, 'db-unavailable');
  }
  // 28xxx: authentication; 3D000: no such database.
  if (e?.code?.startsWith('28') || e?.code === '3D000') {
    return new DatabaseError(`The database at ${where} refused the connection: ${message}.`, 'db-unavailable');
  }
  return err;
}
