// The bot's fixed phrases in the community's languages: one table per locale, picked from interaction.locale.
// Only what the bot itself says is translated; article text, names and the engine's own messages stay as they are.
import { MODERATION_OFF } from '../moderation/permissions.js';

export type BotLocale = 'en' | 'uk' | 'ru';

/** Discord's locale ('uk', 'ru', 'en-US', …) → the table to answer with; anything else is English. */
export function localeOf(discordLocale: string | null | undefined): BotLocale {
  const l = (discordLocale ?? '').toLowerCase();
  if (l === 'uk' || l.startsWith('uk-')) return 'uk';
  if (l === 'ru' || l.startsWith('ru-')) return 'ru';
  return 'en';
}

/** Fixed phrases of render.ts. Arguments are already escaped by the caller. */
export interface RenderText {
  noQuotes: (q: string) => string;
  noPassages: (q: string) => string;
  noSpeaker: (q: string) => string;
  noQuotesBy: (who: string, q: string) => string;
  youCouldTry: (tips: string) => string;
  tryOtherWords: string;
  /** Under an empty answer when since:/until:/source: narrowed the articles searched. */
  filteredOut: string;
  whoSaidAbout: (q: string) => string;
  whatSaidAbout: (who: string, topic: string) => string;
  everythingBy: (who: string) => string;
}

export interface Messages {
  apology: string;
  unknownCommand: (name: string) => string;
  staleButton: string;
  expiredPages: (cmd: string) => string;
  notYourPages: (cmd: string) => string;
  cooldown: (s: number) => string;
  done: string;
  nothingToShow: string;
  /** canModerate's refusals, by their English text; one missing here is shown in English. */
  refusals: Readonly<Record<string, string>>;
  render: RenderText;
}

const MOD_DM = 'Moderation commands only work inside the server, not in direct messages.';
const MOD_GUILD = 'Moderation only works in the server that owns these articles; this server is not one of them.';
const MOD_ROLE = 'Only moderators (a moderator role or the Manage Messages permission) can change the articles.';
const MOD_PERM = 'Only moderators (the Manage Messages permission) can change the articles.';

const en: Messages = {
  apology: 'Sorry, something went wrong while answering. The problem was logged; please try again in a moment.',
  unknownCommand: (name) => `I don't know the command /${name} (it may have been removed). Try /help.`,
  staleButton: 'This button no longer works. Run the command again for a fresh answer.',
  expiredPages: (cmd) => `These buttons have expired. Run /${cmd} again for a fresh answer.`,
  notYourPages: (cmd) => `Only the person who asked can turn these pages. Run /${cmd} yourself to get your own copy.`,
  cooldown: (s) => `You're asking a bit fast: please wait ${s} more second${s === 1 ? '' : 's'}.`,
  done: 'Done.',
  nothingToShow: 'Nothing to show.',
  refusals: {},
  render: {
    noQuotes: (q) => `I found no quotes matching **${q}**.`,
    noPassages: (q) => `I found no passages matching **${q}**.`,
    noSpeaker: (q) => `I found no speaker matching **${q}**.`,
    noQuotesBy: (who, q) => `I found no quotes by ${who} matching **${q}**.`,
    youCouldTry: (tips) => `You could try: ${tips}.`,
    tryOtherWords: 'Try fewer or different words, or see what the corpus holds with /sources.',
    filteredOut: 'Only articles within your since/until/source options were searched, and undated articles are left out by since/until: try without them.',
    whoSaidAbout: (q) => `Who said something about **${q}**:`,
    whatSaidAbout: (who, topic) => `What **${who}** said about **${topic}**:`,
    everythingBy: (who) => `Everything **${who}** is quoted saying (the topic names a speaker):`,
  },
};

