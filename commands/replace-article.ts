// /replace-article id: (moderators) — a corrected version from a file, a url or the modal; same id,
// the folder keeps the old version in corpus/.trash/, the database only its hash in the audit log.
import type { RepliableInteraction } from 'discord.js';
import { optionsOf, type ChatInputCommandData, type CommandContext, type CommandModule, type Reply } from '../src/bot/command.js';
import { notice } from '../src/bot/render.js';
import {
  ARTICLE_ID_OPTION, articleChoices, articleModal, fieldsFromModal, GUILD_ONLY, MODERATOR_PERMISSIONS, moderationContext,
  moderatorOf, overridesFrom, postModLog, previewReply, unknownArticleReply, sourceFrom, sourceOptions,
} from '../src/moderation/discord.js';
import { ID_PATTERN } from '../src/moderation/ids.js';
import type { ArticleDraft } from '../src/moderation/draft.js';
import { readSource, replaceArticle, type ModerationContext } from '../src/moderation/service.js';
import { keptVersions } from '../src/store/registry.js';

const NAME = 'replace-article';

/** Reads the new version (`draft`), replaces article `id` with it and answers: the same for the command and the form. */
async function replaceFrom(
  i: RepliableInteraction, ctx: CommandContext, id: string, draft: (mctx: ModerationContext) => Promise<ArticleDraft>,
): Promise<Reply> {
  // Through the router, so this cannot race its automatic deferral.
  await ctx.defer(i, true);
  const mctx = await moderationContext(ctx);
  // A refusal (ModerationError) is thrown on: the router shows its reason.
  const result = await replaceArticle(mctx, id, await draft(mctx), moderatorOf(i));
  await postModLog(i, ctx, result.audit);
  return previewReply(ctx, result, `✏️ Replaced (${keptVersions(ctx.engine).replaced})`);
}

const data = {
  name: NAME,
  description: 'Moderators: replace an article with a corrected version',
  default_member_permissions: MODERATOR_PERMISSIONS,
  ...GUILD_ONLY,
  options: [
    ARTICLE_ID_OPTION,
    ...sourceOptions(false),
  ],
} as const satisfies ChatInputCommandData;

export const replaceArticleCommand: CommandModule = {
  data,
  ephemeral: true,
  moderatorOnly: true,
  async execute(i, ctx) {
    const o = optionsOf(i, data);
    const id = o.id.trim();
    const info = ID_PATTERN.test(id) ? ctx.engine.article(id) : undefined;
    if (!info) return unknownArticleReply(id);
    const source = sourceFrom(o);
    const overrides = overridesFrom(o);
    if (source === 'modal') {
      const shown = await ctx.showModal(i, articleModal(`${NAME}:${info.id}`, `Replace: ${info.title}`, {
        title: overrides.title ?? info.title, source: overrides.source ?? info.source, url: info.url, date: overrides.date ?? info.date,
      }));
      if (shown) return;
      return notice(`Discord was slow to reach me: run /${NAME} again to get the form.`);
    }
    if (!('kind' in source)) return source;
    return replaceFrom(i, ctx, info.id, (mctx) => readSource(mctx, source, overrides));
  },
  async modal(i, ctx, args) {
    return replaceFrom(i, ctx, args[0] ?? '', (mctx) => readSource(mctx, fieldsFromModal(i)));
  },
  async autocomplete(i, ctx) {
    return articleChoices(ctx, i.options.getFocused());
  },
};
export default replaceArticleCommand;
