// The second process of `npm run db:bench`: another host on the same database. It opens its engine from the
// store (cold, or from its snapshot file when one is there), follows changes, and says on stdout, one JSON object
// a line, when it is ready and when each article the benchmark adds is found by a search.
//   tsx scripts/db-bench-host.ts DATABASE_URL SNAPSHOT_FILE
import { openDb } from '../src/db/connect.js';
import { followChanges, type ChangeTarget } from '../src/db/follow.js';
import { openDbEngineFromSnapshot } from '../src/db/snapshot.js';

const [url, snapshotFile] = process.argv.slice(2);
if (!url || !snapshotFile) {
  console.error('usage: db-bench-host.ts DATABASE_URL SNAPSHOT_FILE');
  process.exit(2);
}
/** Milliseconds on a clock both processes share (the host's). */
const now = (): number => performance.timeOrigin + performance.now();
const say = (line: object): void => {
  process.stdout.write(`${JSON.stringify(line)}\n`);
};

const spawnedAt = Number(process.env.BENCH_SPAWNED_AT ?? now());
const db = openDb(url);
const { engine, seq, report } = await openDbEngineFromSnapshot(db, { file: snapshotFile });
say({ ready_ms: Math.round(now() - spawnedAt), source: report.source, articles: engine.allArticles().length, rss_mb: Math.round(process.memoryUsage().rss / 1e6) });

// Each benchmark article counts as found once a search for its words returns it, as a user's would.
const target: ChangeTarget = {
  getArticle: (id) => engine.getArticle(id),
  removeArticle: (id) => engine.removeArticle(id),
  replaceArticle(article, extracted) {
    engine.replaceArticle(article, extracted);
    const n = /^bench_(\d+)$/.exec(article.id)?.[1];
    if (n !== undefined && engine.search(`benchmark${n}`).results.some((r) => r.article === article.id)) say({ found: article.id, at: now() });
  },
};
const follower = followChanges({ url, engine: target, fromSeq: seq });
process.on('SIGTERM', () => {
  void follower.stop().then(() => db.end()).then(() => process.exit(0));
});
