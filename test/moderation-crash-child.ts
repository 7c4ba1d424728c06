// Child process for the crash test: starts a corpus change and kills itself (SIGKILL, no cleanup)
// right after the temp file is durable and before it becomes visible. Not a test file itself.
import { addArticle, moderationSettings, replaceArticle } from '../src/moderation/index.js';

const [dir, action, id] = process.argv.slice(2);
const ctx = {
  dir,
  settings: moderationSettings({}),
  hooks: { afterTempWrite: () => { process.kill(process.pid, 'SIGKILL'); } },
};
const draft = {
  title: 'Crash test article',
  date: '2025-05-16',
  paragraphs: ['Peskov said the crash test would leave no half-written article behind in the corpus.'],
};
const who = { id: '42', name: 'crashy' };
if (action === 'replace') await replaceArticle(ctx, id, draft, who);
else await addArticle(ctx, draft, who);
console.log('not killed?');