const uk: Messages = {
  apology: 'Вибачте, під час відповіді щось пішло не так. Проблему записано в журнал; спробуйте ще раз за хвилину.',
  unknownCommand: (name) => `Я не знаю команди /${name} (можливо, її прибрали). Спробуйте /help.`,
  staleButton: 'Ця кнопка більше не працює. Виконайте команду ще раз, щоб отримати свіжу відповідь.',
  expiredPages: (cmd) => `Термін дії цих кнопок минув. Виконайте /${cmd} ще раз, щоб отримати свіжу відповідь.`,
  notYourPages: (cmd) => `Гортати ці сторінки може лише той, хто питав. Виконайте /${cmd} самі, щоб отримати власну копію.`,
  cooldown: (s) => `Ви питаєте трохи зашвидко: зачекайте ще ${s} с.`,
  done: 'Готово.',
  nothingToShow: 'Нічого показати.',
  refusals: {
    [MODERATION_OFF]: 'Модерацію вимкнено: жоден сервер не може змінювати статті. Щоб увімкнути її, задайте MOD_GUILD_IDS '
      + '(або DISCORD_GUILD_ID) як id вашого сервера, перезапустіть бота й виконайте `npm run deploy`.',
    [MOD_DM]: 'Команди модерації працюють лише на сервері, не в особистих повідомленнях.',
    [MOD_GUILD]: 'Модерація працює лише на сервері, якому належать ці статті; цей сервер не з їх числа.',
    [MOD_ROLE]: 'Змінювати статті можуть лише модератори (роль модератора або дозвіл «Керувати повідомленнями»).',
    [MOD_PERM]: 'Змінювати статті можуть лише модератори (дозвіл «Керувати повідомленнями»).',
  },
  render: {
    noQuotes: (q) => `Я не знайшов цитат за запитом **${q}**.`,
    noPassages: (q) => `Я не знайшов уривків за запитом **${q}**.`,
    noSpeaker: (q) => `Я не знайшов мовця на ім’я **${q}**.`,
    noQuotesBy: (who, q) => `Я не знайшов цитат ${who} за запитом **${q}**.`,
    youCouldTry: (tips) => `Можна спробувати: ${tips}.`,
    tryOtherWords: 'Спробуйте менше слів або інші слова; що є в корпусі, показує /sources.',
    filteredOut: 'Пошук ішов лише в статтях, що відповідають вашим since/until/source, а статті без дати since/until не враховують: спробуйте без них.',
    whoSaidAbout: (q) => `Хто що казав про **${q}**:`,
    whatSaidAbout: (who, topic) => `Що **${who}** казав про **${topic}**:`,
    everythingBy: (who) => `Усі цитати, де говорить **${who}** (тема — це ім’я мовця):`,
  },
};

const ru: Messages = {
  apology: 'Извините, при ответе что-то пошло не так. Проблема записана в журнал; попробуйте ещё раз через минуту.',
  unknownCommand: (name) => `Я не знаю команды /${name} (возможно, её убрали). Попробуйте /help.`,
  staleButton: 'Эта кнопка больше не работает. Выполните команду ещё раз, чтобы получить свежий ответ.',
  expiredPages: (cmd) => `Срок действия этих кнопок истёк. Выполните /${cmd} ещё раз, чтобы получить свежий ответ.`,
  notYourPages: (cmd) => `Листать эти страницы может только тот, кто спрашивал. Выполните /${cmd} сами, чтобы получить свою копию.`,
  cooldown: (s) => `Вы спрашиваете слишком часто: подождите ещё ${s} с.`,
  done: 'Готово.',
  nothingToShow: 'Нечего показать.',
  refusals: {
    [MODERATION_OFF]: 'Модерация выключена: ни один сервер не может менять статьи. Чтобы включить её, задайте MOD_GUILD_IDS '
      + '(или DISCORD_GUILD_ID) равным id вашего сервера, перезапустите бота и выполните `npm run deploy`.',
    [MOD_DM]: 'Команды модерации работают только на сервере, не в личных сообщениях.',
    [MOD_GUILD]: 'Модерация работает только на сервере, которому принадлежат эти статьи; этот сервер не из их числа.',
    [MOD_ROLE]: 'Менять статьи могут только модераторы (роль модератора или право «Управлять сообщениями»).',
    [MOD_PERM]: 'Менять статьи могут только модераторы (право «Управлять сообщениями»).',
  },
  render: {
    noQuotes: (q) => `Я не нашёл цитат по запросу **${q}**.`,
    noPassages: (q) => `Я не нашёл отрывков по запросу **${q}**.`,
    noSpeaker: (q) => `Я не нашёл говорящего по имени **${q}**.`,
    noQuotesBy: (who, q) => `Я не нашёл цитат ${who} по запросу **${q}**.`,
    youCouldTry: (tips) => `Можно попробовать: ${tips}.`,
    tryOtherWords: 'Попробуйте меньше слов или другие слова; что есть в корпусе, показывает /sources.',
    filteredOut: 'Поиск шёл только в статьях, подходящих под ваши since/until/source, а статьи без даты since/until не учитывают: попробуйте без них.',
    whoSaidAbout: (q) => `Кто что говорил о **${q}**:`,
    whatSaidAbout: (who, topic) => `Что **${who}** говорил о **${topic}**:`,
    everythingBy: (who) => `Все цитаты, где говорит **${who}** (тема — это имя говорящего):`,
  },
};

export const LOCALES: Readonly<Record<BotLocale, Messages>> = { en, uk, ru };

/** The table for Discord's `locale` of an interaction. */
export function messagesFor(discordLocale: string | null | undefined): Messages {
  return LOCALES[localeOf(discordLocale)];
}

/** A moderation refusal in the user's language (unknown reasons stay as given). */
export function refusalText(t: Messages, reason: string): string {
  return t.refusals[reason] ?? reason;
}
