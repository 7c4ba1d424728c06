// Feeds and queue items in words, for /feeds list and /feeds queue. Free text is escaped by the caller's `esc`.
import type { FeedRecord, QueueItem } from './state.js';

function ago(iso: string | undefined, now: Date): string {
  if (!iso) return 'never';
  const ms = now.getTime() - Date.parse(iso);
  if (!Number.isFinite(ms)) return 'unknown';
  const future = ms < 0;
  const m = Math.round(Math.abs(ms) / 60_000);
  const span = m < 1 ? 'less than a minute' : m < 60 ? `${m} min` : m < 48 * 60 ? `${Math.round(m / 60)} h` : `${Math.round(m / 1440)} days`;
  return future ? `in ${span}` : `${span} ago`;
}

export function feedStateWords(f: FeedRecord): string {
  if (f.paused) return '⏸️ paused';
  if (!f.primed && !f.lastError) return '🆕 not checked yet';
  if (f.errorCount > 0) return `⚠️ failing (${f.errorCount} error${f.errorCount === 1 ? '' : 's'} in a row)`;
  return '✅ active';
}

export function describeFeed(f: FeedRecord, now: Date, esc: (s: string) => string, pending = 0): string {
  const lines = [
    `**${esc(f.name)}** \`${f.id}\` — ${feedStateWords(f)}`,
    `<${esc(f.url)}>`,
    [
      f.approval ? 'approval: on (items are queued)' : 'approval: off (items are added)',
      f.keywords.length ? `keywords: ${esc(f.keywords.join(', '))}` : 'keywords: none (every item)',
      f.channelId ? `channel: <#${f.channelId}>` : 'channel: the mod-log',
    ].join(' · '),
    `last check ${ago(f.lastCheckAt, now)} · last success ${ago(f.lastSuccessAt, now)}${f.paused ? '' : ` · next ${ago(f.nextPollAt, now)}`} · ${f.imported} added, ${f.queued} queued${pending ? `, ${pending} waiting` : ''}`,
  ];
  if (f.lastError) lines.push(`last error (${ago(f.lastErrorAt, now)}): ${esc(f.lastError)}`);
  for (const e of f.itemErrors.slice(-3)) lines.push(`item problem: ${esc(e)}`);
  return lines.join('\n');
}

export function describeQueueItem(q: QueueItem, esc: (s: string) => string, guildId: string | null): string {
  const link = q.messageId && q.channelId && guildId ? ` — [review card](https://discord.com/channels/${guildId}/${q.channelId}/${q.messageId})` : '';
  return `\`${q.id}\` **${esc(q.title || '(no title)')}** — ${esc(q.source ?? q.feedName)}, ${q.date ?? 'no date'} (feed ${esc(q.feedName)})${link}`;
}
