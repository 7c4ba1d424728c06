// Ukrainian and Russian names and descriptions of every slash command, option, subcommand and choice, as data:
// names by the English name, descriptions (and choice labels) by the English text. localizeCommand() adds them to a
// definition as Discord's name_localizations / description_localizations, so the definitions stay in English.
import type { ChatInputCommandData } from '../src/bot/command.js';

/** Discord's locale codes for the community's languages. */
export const COMMAND_LOCALES = ['uk', 'ru'] as const;
export type CommandLocale = (typeof COMMAND_LOCALES)[number];
type Translation = Readonly<Record<CommandLocale, string>>;

/** Command, subcommand and option names (lowercase, no spaces: Discord's rule). */
export const NAMES: Readonly<Record<string, Translation>> = {
  'who-said': { uk: 'хто-сказав', ru: 'кто-сказал' },
  topic: { uk: 'тема', ru: 'тема' },
  limit: { uk: 'скільки', ru: 'сколько' },
  private: { uk: 'лише-мені', ru: 'только-мне' },
  since: { uk: 'від-дати', ru: 'с-даты' },
  until: { uk: 'до-дати', ru: 'до-даты' },
  source: { uk: 'джерело', ru: 'источник' },
  sort: { uk: 'порядок', ru: 'порядок' },
  search: { uk: 'пошук', ru: 'поиск' },
  words: { uk: 'слова', ru: 'слова' },
  quotes: { uk: 'цитати', ru: 'цитаты' },
  speaker: { uk: 'хто', ru: 'кто' },
  article: { uk: 'стаття', ru: 'статья' },
  id: { uk: 'назва', ru: 'название' },
  paragraph: { uk: 'абзац', ru: 'абзац' },
  sources: { uk: 'джерела', ru: 'источники' },
  help: { uk: 'довідка', ru: 'справка' },
  'add-article': { uk: 'додати-статтю', ru: 'добавить-статью' },
  file: { uk: 'файл', ru: 'файл' },
  url: { uk: 'посилання', ru: 'ссылка' },
  title: { uk: 'заголовок', ru: 'заголовок' },
  date: { uk: 'дата', ru: 'дата' },
  'replace-article': { uk: 'замінити-статтю', ru: 'заменить-статью' },
  'remove-article': { uk: 'видалити-статтю', ru: 'удалить-статью' },
  reindex: { uk: 'переіндексувати', ru: 'переиндексировать' },
  feeds: { uk: 'стрічки', ru: 'ленты' },
  add: { uk: 'додати', ru: 'добавить' },
  keywords: { uk: 'ключові-слова', ru: 'ключевые-слова' },
  approval: { uk: 'схвалення', ru: 'одобрение' },
  channel: { uk: 'канал', ru: 'канал' },
  backfill: { uk: 'взяти-наявні', ru: 'взять-имеющиеся' },
  list: { uk: 'список', ru: 'список' },
  remove: { uk: 'видалити', ru: 'удалить' },
  feed: { uk: 'стрічка', ru: 'лента' },
  pause: { uk: 'призупинити', ru: 'приостановить' },
  resume: { uk: 'відновити', ru: 'возобновить' },
  check: { uk: 'перевірити', ru: 'проверить' },
  queue: { uk: 'черга', ru: 'очередь' },
  alerts: { uk: 'сповіщення', ru: 'оповещения' },
  alert: { uk: 'сповіщення', ru: 'оповещение' },
};

