// "Find sources" (right-click a message → Apps): does a quote in the corpus say what this message says?
// Answers only the user who asked; the message's author is never pinged.
import type { MessageCommandModule } from '../src/bot/command.js';
import { messagesFor } from '../src/bot/i18n.js';
import { renderFindSources } from '../src/bot/render.js';

export const findSources: MessageCommandModule = {
  // Context-menu names may hold spaces and capitals; Discord shows the user's language where it has one.
  data: { name: 'Find sources', type: 3, name_localizations: { uk: 'Знайти джерела', ru: 'Найти источники' } },
  heavy: true,
  ephemeral: true,
  defer: true,
  async executeMessage(i, { engine }) {
    const text = i.targetMessage.content ?? '';
    const t = messagesFor(i.locale).render;
    if (!text.trim()) {
      // An embed, a sticker, an image or an empty message: nothing typed to look for.
      const has = i.targetMessage.embeds.length ? 'embed' : i.targetMessage.attachments.size ? 'attachments' : 'nothing';
      return { content: t.noTextInMessage(has), ephemeral: true };
    }
    return renderFindSources(engine.findSources(text), t);
  },
};
export default findSources;
