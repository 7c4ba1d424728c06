// The review card a queued item is posted as, and the notices feeds post. Plain message bodies (REST JSON);
// every free text is escaped so an article title cannot mention or format anything.
import type { APIEmbed } from 'discord.js';
import { LIMITS, escapeAndTruncate, safeUrl, truncate } from '../bot/limits.js';
import type { QueueItem } from './state.js';

export interface MessageBody {
  content?: string;
  embeds?: APIEmbed[];
  components?: Array<{ type: 1; components: Array<{ type: 2; style: number; label: string; custom_id: string }> }>;
  allowed_mentions: { parse: [] };
}

/** The custom_id prefix of the review buttons: `feeds:approve:<queue id>` / `feeds:reject:<queue id>`. */
export const BUTTON_PREFIX = 'feeds';

export function quoteLines(item: QueueItem, max = 5): string[] {
  const lines = item.quotes.slice(0, max).map((q) =>
    `• “${escapeAndTruncate(q.text, 160)}” — **${escapeAndTruncate(q.speaker ?? 'speaker unknown', 60)}** (¶${q.paragraph})`);
  if (item.quotes.length > max) lines.push(`…and ${item.quotes.length - max} more`);
  return lines;
}

export function itemEmbed(item: QueueItem): APIEmbed {
  const fields = [
    { name: 'Source', value: escapeAndTruncate(item.source ?? 'unknown', 200), inline: true },
    { name: 'Date', value: item.date ?? 'not stated', inline: true },
    { name: 'Feed', value: escapeAndTruncate(item.feedName, 200), inline: true },
    {
      name: item.quotes.length ? 'Quotes found (first few)' : 'Quotes found',
      value: item.quotes.length ? truncate(quoteLines(item).join('\n'), LIMITS.fieldValue) : 'None — check that the page was read well.',
    },
  ];
  const embed: APIEmbed = {
    title: escapeAndTruncate(item.title || '(no title)', 250),
    fields,
    footer: { text: `queue item ${item.id}` },
  };
  const link = safeUrl(item.url);
  if (link) embed.url = link;
  return embed;
}

export function reviewCard(item: QueueItem): MessageBody {
  return {
    content: `📰 New item from feed **${escapeAndTruncate(item.feedName, 100)}** waits for review.`,
    embeds: [itemEmbed(item)],
    components: [{
      type: 1,
      components: [
        { type: 2, style: 3, label: 'Approve', custom_id: `${BUTTON_PREFIX}:approve:${item.id}` },
        { type: 2, style: 4, label: 'Reject', custom_id: `${BUTTON_PREFIX}:reject:${item.id}` },
      ],
    }],
    allowed_mentions: { parse: [] },
  };
}

/** The card once decided: same embed, no buttons, and who decided. */
export function decidedCard(item: QueueItem): Omit<MessageBody, 'allowed_mentions'> {
  return { content: decisionLine(item), embeds: [itemEmbed(item)], components: [] };
}

export function decisionLine(item: QueueItem): string {
  const who = escapeAndTruncate(item.decidedBy ?? 'someone', 100);
  const when = item.decidedAt ? ` at ${item.decidedAt.slice(0, 16).replace('T', ' ')} UTC` : '';
  if (item.status === 'approved') {
    const what = !item.article ? '' : item.alreadyInCorpus ? `: it was already in the corpus as \`${item.article}\`` : `: added as \`${item.article}\``;
    return `✅ Approved by ${who}${when}${what}.`;
  }
  if (item.status === 'rejected') return `🚫 Rejected by ${who}${when}.`;
  return '⏳ Waiting for review.';
}

export function notice(text: string): MessageBody {
  return { content: truncate(text, LIMITS.content), allowed_mentions: { parse: [] } };
}
