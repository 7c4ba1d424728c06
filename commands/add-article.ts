// /add-article (moderators): a file, a url, or — with neither — a modal to paste the text. Stores the
// article in corpus/ and indexes it live; the reply previews what was read.
import { optionsOf, type ChatInputCommandData, type CommandModule } from '../src/bot/command.js';
import {
  articleModal, fieldsFromModal, GUILD_ONLY, MODERATOR_PERMISSIONS, moderationContext, moderatorOf,
  overridesFrom, postModLog, previewReply, sourceFrom, sourceOptions,
} from '../src/moderation/discord.js';
import { addArticle, readSource } from '../src/moderation/service.js';

const data = {
  name: 'add-article',
  description: 'Moderators: add an article from a file, a link, or pasted text',
  default_member_permissions: MODERATOR_PERMISSIONS,
  ...GUILD_ONLY,
  options: sourceOptions(false),
} as const satisfies ChatInputCommandData;

export const addArticleCommand: CommandModule = {
  data,
  ephemeral: true,
  moderatorOnly: true,
  async execute(i, ctx) {
    const o = optionsOf(i, data);
    const source = sourceFrom(o);
    const overrides = overridesFrom(o);
    if (source === 'modal') {
      // A modal must be the first answer; if the bot was too slow and already deferred, say so.
      if (await ctx.showModal(i, articleModal('add-article:new', 'Add an article', overrides))) return;
      return { content: 'Discord was slow to reach me: run /add-article again to get the form.', ephemeral: true };
    }
    if (!('kind' in source)) return source;
    // Through the router, so this cannot race its automatic deferral.
    await ctx.defer(i, true);
    const mctx = await moderationContext(ctx);
    // A refusal (ModerationError) is thrown on: the router shows its reason.
    const draft = await readSource(mctx, source, overrides);
    const result = await addArticle(mctx, draft, moderatorOf(i));
    await postModLog(i, ctx, result.audit);
    return previewReply(ctx, result, '✅ Added');
  },
  async modal(i, ctx) {
    // Through the router, so this cannot race its automatic deferral.
    await ctx.defer(i, true);
    const mctx = await moderationContext(ctx);
    const draft = await readSource(mctx, fieldsFromModal(i));
    const result = await addArticle(mctx, draft, moderatorOf(i));
    await postModLog(i, ctx, result.audit);
    return previewReply(ctx, result, '✅ Added');
  },
};
export default addArticleCommand;