/** Descriptions and choice labels (≤ 100 characters). */
export const TEXTS: Readonly<Record<string, Translation>> = {
  'Who said something about a topic, with their exact quotes and sources': {
    uk: 'Хто що казав на певну тему: точні цитати й джерела', ru: 'Кто что говорил на определённую тему: точные цитаты и источники',
  },
  'A word or a few words, e.g. ceasefire': { uk: 'Слово або кілька слів, напр. ceasefire', ru: 'Слово или несколько слов, напр. ceasefire' },
  'How many quotes at most (1-50)': { uk: 'Скільки цитат щонайбільше (1-50)', ru: 'Сколько цитат максимум (1-50)' },
  'How many passages at most (1-30)': { uk: 'Скільки уривків щонайбільше (1-30)', ru: 'Сколько отрывков максимум (1-30)' },
  'Show the answer only to you': { uk: 'Показати відповідь лише вам', ru: 'Показать ответ только вам' },
  'Only articles dated on or after, e.g. 2025-05-12 or May 2025': {
    uk: 'Лише статті від цієї дати, напр. 2025-05-12 або May 2025', ru: 'Только статьи начиная с этой даты, напр. 2025-05-12 или May 2025',
  },
  'Only articles dated on or before, e.g. 2025-06-30 or June 2025': {
    uk: 'Лише статті до цієї дати включно, напр. 2025-06-30 або June 2025', ru: 'Только статьи до этой даты включительно, напр. 2025-06-30 или June 2025',
  },
  'Only articles from this source': { uk: 'Лише статті з цього джерела', ru: 'Только статьи из этого источника' },
  'Best matches first (default) or newest articles first': {
    uk: 'Спершу найкращі збіги (типово) або спершу найновіші статті', ru: 'Сначала лучшие совпадения (по умолчанию) или сначала новые статьи',
  },
  'best match': { uk: 'найкращі збіги', ru: 'лучшие совпадения' },
  newest: { uk: 'спершу нові', ru: 'сначала новые' },
  'Find passages in the articles': { uk: 'Знайти уривки в статтях', ru: 'Найти отрывки в статьях' },
  'What to look for, e.g. prisoner exchange': { uk: 'Що шукати, напр. prisoner exchange', ru: 'Что искать, напр. prisoner exchange' },
  'What one person said, with sources': { uk: 'Що казала одна людина, з джерелами', ru: 'Что говорил один человек, с источниками' },
  'Any of their names, e.g. Zelensky': { uk: 'Будь-яке з імен людини, напр. Zelensky', ru: 'Любое из имён человека, напр. Zelensky' },
  'Only their quotes on this, e.g. ceasefire': { uk: 'Лише цитати на цю тему, напр. ceasefire', ru: 'Только цитаты на эту тему, напр. ceasefire' },
  'Show one article: title, source, date, speakers; or one of its paragraphs': {
    uk: 'Показати статтю: заголовок, джерело, дату, мовців; або один її абзац', ru: 'Показать статью: заголовок, источник, дату, говорящих; или один её абзац',
  },
  'Start typing a title': { uk: 'Почніть вводити заголовок', ru: 'Начните вводить заголовок' },
  'Show this paragraph (0: the headline), to check a citation': {
    uk: 'Показати цей абзац (0 — заголовок), щоб перевірити посилання', ru: 'Показать этот абзац (0 — заголовок), чтобы проверить ссылку',
  },
  'List the articles the answers come from': { uk: 'Статті, з яких беруться відповіді', ru: 'Статьи, из которых берутся ответы' },
  'How to use talks-bot': { uk: 'Як користуватися talks-bot', ru: 'Как пользоваться talks-bot' },
  'Moderators: add an article from a file, a link, or pasted text': {
    uk: 'Модератори: додати статтю з файлу, за посиланням або з вставленого тексту', ru: 'Модераторы: добавить статью из файла, по ссылке или из вставленного текста',
  },
  'A .txt, .md or .html file with the article': { uk: 'Файл .txt, .md або .html зі статтею', ru: 'Файл .txt, .md или .html со статьёй' },
  'A link to the article (http or https)': { uk: 'Посилання на статтю (http або https)', ru: 'Ссылка на статью (http или https)' },
  'Use this title instead of the one found': { uk: 'Узяти цей заголовок замість знайденого', ru: 'Взять этот заголовок вместо найденного' },
  'Publication name, e.g. Reuters': { uk: 'Назва видання, напр. Reuters', ru: 'Название издания, напр. Reuters' },
  'Publication date, YYYY-MM-DD': { uk: 'Дата публікації, РРРР-ММ-ДД', ru: 'Дата публикации, ГГГГ-ММ-ДД' },
  'Moderators: replace an article with a corrected version': { uk: 'Модератори: замінити статтю виправленою версією', ru: 'Модераторы: заменить статью исправленной версией' },
  'Start typing a title or id': { uk: 'Почніть вводити заголовок або id', ru: 'Начните вводить заголовок или id' },
  'Moderators: remove an article (it goes to the trash folder)': {
    uk: 'Модератори: видалити статтю (вона піде в теку кошика)', ru: 'Модераторы: удалить статью (она попадёт в папку корзины)',
  },
  'Moderators: re-read every article file (after editing files by hand)': {
    uk: 'Модератори: перечитати всі файли статей (після ручного редагування)', ru: 'Модераторы: перечитать все файлы статей (после ручной правки)',
  },
  'Moderators: news feeds that add articles (with a review queue)': {
    uk: 'Модератори: стрічки новин, що додають статті (з чергою перевірки)', ru: 'Модераторы: ленты новостей, добавляющие статьи (с очередью проверки)',
  },
  'Follow a feed (RSS, Atom or JSON Feed)': { uk: 'Стежити за стрічкою (RSS, Atom або JSON Feed)', ru: 'Следить за лентой (RSS, Atom или JSON Feed)' },
  'The feed address (http or https)': { uk: 'Адреса стрічки (http або https)', ru: 'Адрес ленты (http или https)' },
  'Only items mentioning one of these (comma-separated)': {
    uk: 'Лише записи, де згадано одне з цих слів (через кому)', ru: 'Только записи, где упомянуто одно из этих слов (через запятую)',
  },
  'Queue new items for a moderator to approve (default: yes)': {
    uk: 'Ставити нові записи в чергу на схвалення модератором (типово: так)', ru: 'Ставить новые записи в очередь на одобрение модератором (по умолчанию: да)',
  },
  'Where the review queue and notices go (default: the mod-log)': {
    uk: 'Куди надсилати чергу перевірки й повідомлення (типово: журнал модерації)', ru: 'Куда отправлять очередь проверки и уведомления (по умолчанию: журнал модерации)',
  },
  'Also take the newest N items already in the feed (default 0)': {
    uk: 'Також узяти N найновіших записів, що вже є в стрічці (типово 0)', ru: 'Также взять N новейших записей, уже имеющихся в ленте (по умолчанию 0)',
  },
  'The feeds, their state and last error': { uk: 'Стрічки, їхній стан і остання помилка', ru: 'Ленты, их состояние и последняя ошибка' },
  'Stop following a feed': { uk: 'Більше не стежити за стрічкою', ru: 'Перестать следить за лентой' },
  'Start typing the feed name': { uk: 'Почніть вводити назву стрічки', ru: 'Начните вводить название ленты' },
  'Stop polling a feed for now': { uk: 'Поки що не перевіряти стрічку', ru: 'Пока не проверять ленту' },
  'Poll a paused feed again': { uk: 'Знову перевіряти призупинену стрічку', ru: 'Снова проверять приостановленную ленту' },
  'Poll now: one feed, or all of them': { uk: 'Перевірити зараз: одну стрічку або всі', ru: 'Проверить сейчас: одну ленту или все' },
  'Items waiting for review': { uk: 'Записи, що чекають на перевірку', ru: 'Записи, ожидающие проверки' },
  'Moderators: post new quotes on a topic or by a speaker into a channel': {
    uk: 'Модератори: надсилати в канал нові цитати на тему або певної людини', ru: 'Модераторы: публиковать в канале новые цитаты на тему или определённого человека',
  },
  'Alert on a topic or a speaker': { uk: 'Сповіщати про тему або людину', ru: 'Оповещать о теме или человеке' },
  'Where the alerts are posted': { uk: 'Куди надсилати сповіщення', ru: 'Куда отправлять оповещения' },
  'Words a quote must contain, e.g. prisoner exchange': { uk: 'Слова, які має містити цитата, напр. prisoner exchange', ru: 'Слова, которые должна содержать цитата, напр. prisoner exchange' },
  'Someone quoted, e.g. Peskov': { uk: 'Людина, яку цитують, напр. Peskov', ru: 'Человек, которого цитируют, напр. Peskov' },
  'The alerts': { uk: 'Сповіщення', ru: 'Оповещения' },
  'Remove an alert': { uk: 'Видалити сповіщення', ru: 'Удалить оповещение' },
  'Start typing the topic or speaker': { uk: 'Почніть вводити тему або ім’я', ru: 'Начните вводить тему или имя' },
};

