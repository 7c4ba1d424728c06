// Database tests run against a real PostgreSQL named by TEST_DATABASE_URL (`npm run test:pg` or .ci/run start one:
// scripts/pg-test.sh). Each test file gets databases of its own, dropped at the end, so files run in parallel.
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import pg from 'pg';
import { openDb, type Db } from '../src/db/connect.js';

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? '';
export const NO_DATABASE = !TEST_DATABASE_URL;

let noted = false;
/** Says once per file why its database tests are skipped. */
export function noteSkipped(file: string): void {
  if (NO_DATABASE && !noted) {
    noted = true;
    console.log(`${file}: skipped, TEST_DATABASE_URL is not set (run \`npm run test:pg\` to include the PostgreSQL tests)`);
  }
}

export interface TestDatabase {
  url: string;
  db: Db;
  drop: () => Promise<void>;
}

/** A new, empty database on the test server. */
export async function freshDatabase(): Promise<TestDatabase> {
  const name = `talks_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  const db = openDb(url.toString());
  return {
    url: url.toString(),
    db,
    drop: async () => {
      await db.end().catch(() => undefined);
      const c = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}

/** A TCP relay to the database that can be cut (every connection dropped, nothing accepted) and restored. */
export class Relay {
  private server: net.Server | null = null;
  private readonly sockets = new Set<net.Socket>();
  port = 0;
  constructor(private readonly target: { host: string; port: number }) {}
  async open(): Promise<void> {
    const server = net.createServer((client) => {
      const upstream = net.connect(this.target.port, this.target.host);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => undefined);
      }
      client.pipe(upstream).pipe(client);
    });
    // The port is kept across cut() and open(), so it comes from below the kernel's ephemeral range: a port the
    // kernel handed out could meanwhile be taken as the local end of some other test's connection.
    const fixed = this.port !== 0;
    for (let attempt = 0; ; attempt++) {
      const port = fixed ? this.port : 20_000 + Math.floor(Math.random() * 12_000);
      const err = await new Promise<NodeJS.ErrnoException | null>((resolve) => {
        server.once('error', resolve);
        server.listen(port, '127.0.0.1', () => {
          server.off('error', resolve);
          resolve(null);
        });
      });
      if (!err) break;
      if (err.code !== 'EADDRINUSE' || attempt >= 50) throw err;
      if (fixed) await new Promise((r) => setTimeout(r, 100));
    }
    this.port = (server.address() as net.AddressInfo).port;
    this.server = server;
  }
  async cut(): Promise<void> {
    const server = this.server;
    this.server = null;
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  }
}
