// /article id: — one article's title, source, date and what was found in it; autocomplete by title.
import type { CommandModule } from '../src/bot/command.js';
import { privateOption } from '../src/bot/command.js';
import { escapeAndTruncate } from '../src/bot/limits.js';
import { renderArticle, renderParagraph } from '../src/bot/render.js';

export const article: CommandModule = {
  data: {
    name: 'article',
    description: 'Show one article: title, source, date, speakers; or one of its paragraphs',
    options: [
      { name: 'id', description: 'Start typing a title', type: 3, required: true, autocomplete: true, min_length: 1, max_length: 100 },
      { name: 'paragraph', description: 'Show this paragraph (0: the headline), to check a citation', type: 4, required: false, min_value: 0, max_value: 100000 },
      privateOption,
    ],
  },
  async execute(i, { engine }) {
    const typed = i.options.getString('id', true).trim();
    // An id from autocomplete, or a title typed without picking a suggestion.
    const id = engine.article(typed) ? typed : engine.articles(typed, 1)[0]?.id;
    const info = id ? engine.article(id) : undefined;
    if (!info) {
      return {
        content: `No article matches **${escapeAndTruncate(typed, 100)}**. Pick one from the suggestions, or see /sources.`,
        ephemeral: true,
      };
    }
    const n = i.options.getInteger('paragraph');
    if (n !== null) {
      if (n > info.paragraphs) {
        return { content: `That article has paragraphs 1 to ${info.paragraphs} (0 is the headline).`, ephemeral: true };
      }
      return renderParagraph(engine.paragraph(info.id, n));
    }
    return renderArticle(info);
  },
  async autocomplete(i, { engine }) {
    const typed = i.options.getFocused().trim();
    return engine.articles(typed, 25).map((a) => ({ name: a.title || a.id, value: a.id }));
  },
};
export default article;
