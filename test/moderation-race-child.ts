// Child process for the cross-process duplicate test: says it is ready, waits for the parent's "go" file, then adds the same
// article as its sibling process, holding its write open long enough that an unlocked check-then-write would
// let both through. Prints { id } or { code }. Not a test file itself.
import { existsSync, writeFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { addArticle, isModerationError, moderationSettings } from '../src/moderation/index.js';

const [dir, go] = process.argv.slice(2);
const ctx = { dir, settings: moderationSettings({}), hooks: { afterTempWrite: () => sleep(400) } };
const draft = {
  title: 'Envoys meet again in Geneva',
  date: '2025-05-20',
  url: 'https://news.example.org/geneva-envoys',
  paragraphs: ['The envoy said both delegations would meet again in Geneva next week to discuss prisoners.'],
};
writeFileSync(`${go}.ready-${process.pid}`, ''); // loaded and waiting
while (!existsSync(go)) await sleep(5);
try {
  const res = await addArticle(ctx, draft, { id: String(process.pid), name: 'racer' });
  console.log(JSON.stringify({ id: res.id }));
} catch (err) {
  if (!isModerationError(err)) throw err;
  console.log(JSON.stringify({ code: err.code }));
}
