// /remove-article id: (moderators) — asks for confirmation, then takes the article out of the index and
// the store: the folder moves its file to corpus/.trash/ (never deletes it), the database deletes the row.
import { ButtonStyle, ComponentType } from 'discord.js';
import { optionsOf, type ChatInputCommandData, type CommandModule, type Reply } from '../src/bot/command.js';
import { escapeAndTruncate } from '../src/bot/limits.js';
import {
  ARTICLE_ID_OPTION, articleChoices, GUILD_ONLY, MODERATOR_PERMISSIONS, moderationContext, moderatorOf, postModLog, unknownArticleReply,
} from '../src/moderation/discord.js';
import { ID_PATTERN, resolveArticleFile } from '../src/moderation/ids.js';
import { removeArticle } from '../src/moderation/service.js';
import { keptVersions } from '../src/store/registry.js';

const NAME = 'remove-article';

const data = {
  name: NAME,
  description: 'Moderators: remove an article (it goes to the trash folder)',
  default_member_permissions: MODERATOR_PERMISSIONS,
  ...GUILD_ONLY,
  options: [ARTICLE_ID_OPTION],
} as const satisfies ChatInputCommandData;

export const removeArticleCommand: CommandModule = {
  data,
  ephemeral: true,
  moderatorOnly: true,
  async execute(i, ctx) {
    const id = optionsOf(i, data).id.trim();
    const info = ID_PATTERN.test(id) ? ctx.engine.article(id) : undefined;
    // A file that could not be read is not in the index, but a moderator may still want it gone.
    const onDisk = !info && ID_PATTERN.test(id)
      ? await resolveArticleFile((await moderationContext(ctx)).dir, id).catch(() => undefined)
      : undefined;
    if (!info && !onDisk) return unknownArticleReply(id);
    const what = info
      ? `**${escapeAndTruncate(info.title, 200)}** (\`${info.id}\`, ${info.paragraphs} paragraphs, ${info.quotes} quotes)`
      : `the unreadable file \`${id}${onDisk!.ext}\``;
    return {
      content: `Remove ${what}? It disappears from answers at once; ${keptVersions(ctx.engine).onRemove}.`,
      components: [{
        type: ComponentType.ActionRow,
        components: [
          { type: ComponentType.Button, style: ButtonStyle.Danger, label: 'Remove', custom_id: `${NAME}:yes:${id}` },
          { type: ComponentType.Button, style: ButtonStyle.Secondary, label: 'Cancel', custom_id: `${NAME}:no` },
        ],
      }],
      ephemeral: true,
    };
  },
  async button(i, ctx, args): Promise<{ update: Reply } | Reply> {
    const [answer, id] = args;
    if (answer !== 'yes' || !id) return { update: { content: 'Cancelled: nothing was removed.', components: [] } };
    // Moving the file and telling the other shards may outlast Discord's 3 s; buttons are not deferred for us.
    await ctx.deferUpdate(i);
    // A refusal (ModerationError) is thrown on: the router puts its reason on the confirmation message.
    const result = await removeArticle(await moderationContext(ctx), id, moderatorOf(i));
    await postModLog(i, ctx, result.audit);
    return { update: { content: `🗑️ Removed \`${result.id}\`; ${keptVersions(ctx.engine).removed(result.audit.trashed && escapeAndTruncate(result.audit.trashed, 150))}.`, components: [] } };
  },
  async autocomplete(i, ctx) {
    return articleChoices(ctx, i.options.getFocused());
  },
};
export default removeArticleCommand;
