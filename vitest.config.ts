import { defineConfig } from 'vitest/config';

// Three projects, run one after another by `npm test` (package.json) so that end-to-end tests, whose bots must
// answer within Discord's deadlines, never share the 2 cores with CPU-heavy checks:
//   unit: everything else (the quick loop: `npm run test:unit`)
//   e2e:  real processes and the fake Discord (also any `*.e2e.test.ts`), one file at a time (their bots answer
//         100 interactions within Discord's 3 s); runs the compiled dist/, built first
//   perf: speed and big-data checks, one file at a time
const E2E = [
  'test/bot-deploy.test.ts', 'test/bot-router.test.ts', 'test/bot-run.test.ts', 'test/bot-shard-sync.test.ts',
  'test/bot-sharded.test.ts', 'test/bot.test.ts', 'test/cli.test.ts', 'test/corpus-catch-up.test.ts',
  'test/fake-discord.test.ts', 'test/health-e2e.test.ts', 'test/moderation-defer.test.ts', 'test/moderation-e2e.test.ts',
  'test/moderation-store.test.ts', 'test/fingerprint-dist.test.ts', 'test/**/*.e2e.test.ts', 'test/**/*-e2e.test.ts',
  // Child processes killed or racing, feeds polled by real shard processes.
  'test/moderation-durability.test.ts', 'test/feeds-crash.test.ts', 'test/feeds-sharded.test.ts',
];
const PERF = [
  'test/perf-*.test.ts', 'test/bench.test.ts', 'test/quotes-eval.test.ts', 'test/**/*.perf.test.ts',
  // Whole-corpus builds over the evaluation data (../shared): seconds of CPU each.
  'test/snapshot.test.ts', 'test/snapshot-postings.test.ts', 'test/snapshot-search.test.ts', 'test/phrase-index.test.ts',
  'test/polnear-gate.test.ts', 'test/corpus-untrusted-files.test.ts',
];

const shared = { testTimeout: 30_000, hookTimeout: 30_000 };

export default defineConfig({
  test: {
    projects: [
      { test: { ...shared, name: 'unit', include: ['test/**/*.test.ts'], exclude: [...E2E, ...PERF] } },
      { test: { ...shared, name: 'e2e', include: E2E, globalSetup: ['test/build-dist.ts'], fileParallelism: false } },
      { test: { ...shared, name: 'perf', include: PERF, fileParallelism: false } },
    ],
  },
});
