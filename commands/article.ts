// /article id: — one article's title, source, date and what was found in it; autocomplete by title.
import { ApplicationCommandOptionType } from 'discord.js';
import { optionsOf, privateOption, type ChatInputCommandData, type CommandModule } from '../src/bot/command.js';
import { escapeAndTruncate } from '../src/bot/limits.js';
import { messagesFor } from '../src/bot/i18n.js';
import { renderArticle, renderParagraph } from '../src/bot/render.js';

export const articleData = {
  name: 'article',
  description: 'Show one article: title, source, date, speakers; or one of its paragraphs',
  options: [
    { name: 'id', description: 'Start typing a title', type: ApplicationCommandOptionType.String, required: true, autocomplete: true, min_length: 1, max_length: 100 },
    { name: 'paragraph', description: 'Show this paragraph (0: the headline), to check a citation', type: ApplicationCommandOptionType.Integer, required: false, min_value: 0, max_value: 100000 },
    privateOption,
  ],
} as const satisfies ChatInputCommandData;

export const article: CommandModule = {
  data: articleData,
  async execute(i, { engine }) {
    const o = optionsOf(i, articleData);
    const typed = o.id.trim();
    // An id from autocomplete, or a title typed without picking a suggestion.
    const id = engine.article(typed) ? typed : engine.articles(typed, 1)[0]?.id;
    const info = id ? engine.article(id) : undefined;
    const t = messagesFor(i.locale).render;
    if (!info) {
      return {
        content: t.noArticle(escapeAndTruncate(typed, 100)),
        ephemeral: true,
      };
    }
    const n = o.paragraph;
    if (n !== undefined) {
      if (n > info.paragraphs) {
        return { content: t.paragraphRange(info.paragraphs), ephemeral: true };
      }
      return renderParagraph(engine.paragraph(info.id, n), undefined, t);
    }
    return renderArticle(info, undefined, t);
  },
  async autocomplete(i, { engine }) {
    const typed = i.options.getFocused().trim();
    return engine.articles(typed, 25).map((a) => ({ name: a.title || a.id, value: a.id }));
  },
};
export default article;