type Localizations = Partial<Record<CommandLocale, string>>;
interface Localizable {
  name: string;
  description?: string;
  options?: readonly Localizable[];
  choices?: ReadonlyArray<{ name: string }>;
  name_localizations?: Localizations | null;
  description_localizations?: Localizations | null;
}

function pick(table: Readonly<Record<string, Translation>>, key: string | undefined): Localizations | undefined {
  const t = key === undefined ? undefined : table[key];
  return t ? { ...t } : undefined;
}

function localizeNode<T extends Localizable>(node: T): T {
  const out: Localizable = { ...node };
  const names = pick(NAMES, node.name);
  const texts = pick(TEXTS, node.description);
  if (names) out.name_localizations = { ...names, ...node.name_localizations };
  if (texts) out.description_localizations = { ...texts, ...node.description_localizations };
  if (node.options) out.options = node.options.map(localizeNode);
  if (node.choices) {
    out.choices = node.choices.map((c) => {
      const l = pick(TEXTS, c.name);
      return l ? { ...c, name_localizations: l } : c;
    });
  }
  return out as T;
}

/**
 * `data` with Ukrainian and Russian localisations on the command, its options, subcommands and choices (a copy; the
 * English definition is unchanged). Localisations already written in the definition win; a text missing from the
 * tables stays English only (the command-typing test lists what is missing).
 */
export function localizeCommand<D extends ChatInputCommandData>(data: D): D {
  return localizeNode(data as D & Localizable);
}

/** Names and descriptions of `data` (and everything in it) that have no translation: what the tables lack. */
export function missingTranslations(data: ChatInputCommandData): string[] {
  const missing: string[] = [];
  const walk = (n: Localizable, path: string) => {
    for (const l of COMMAND_LOCALES) {
      if (!n.name_localizations?.[l]) missing.push(`${path} name (${l})`);
      if (n.description !== undefined && !n.description_localizations?.[l]) missing.push(`${path} description (${l})`);
    }
    for (const c of n.choices ?? []) {
      for (const l of COMMAND_LOCALES) if (!(c as Localizable).name_localizations?.[l]) missing.push(`${path} choice ${c.name} (${l})`);
    }
    for (const o of n.options ?? []) walk(o, `${path} ${o.name}`);
  };
  walk(data as Localizable, `/${data.name}`);
  return missing;
}
