// Child process for the crash tests: runs one corpus change (add, replace or remove) and, when CRASH_AT_STEP=N
// is set, kills itself (SIGKILL, no cleanup) right after the Nth durable step (fsync, link, rename, unlink…).
// Without it, prints the steps it took as JSON. Not a test file itself.
import { relative } from 'node:path';
import { addArticle, moderationSettings, removeArticle, replaceArticle } from '../src/moderation/index.js';

const [dir, action, id] = process.argv.slice(2);
const crashAt = Number(process.env.CRASH_AT_STEP ?? 0);
const steps: string[] = [];
const ctx = {
  dir,
  settings: moderationSettings({}),
  now: () => new Date('2025-06-01T12:00:00.000Z'),
  hooks: {
    step: (op: string, file: string) => {
      steps.push(`${op} ${relative(dir, file) || '.'}`);
      if (steps.length === crashAt) process.kill(process.pid, 'SIGKILL');
    },
  },
};
const draft = {
  title: 'Crash test article',
  date: '2025-05-16',
  paragraphs: ['Peskov said the crash test would leave no half-written article behind in the corpus.'],
};
const who = { id: '42', name: 'crashy' };
if (action === 'replace') await replaceArticle(ctx, id, draft, who);
else if (action === 'remove') await removeArticle(ctx, id, who);
else await addArticle(ctx, draft, who);
console.log(JSON.stringify(steps));
