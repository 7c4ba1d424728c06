// /help — every command with its description (including ones other modules add).
import type { ChatInputCommandData, CommandModule } from '../src/bot/command.js';
import { localeOf, messagesFor } from '../src/bot/i18n.js';
import { COLOR } from '../src/bot/render.js';

/** A command or option as Discord takes it, localisations included. */
interface Localized {
  name?: string;
  description?: string;
  required?: boolean;
  name_localizations?: Partial<Record<string, string>>;
  description_localizations?: Partial<Record<string, string>>;
  options?: Localized[];
}

const data = {
  name: 'help',
  description: 'How to use talks-bot',
} as const satisfies ChatInputCommandData;

export const help: CommandModule = {
  data,
  ephemeral: true,
  async execute(i, { commands, engine }) {
    const s = engine.sources();
    const locale = localeOf(i.locale);
    const t = messagesFor(i.locale);
    // Names and descriptions as Discord shows them to this user (the localisations every definition carries).
    const shown = (n: Localized, field: 'name' | 'description'): string =>
      (locale === 'en' ? undefined : n[`${field}_localizations`]?.[locale]) ?? n[field] ?? '';
    const lines = commands.map((c) => {
      const data = c.data as Localized;
      const opts = (data.options ?? []).map((o) => (o.required ? `${shown(o, 'name')}:` : `[${shown(o, 'name')}]`)).join(' ');
      return `**/${shown(data, 'name')}**${opts ? ` ${opts}` : ''} — ${shown(data, 'description')}`;
    });
    return {
      embeds: [{
        title: 'talks-bot',
        color: COLOR,
        description: `${t.helpIntro(s.articles)}\n\n${lines.join('\n')}\n\n${t.helpOutro}`,
      }],
    };
  },
};
export default help;
