// When an article is newly indexed (a feed, an approval, a moderator's /add-article), post its quotes that match an
// alert: the quote, speaker, citation and link; never a mention; at most one message per article per alert; and
// once a channel got more than DIGEST_AFTER messages in DIGEST_WINDOW_MS, the rest are gathered into one digest.
import type { QuoteHit } from '../answers.js';
import { LIMITS, escapeAndTruncate, safeUrl, truncate } from '../bot/limits.js';
import type { MessageBody } from '../feeds/card.js';
import { matchesKeywords } from '../feeds/keywords.js';
import { describeAlert, loadAlerts, updateAlerts, type Alert } from './state.js';

export const DIGEST_AFTER = 5;
export const DIGEST_WINDOW_MS = 10 * 60_000;

export interface AlertEngine {
  quotes(): { results: QuoteHit[] };
  speaker(name: string): { id: string; name: string } | undefined;
}

export interface AlertDeps {
  dir: string;
  engine: AlertEngine;
  post: (channelId: string, body: MessageBody) => Promise<string | undefined>;
  now: () => number;
  log: (line: string) => void;
}

export function matchingQuotes(alert: Alert, quotes: readonly QuoteHit[], engine: AlertEngine): QuoteHit[] {
  if (alert.topic) return quotes.filter((q) => matchesKeywords([alert.topic!], q.text));
  if (alert.speaker) {
    const id = engine.speaker(alert.speaker)?.id;
    const name = alert.speaker.trim().toLowerCase();
    return quotes.filter((q) => (id && q.speakerId === id) || q.speaker?.toLowerCase() === name);
  }
  return [];
}

function citation(q: QuoteHit): string {
  const where = [q.source, q.date?.slice(0, 10)].filter(Boolean).map((s) => escapeAndTruncate(s!, 80)).join(', ');
  const link = safeUrl(q.url);
  return `*${escapeAndTruncate(q.title, 150)}*${where ? ` (${where})` : ''}, ¶${q.paragraph} · \`${q.article}\`${link ? ` · <${link}>` : ''}`;
}

export function alertMessage(alert: Alert, quotes: readonly QuoteHit[]): string {
  const q = quotes[0]!;
  const more = quotes.length > 1 ? `\n…and ${quotes.length - 1} more matching quote${quotes.length === 2 ? '' : 's'} in this article.` : '';
  return truncate(`🔔 **Alert: ${escapeAndTruncate(describeAlert(alert), 120)}**\n“${escapeAndTruncate(q.text, 900)}” — **${escapeAndTruncate(q.speaker ?? 'speaker unknown', 80)}**\n${citation(q)}${more}`, LIMITS.content);
}

export class AlertDispatcher {
  /** Per channel: lines waiting for the digest, and when it goes out. */
  private readonly digests = new Map<string, { lines: string[]; timer: NodeJS.Timeout }>();

  constructor(readonly deps: AlertDeps) {}

  /** Never throws; logs what went wrong. */
  async articleAdded(articleId: string): Promise<void> {
    try {
      const { alerts } = await loadAlerts(this.deps.dir);
      if (alerts.length === 0) return;
      const quotes = this.deps.engine.quotes().results.filter((q) => q.article === articleId);
      if (quotes.length === 0) return;
      for (const alert of alerts) {
        const hits = matchingQuotes(alert, quotes, this.deps.engine);
        if (hits.length === 0) continue;
        const now = this.deps.now();
        const send = await updateAlerts(this.deps.dir, (s): 'post' | 'digest' | 'done' => {
          const key = `${alert.id} ${articleId}`;
          if (s.announced.includes(key) || !s.alerts.some((a) => a.id === alert.id)) return 'done';
          s.announced.push(key);
          const recent = (s.recent[alert.channelId] ?? []).filter((t) => now - Date.parse(t) < DIGEST_WINDOW_MS);
          if (recent.length >= DIGEST_AFTER) {
            s.recent[alert.channelId] = recent;
            return 'digest';
          }
          s.recent[alert.channelId] = [...recent, new Date(now).toISOString()];
          return 'post';
        });
        if (send === 'post') await this.deps.post(alert.channelId, { content: alertMessage(alert, hits), allowed_mentions: { parse: [] } });
        else if (send === 'digest') this.addToDigest(alert, hits);
      }
    } catch (err) {
      this.deps.log(`alerts: could not check ${articleId}: ${(err as Error).message}`);
    }
  }

  private addToDigest(alert: Alert, hits: QuoteHit[]): void {
    const q = hits[0]!;
    const line = `• ${escapeAndTruncate(describeAlert(alert), 60)}: “${escapeAndTruncate(q.text, 160)}” — **${escapeAndTruncate(q.speaker ?? 'speaker unknown', 60)}**, ${citation(q)}`;
    const d = this.digests.get(alert.channelId);
    if (d) {
      d.lines.push(line);
      return;
    }
    const timer = setTimeout(() => void this.flush(alert.channelId), DIGEST_WINDOW_MS);
    timer.unref();
    this.digests.set(alert.channelId, { lines: [line], timer });
  }

  /** Posts the waiting digests now (at the end of the window, at shutdown, or in tests). */
  async flushAll(): Promise<void> {
    for (const channel of [...this.digests.keys()]) await this.flush(channel);
  }

  private async flush(channel: string): Promise<void> {
    const d = this.digests.get(channel);
    if (!d) return;
    this.digests.delete(channel);
    clearTimeout(d.timer);
    const head = `🗞️ **Alert digest: ${d.lines.length} more matching article${d.lines.length === 1 ? '' : 's'}** (more than ${DIGEST_AFTER} alerts in ${DIGEST_WINDOW_MS / 60_000} minutes)`;
    const lines = [head, ...d.lines];
    // Long digests go out in as few messages as fit Discord's limit.
    let buf = '';
    for (const l of lines) {
      if (buf && buf.length + l.length + 1 > LIMITS.content) {
        await this.deps.post(channel, { content: buf, allowed_mentions: { parse: [] } });
        buf = '';
      }
      buf = buf ? `${buf}\n${truncate(l, LIMITS.content)}` : truncate(l, LIMITS.content);
    }
    if (buf) await this.deps.post(channel, { content: buf, allowed_mentions: { parse: [] } });
    await updateAlerts(this.deps.dir, (s) => {
      s.recent[channel] = [...(s.recent[channel] ?? []), new Date(this.deps.now()).toISOString()].slice(-20);
    }).catch(() => undefined);
  }

  stop(): void {
    for (const d of this.digests.values()) clearTimeout(d.timer);
  }
}

// The dispatcher of this process, by corpus folder: moderation calls notifyArticleAdded after each new article.
const running = new Map<string, AlertDispatcher>();

export function registerAlerts(dir: string, d: AlertDispatcher): () => void {
  running.set(dir, d);
  return () => { if (running.get(dir) === d) { running.delete(dir); d.stop(); } };
}

export async function notifyArticleAdded(dir: string, articleId: string): Promise<void> {
  await running.get(dir)?.articleAdded(articleId);
}
