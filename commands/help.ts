// /help — every command with its description (including ones other modules add).
import type { ChatInputCommandData, CommandModule } from '../src/bot/command.js';
import { COLOR } from '../src/bot/render.js';

const data = {
  name: 'help',
  description: 'How to use talks-bot',
} as const satisfies ChatInputCommandData;

export const help: CommandModule = {
  data,
  ephemeral: true,
  async execute(_i, { commands, engine }) {
    const s = engine.sources();
    const lines = commands.map((c) => {
      const opts = (c.data.options ?? []).map((o) => (o.required ? `${o.name}:` : `[${o.name}]`)).join(' ');
      return `**/${c.data.name}**${opts ? ` ${opts}` : ''} — ${c.data.description}`;
    });
    return {
      embeds: [{
        title: 'talks-bot',
        color: COLOR,
        description:
          `Answers questions about the Russia–Ukraine peace talks from ${s.articles} news articles, always quoting and citing ` +
          `them (article, source, paragraph).\n\n${lines.join('\n')}\n\n` +
          'Right-click a message → Apps → **Find sources**: the quotes and passages that say what it says (only you see it).\n' +
          'Add `private: True` to any question to see the answer alone. Long answers have Previous/Next buttons.',
      }],
    };
  },
};
export default help;
