// /replace-article id: (moderators) — a corrected version from a file, a url or the modal; same id,
// the old version goes to corpus/.trash/.
import type { CommandModule } from '../src/bot/command.js';
import { notice } from '../src/bot/render.js';
import {
  ARTICLE_ID_OPTION, articleChoices, articleModal, fieldsFromModal, GUILD_ONLY, MODERATOR_PERMISSIONS, moderationContext,
  moderatorOf, overridesFrom, postModLog, previewReply, refusalReply, refuseUnlessModerator, unknownArticleReply, sourceFrom, sourceOptions,
} from '../src/moderation/discord.js';
import { ID_PATTERN } from '../src/moderation/ids.js';
import { readSource, replaceArticle } from '../src/moderation/service.js';

const NAME = 'replace-article';

export const replaceArticleCommand: CommandModule = {
  data: {
    name: NAME,
    description: 'Moderators: replace an article with a corrected version',
    default_member_permissions: MODERATOR_PERMISSIONS,
    ...GUILD_ONLY,
    options: [
      ARTICLE_ID_OPTION,
      ...sourceOptions(false),
    ],
  },
  ephemeral: true,
  async execute(i, ctx) {
    const refused = refuseUnlessModerator(i, ctx, `/${NAME}`);
    if (refused) return refused;
    const id = i.options.getString('id', true).trim();
    const info = ID_PATTERN.test(id) ? ctx.engine.article(id) : undefined;
    if (!info) return unknownArticleReply(id);
    const source = sourceFrom(i);
    const overrides = overridesFrom(i);
    if (source === 'modal') {
      const shown = await ctx.showModal(i, articleModal(`${NAME}:${info.id}`, `Replace: ${info.title}`, {
        title: overrides.title ?? info.title, source: overrides.source ?? info.source, url: info.url, date: overrides.date ?? info.date,
      }));
      if (shown) return;
      return notice(`Discord was slow to reach me: run /${NAME} again to get the form.`);
    }
    if (!('kind' in source)) return source;
    // Through the router, so this cannot race its automatic deferral.
    await ctx.defer(i, true);
    const mctx = await moderationContext(ctx);
    try {
      const draft = await readSource(mctx, source, overrides);
      const result = await replaceArticle(mctx, info.id, draft, moderatorOf(i));
      await postModLog(i, ctx, result.audit);
      return previewReply(ctx, result, '✏️ Replaced (old version in `.trash/`)');
    } catch (err) {
      return refusalReply(err, ctx, `/${NAME}`, i);
    }
  },
  async modal(i, ctx, args) {
    const refused = refuseUnlessModerator(i, ctx, `/${NAME} (modal)`);
    if (refused) return refused;
    const id = args[0] ?? '';
    // Through the router, so this cannot race its automatic deferral.
    await ctx.defer(i, true);
    const mctx = await moderationContext(ctx);
    try {
      const draft = await readSource(mctx, fieldsFromModal(i));
      const result = await replaceArticle(mctx, id, draft, moderatorOf(i));
      await postModLog(i, ctx, result.audit);
      return previewReply(ctx, result, '✏️ Replaced (old version in `.trash/`)');
    } catch (err) {
      return refusalReply(err, ctx, `/${NAME}`, i);
    }
  },
  async autocomplete(i, ctx) {
    return articleChoices(ctx, i.options.getFocused());
  },
};
export default replaceArticleCommand;
