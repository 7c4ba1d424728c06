// The thin Discord side of moderation, shared by /add-article, /replace-article, /remove-article and
// /reindex: who may moderate, the moderation context from the bot's, previews, and the mod-log post.
import {
  ApplicationCommandOptionType, InteractionContextType, Routes,
  type APIEmbed, type Interaction, type ModalSubmitInteraction,
} from 'discord.js';
import { optionList, type CommandContext, type OptionsOf, type Reply } from '../bot/command.js';
import { cutAt } from '../unicode.js';
import { LIMITS, escapeAndTruncate, truncate, truncateLines } from '../bot/limits.js';
import { notice, renderArticle } from '../bot/render.js';
import { formatAuditLine, type AuditEntry } from './audit.js';
import type { DraftOverrides } from './draft.js';
import { startModeration, type ChangeResult, type ModerationContext, type Moderator, type SourceRequest } from './service.js';
import { notifyArticleAdded } from '../alerts/dispatch.js';
import { storeOf } from '../store/registry.js';

/** Manage Messages, as the commands' default_member_permissions (Discord hides them from others). */
export const MODERATOR_PERMISSIONS = String(1n << 13n);
/** Guild-only: moderation never runs in DMs. */
export const GUILD_ONLY: { contexts: InteractionContextType[]; dm_permission: false } = { contexts: [InteractionContextType.Guild], dm_permission: false };

/** The `id:` option of the commands that act on one stored article (autocompleted by title). */
export const ARTICLE_ID_OPTION = {
  name: 'id', description: 'Start typing a title or id', type: ApplicationCommandOptionType.String, required: true, autocomplete: true,
  min_length: 1, max_length: 100,
} as const;

/** The answer when the typed id names no article. */
export function unknownArticleReply(id: string): Reply {
  return notice(`There is no article \`${escapeAndTruncate(id, 80)}\`. Pick one from the suggestions.`);
}

export function moderatorOf(i: Interaction): Moderator {
  return { id: i.user.id, name: i.user.username };
}

const recovered = new Set<string>();

/**
 * The moderation context for this bot. The first time per corpus folder it also clears what a crash may
 * have left (temp files), in case start-up did not call startModeration itself.
 */
export async function moderationContext(ctx: CommandContext): Promise<ModerationContext> {
  const store = storeOf(ctx.engine);
  const mctx: ModerationContext = {
    dir: ctx.engine.dir ?? ctx.config.corpusDir,
    store,
    // Read and validated once at start-up with every other setting.
    settings: ctx.config.moderation,
    // Re-index here, then have the other shards re-read the same file (a no-op in a single process); they are
    // told even if this shard could not index it, since the file on disk changed either way.
    index: {
      async reloadArticle(id) {
        try {
          await ctx.engine.reloadArticle(id);
        } finally {
          await ctx.corpusChanged([id]);
        }
      },
    },
    log: ctx.log,
    onArticleAdded: (id) => notifyArticleAdded(mctx.dir, id),
  };
  // Crash leftovers are a folder store's; the database's transactions leave none.
  if (!store && !recovered.has(mctx.dir)) {
    recovered.add(mctx.dir);
    await startModeration(mctx).catch((err: Error) => ctx.log(`moderation: start-up recovery failed: ${err.message}`));
  }
  return mctx;
}

/** The source options shared by /add-article and /replace-article. */
export function sourceOptions<R extends boolean = false>(required: R = false as R) {
  const T = ApplicationCommandOptionType;
  return optionList(
    { name: 'file', description: 'A .txt, .md or .html file with the article', type: T.Attachment, required },
    { name: 'url', description: 'A link to the article (http or https)', type: T.String, required: false, max_length: 2000 },
    { name: 'title', description: 'Use this title instead of the one found', type: T.String, required: false, max_length: 300 },
    { name: 'source', description: 'Publication name, e.g. Reuters', type: T.String, required: false, max_length: 200 },
    { name: 'date', description: 'Publication date, YYYY-MM-DD', type: T.String, required: false, max_length: 40 },
  );
}

/** The source options as a handler reads them (optionsOf). */
export type SourceArgs = OptionsOf<ReturnType<typeof sourceOptions<false>>>;

export function overridesFrom(o: Pick<SourceArgs, 'title' | 'source' | 'date'>): DraftOverrides {
  return { title: o.title, source: o.source, date: o.date };
}

/** The file or url option as a source request, 'modal' when neither, or a refusal when both. */
export function sourceFrom(o: Pick<SourceArgs, 'file' | 'url'>): SourceRequest | 'modal' | Reply {
  const file = o.file;
  const url = o.url?.trim();
  if (file && url) return notice('Give either a file or a url, not both.');
  if (file) return { kind: 'attachment', url: file.url, filename: file.name, contentType: file.contentType ?? undefined, size: file.size };
  if (url) return { kind: 'url', url };
  return 'modal';
}

