// Child process for the feeds kill -9 test: polls one feed and kills itself (SIGKILL, no cleanup) at a chosen
// moment of the second item. Not a test file itself.
import { pollFeed, type FeedDeps } from '../src/feeds/poll.js';
import { feedSettings } from '../src/feeds/settings.js';
import { blockedAddressReason } from '../src/moderation/netguard.js';
import { moderationSettings } from '../src/moderation/settings.js';

const [dir, feedId, mode] = process.argv.slice(2) as [string, string, string];
let added = 0;
const die = () => process.kill(process.pid, 'SIGKILL');
const deps: FeedDeps = {
  mctx: {
    dir,
    settings: { ...moderationSettings({}), urlTimeoutMs: 2000 },
    // 'temp-write': the second article's file is durable but not yet visible.
    hooks: { afterTempWrite: () => { if (mode === 'temp-write' && added === 1) die(); } },
  },
  settings: feedSettings({}),
  now: () => new Date(),
  log: () => undefined,
  addressPolicy: (ip) => (ip === '127.0.0.1' ? null : blockedAddressReason(ip)),
  // 'after-add': the second article is stored and indexed, but the feed has not recorded it as seen.
  onArticleAdded: () => { added++; if (mode === 'after-add' && added === 2) die(); },
  // 'post': the item is queued but its review card was never posted.
  post: async () => { if (mode === 'post') die(); return undefined; },
  defaultChannelId: '123',
};
await pollFeed(deps, feedId);
console.log('not killed?');
