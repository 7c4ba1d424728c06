// "Find sources" (right-click a message → Apps): does a quote in the corpus say what this message says?
// Answers only the user who asked; the message's author is never pinged.
import type { MessageCommandModule } from '../src/bot/command.js';
import { renderFindSources } from '../src/bot/render.js';

export const findSources: MessageCommandModule = {
  // Context-menu names may hold spaces and capitals; Discord shows the user's language where it has one.
  data: { name: 'Find sources', type: 3, name_localizations: { uk: 'Знайти джерела', ru: 'Найти источники' } },
  heavy: true,
  ephemeral: true,
  defer: true,
  async executeMessage(i, { engine }) {
    const text = i.targetMessage.content ?? '';
    if (!text.trim()) {
      // An embed, a sticker, an image or an empty message: nothing typed to look for.
      const what = i.targetMessage.embeds.length ? 'only an embed' : i.targetMessage.attachments.size ? 'only attachments' : 'no text';
      return { content: `That message has ${what}: there is no text to look for. Right-click a message with words in it.`, ephemeral: true };
    }
    return renderFindSources(engine.findSources(text));
  },
};
export default findSources;