export const MODAL_FIELDS = { title: 'title', source: 'source', url: 'url', date: 'date', body: 'body' } as const;

/** The paste-the-text modal (Discord allows 5 inputs; the body holds at most 4000 characters). */
export function articleModal(customId: string, heading: string, prefill: DraftOverrides = {}) {
  const input = (id: string, label: string, style: 1 | 2, max: number, required: boolean, value?: string, placeholder?: string) => ({
    type: 1,
    components: [{
      type: 4, custom_id: id, label, style, max_length: max, required,
      ...(value ? { value: cutAt(value, max) } : {}),
      ...(placeholder ? { placeholder } : {}),
    }],
  });
  return {
    custom_id: customId,
    title: truncate(heading, LIMITS.modalTitle),
    components: [
      input(MODAL_FIELDS.title, 'Title', 1, 300, true, prefill.title),
      input(MODAL_FIELDS.source, 'Source (publication)', 1, 200, false, prefill.source, 'Reuters'),
      input(MODAL_FIELDS.url, 'Link to the original (optional)', 1, 1000, false, prefill.url, 'https://…'),
      input(MODAL_FIELDS.date, 'Date (YYYY-MM-DD)', 1, 40, false, prefill.date, '2025-05-12'),
      input(MODAL_FIELDS.body, 'Article text (blank line between paragraphs)', 2, 4000, true),
    ],
  };
}

export function fieldsFromModal(i: ModalSubmitInteraction): SourceRequest {
  const get = (id: string) => {
    try {
      return i.fields.getTextInputValue(id) ?? '';
    } catch {
      return '';
    }
  };
  return {
    kind: 'fields',
    title: get(MODAL_FIELDS.title),
    source: get(MODAL_FIELDS.source) || undefined,
    url: get(MODAL_FIELDS.url) || undefined,
    date: get(MODAL_FIELDS.date) || undefined,
    body: get(MODAL_FIELDS.body),
  };
}

/** What the moderator sees after a change: the stored article as read back, with its first quotes. */
export function previewReply(ctx: CommandContext, result: ChangeResult, headline: string): Reply {
  const info = ctx.engine.article(result.id);
  if (!info) {
    return notice(`${headline} \`${result.id}\` was stored, but could not be indexed yet; run /reindex to see why.`);
  }
  const base = renderArticle(info, true);
  const embed: APIEmbed = { ...base.embeds![0]! };
  const quotes = ctx.engine.quotes().results.filter((q) => q.article === result.id);
  if (quotes.length) {
    const lines = quotes.slice(0, 5).map((q) =>
      `• “${escapeAndTruncate(q.text, 160)}” — **${escapeAndTruncate(q.speaker ?? 'speaker unknown', 60)}** (¶${q.paragraph}${q.kind === 'direct' ? '' : `, ${q.kind}`})`);
    if (quotes.length > 5) lines.push(`…and ${quotes.length - 5} more`);
    embed.fields = [...(embed.fields ?? []), { name: 'Quotes found (first few)', value: truncate(lines.join('\n'), LIMITS.fieldValue) }];
  } else {
    embed.fields = [...(embed.fields ?? []), { name: 'Quotes found', value: 'None — check that the text was read well.' }];
  }
  return { content: truncate(`${headline} \`${result.id}\``, LIMITS.content), embeds: [embed], ephemeral: true };
}

/** Posts the audit line to MOD_LOG_CHANNEL_ID when set; a failure is logged, never shown as the command failing. */
export async function postModLog(i: Interaction, ctx: CommandContext, entry: AuditEntry): Promise<void> {
  const channel = ctx.config.modLogChannelId;
  if (!channel) return;
  try {
    await i.client.rest.post(Routes.channelMessages(channel), {
      body: { content: truncateLines(`📝 ${formatAuditLine(entry, (t) => escapeAndTruncate(t, 300))}`, LIMITS.content), allowed_mentions: { parse: [] } },
    });
  } catch (err) {
    ctx.log(`moderation: could not post to the mod-log channel ${channel}: ${(err as Error).message}`);
  }
}

/** Autocomplete over article titles; the id stays whole in the label so moderators can tell copies apart. */
export function articleChoices(ctx: CommandContext, typed: string): Array<{ name: string; value: string }> {
  return ctx.engine.articles(typed.trim(), 25).map((a) => {
    const room = Math.max(10, LIMITS.choiceName - a.id.length - 3);
    return { name: cutAt(`${truncate(a.title || a.id, room)} (${a.id})`, LIMITS.choiceName), value: a.id };
  });
}
