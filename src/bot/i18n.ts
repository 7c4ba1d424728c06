// The bot's fixed phrases in the community's languages: one table per locale, picked from interaction.locale.
// Only what the bot itself says is translated (its replies, and the engine's refusals of a question as asked);
// article text and names stay as they are.
import type { EngineError, EngineErrorDetails } from '../engine.js';
import type { UserError } from '../errors.js';
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
  // Rows and their notes.
  partialQuote: string;
  reportedSpeech: string;
  /** Names are already escaped and joined. */
  alsoIn: (n: number, names: string) => string;
  matchedIn: string;
  readAs: (pairs: string) => string;
  anyWord: string;
  unattributed: string;
  alsoNamed: string;
  // Headings, pages and footers.
  continued: string;
  page: (at: number, of: number) => string;
  passagesMatching: (q: string) => string;
  whoSaidFooter: (quotes: number, speakers: number) => string;
  whoSaidFooterMore: (total: number, speakers: number, shown: number) => string;
  searchFooter: (shown: number) => string;
  searchFooterMore: (total: number, shown: number) => string;
  quotesFooter: (shown: number, who: string) => string;
  /** `best`: ranked by the topic; otherwise the latest. */
  quotesFooterMore: (total: number, who: string, shown: number, best: boolean) => string;
  // /article and cited paragraphs.
  source: string;
  date: string;
  paragraphs: string;
  quotes: string;
  speakers: (n: number) => string;
  addedBy: string;
  addedOn: (day: string) => string;
  quotesHere: string;
  unattributedLower: string;
  headline: string;
  paragraphOf: (n: number, of: number) => string;
  paragraphsFooter: (n: number) => string;
  // /sources.
  corpusHolds: string;
  sourcesSummary: (articles: number, paragraphs: number, quotes: number, speakers: number) => string;
  articleCounts: (paragraphs: number, quotes: number) => string;
  moreArticles: (n: number) => string;
  unreadable: (n: number, files: string) => string;
  // "Find sources".
  longMessage: string;
  quotesMatch: string;
  noQuoteMatches: string;
  matchingQuotes: string;
  relatedPassages: string;
  closestPassages: string;
  nothingClose: string;
  matchingQuotesFooter: (n: number) => string;
  closePassagesFooter: (n: number) => string;
  noArticle: (typed: string) => string;
  paragraphRange: (paragraphs: number) => string;
  /** "Find sources" on a message without words: it holds only an embed, only attachments, or nothing. */
  noTextInMessage: (has: 'embed' | 'attachments' | 'nothing') => string;
  // Buttons.
  previous: string;
  next: string;
  showParagraph: (n: number) => string;
  showParagraphs: string;
}

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** Ukrainian and Russian counted nouns: 1 / 2–4 / 5+ (and 11–14), as the languages decline them. */
function counted(n: number, one: string, few: string, many: string): string {
  const ten = n % 10;
  const hundred = n % 100;
  const form = ten === 1 && hundred !== 11 ? one : ten >= 2 && ten <= 4 && (hundred < 12 || hundred > 14) ? few : many;
  return `${n} ${form}`;
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
  /** /help: what the bot is (over how many articles), then the lines after the command list. */
  helpIntro: (articles: number) => string;
  helpOutro: string;
  /** canModerate's refusals, by their English text; one missing here is shown in English. */
  refusals: Readonly<Record<string, string>>;
  /** A question refused as asked (empty, only common words, a bad date, an unknown article or paragraph); undefined: the English text. */
  refused: (d: EngineErrorDetails) => string | undefined;
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
  helpIntro: (n) => `Answers questions about the Russia–Ukraine peace talks from ${n} news articles, always quoting and citing them (article, source, paragraph).`,
  helpOutro: 'Right-click a message → Apps → **Find sources**: the quotes and passages that say what it says (only you see it).\n'
    + 'Add `private: True` to any question to see the answer alone. Long answers have Previous/Next buttons.',
  refusals: {},
  refused: () => undefined,
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
    partialQuote: '(partial quote)',
    reportedSpeech: '(reported speech)',
    alsoIn: (n, names) => `also in ${plural(n, 'article')}: ${names}`,
    matchedIn: 'matched in',
    readAs: (pairs) => `Not in the articles, so read as: ${pairs}.`,
    anyWord: 'No quote matches every word: these match some of them.',
    unattributed: 'Unattributed',
    alsoNamed: 'Also named:',
    continued: '(continued)',
    page: (at, of) => `page ${at}/${of}`,
    passagesMatching: (q) => `Passages matching “${q}”`,
    whoSaidFooter: (quotes, speakers) => `${plural(quotes, 'quote')} from ${plural(speakers, 'speaker')}`,
    whoSaidFooterMore: (total, speakers, shown) => `${total} quotes from ${plural(speakers, 'speaker')} matched; best ${shown} shown (raise limit: for more)`,
    searchFooter: (shown) => `${plural(shown, 'passage')} matched`,
    searchFooterMore: (total, shown) => `${total} passages matched, best ${shown} shown`,
    quotesFooter: (shown, who) => `${plural(shown, 'quote')} by ${who}`,
    quotesFooterMore: (total, who, shown, best) => `${total} quotes by ${who}; ${best ? 'best' : 'latest'} ${shown} shown`,
    source: 'Source',
    date: 'Date',
    paragraphs: 'Paragraphs',
    quotes: 'Quotes',
    speakers: (n) => `Speakers (${n})`,
    addedBy: 'Added by',
    addedOn: (day) => ` on ${day}`,
    quotesHere: 'Quotes here:',
    unattributedLower: 'unattributed',
    headline: 'headline',
    paragraphOf: (n, of) => `¶${n} of ${of}`,
    paragraphsFooter: (n) => `${plural(n, 'paragraph')} · only you can see this`,
    corpusHolds: 'What the corpus holds',
    sourcesSummary: (a, p, q, s) => `${plural(a, 'article')}, ${plural(p, 'paragraph')}, ${plural(q, 'quote')} from ${plural(s, 'speaker')}.`,
    articleCounts: (p, q) => `${plural(p, 'paragraph')}, ${plural(q, 'quote')}`,
    moreArticles: (n) => `…and ${n} more: look one up with /article.`,
    unreadable: (n, files) => `${plural(n, 'file')} could not be read: ${files}`,
    longMessage: 'The message is long: only its beginning was searched.',
    quotesMatch: 'Quotes in the articles that match this message:',
    noQuoteMatches: 'No quote in the corpus matches this.',
    matchingQuotes: 'Matching quotes',
    relatedPassages: 'Related passages',
    closestPassages: 'Closest passages',
    nothingClose: 'Nothing in the articles comes close to it either.',
    matchingQuotesFooter: (n) => plural(n, 'matching quote'),
    closePassagesFooter: (n) => plural(n, 'close passage'),
    noArticle: (typed) => `No article matches **${typed}**. Pick one from the suggestions, or see /sources.`,
    paragraphRange: (n) => `That article has paragraphs 1 to ${n} (0 is the headline).`,
    noTextInMessage: (has) => `That message has ${has === 'embed' ? 'only an embed' : has === 'attachments' ? 'only attachments' : 'no text'}: there is no text to look for. Right-click a message with words in it.`,
    previous: '◀ Previous',
    next: 'Next ▶',
    showParagraph: (n) => `📄 Show paragraph ¶${n}`,
    showParagraphs: '📄 Show paragraphs (only you will see them)',
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
  helpIntro: (n) => `Відповідає на запитання про мирні переговори між Росією та Україною за ${n} новинними статтями, завжди з цитатами й посиланнями (стаття, джерело, абзац).`,
  helpOutro: 'Клацніть правою кнопкою на повідомленні → Застосунки → **Знайти джерела**: цитати й уривки, що кажуть те саме (бачите лише ви).\n'
    + 'Додайте `лише-мені: True` до будь-якого запитання, щоб відповідь бачили лише ви. Довгі відповіді мають кнопки «Назад»/«Далі».',
  refusals: {
    [MODERATION_OFF]: 'Модерацію вимкнено: жоден сервер не може змінювати статті. Щоб увімкнути її, задайте MOD_GUILD_IDS '
      + '(або DISCORD_GUILD_ID) як id вашого сервера, перезапустіть бота й виконайте `npm run deploy`.',
    [MOD_DM]: 'Команди модерації працюють лише на сервері, не в особистих повідомленнях.',
    [MOD_GUILD]: 'Модерація працює лише на сервері, якому належать ці статті; цей сервер не з їх числа.',
    [MOD_ROLE]: 'Змінювати статті можуть лише модератори (роль модератора або дозвіл «Керувати повідомленнями»).',
    [MOD_PERM]: 'Змінювати статті можуть лише модератори (дозвіл «Керувати повідомленнями»).',
  },
  refused: (d) => {
    switch (d.kind) {
      case 'nothing-asked': return d.what === 'a topic' ? 'Вкажіть тему, наприклад «ceasefire».' : 'Вкажіть слова для пошуку, наприклад «ceasefire».';
      case 'only-common-words': return `«${d.text}» містить лише загальновживані слова (як «the» чи «said»), шукати нічого; спробуйте конкретніше слово, наприклад «ceasefire».`;
      case 'not-a-date': return `${d.option}: «${d.value}» — не дата; напишіть 2025-05-12, 2025-05 або May 2025.`;
      case 'no-such-article': return `Немає статті з id «${d.id}».`;
      case 'no-such-paragraph': return `Стаття ${d.article} має абзаци від 1 до ${d.count} (0 — заголовок), а не ${d.asked}.`;
      case 'no-words-in-message': return 'У цьому повідомленні немає слів для пошуку (лише посилання, вбудований вміст, згадки або загальновживані слова).';
    }
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
    partialQuote: '(часткова цитата)',
    reportedSpeech: '(непряма мова)',
    alsoIn: (n, names) => `також у ${counted(n, 'статті', 'статтях', 'статтях')}: ${names}`,
    matchedIn: 'знайдено в',
    readAs: (pairs) => `Цього немає в статтях, тому прочитано як: ${pairs}.`,
    anyWord: 'Жодна цитата не містить усіх слів: ці містять деякі з них.',
    unattributed: 'Без автора',
    alsoNamed: 'Також згадується як:',
    continued: '(продовження)',
    page: (at, of) => `сторінка ${at}/${of}`,
    passagesMatching: (q) => `Уривки за запитом «${q}»`,
    whoSaidFooter: (quotes, speakers) => `${counted(quotes, 'цитата', 'цитати', 'цитат')} від ${counted(speakers, 'мовця', 'мовців', 'мовців')}`,
    whoSaidFooterMore: (total, speakers, shown) => `Знайдено ${counted(total, 'цитату', 'цитати', 'цитат')} від ${counted(speakers, 'мовця', 'мовців', 'мовців')}; показано ${shown} найкращих (щоб побачити більше, збільште limit:)`,
    searchFooter: (shown) => `Знайдено ${counted(shown, 'уривок', 'уривки', 'уривків')}`,
    searchFooterMore: (total, shown) => `Знайдено ${counted(total, 'уривок', 'уривки', 'уривків')}, показано ${shown} найкращих`,
    quotesFooter: (shown, who) => `${counted(shown, 'цитата', 'цитати', 'цитат')}: ${who}`,
    quotesFooterMore: (total, who, shown, best) => `${counted(total, 'цитата', 'цитати', 'цитат')}: ${who}; показано ${shown} ${best ? 'найкращих' : 'найновіших'}`,
    source: 'Джерело',
    date: 'Дата',
    paragraphs: 'Абзаци',
    quotes: 'Цитати',
    speakers: (n) => `Мовці (${n})`,
    addedBy: 'Додав(-ла)',
    addedOn: (day) => ` ${day}`,
    quotesHere: 'Цитати тут:',
    unattributedLower: 'без автора',
    headline: 'заголовок',
    paragraphOf: (n, of) => `¶${n} з ${of}`,
    paragraphsFooter: (n) => `${counted(n, 'абзац', 'абзаци', 'абзаців')} · бачите лише ви`,
    corpusHolds: 'Що є в корпусі',
    sourcesSummary: (a, p, q, s) => `${counted(a, 'стаття', 'статті', 'статей')}, ${counted(p, 'абзац', 'абзаци', 'абзаців')}, ${counted(q, 'цитата', 'цитати', 'цитат')} від ${counted(s, 'мовця', 'мовців', 'мовців')}.`,
    articleCounts: (p, q) => `${counted(p, 'абзац', 'абзаци', 'абзаців')}, ${counted(q, 'цитата', 'цитати', 'цитат')}`,
    moreArticles: (n) => `…і ще ${n}: знайдіть потрібну через /article.`,
    unreadable: (n, files) => `Не вдалося прочитати ${counted(n, 'файл', 'файли', 'файлів')}: ${files}`,
    longMessage: 'Повідомлення довге: шукали лише за його початком.',
    quotesMatch: 'Цитати зі статей, що відповідають цьому повідомленню:',
    noQuoteMatches: 'Жодна цитата в корпусі цьому не відповідає.',
    matchingQuotes: 'Відповідні цитати',
    relatedPassages: 'Пов’язані уривки',
    closestPassages: 'Найближчі уривки',
    nothingClose: 'У статтях немає нічого навіть близького.',
    matchingQuotesFooter: (n) => `${counted(n, 'відповідна цитата', 'відповідні цитати', 'відповідних цитат')}`,
    closePassagesFooter: (n) => `${counted(n, 'близький уривок', 'близькі уривки', 'близьких уривків')}`,
    noArticle: (typed) => `Жодна стаття не відповідає **${typed}**. Виберіть одну з підказок або перегляньте /sources.`,
    paragraphRange: (n) => `У цій статті абзаци від 1 до ${n} (0 — це заголовок).`,
    noTextInMessage: (has) => `${has === 'embed' ? 'У цьому повідомленні лише вбудований блок' : has === 'attachments' ? 'У цьому повідомленні лише вкладення' : 'У цьому повідомленні немає тексту'}: шукати нічого. Клацніть правою кнопкою на повідомленні зі словами.`,
    previous: '◀ Назад',
    next: 'Далі ▶',
    showParagraph: (n) => `📄 Показати абзац ¶${n}`,
    showParagraphs: '📄 Показати абзаци (побачите лише ви)',
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
  helpIntro: (n) => `Отвечает на вопросы о мирных переговорах между Россией и Украиной по ${n} новостным статьям, всегда с цитатами и ссылками (статья, источник, абзац).`,
  helpOutro: 'Нажмите правой кнопкой на сообщение → Приложения → **Найти источники**: цитаты и отрывки, которые говорят то же самое (видите только вы).\n'
    + 'Добавьте `только-мне: True` к любому вопросу, чтобы ответ видели только вы. У длинных ответов есть кнопки «Назад»/«Далее».',
  refusals: {
    [MODERATION_OFF]: 'Модерация выключена: ни один сервер не может менять статьи. Чтобы включить её, задайте MOD_GUILD_IDS '
      + '(или DISCORD_GUILD_ID) равным id вашего сервера, перезапустите бота и выполните `npm run deploy`.',
    [MOD_DM]: 'Команды модерации работают только на сервере, не в личных сообщениях.',
    [MOD_GUILD]: 'Модерация работает только на сервере, которому принадлежат эти статьи; этот сервер не из их числа.',
    [MOD_ROLE]: 'Менять статьи могут только модераторы (роль модератора или право «Управлять сообщениями»).',
    [MOD_PERM]: 'Менять статьи могут только модераторы (право «Управлять сообщениями»).',
  },
  refused: (d) => {
    switch (d.kind) {
      case 'nothing-asked': return d.what === 'a topic' ? 'Укажите тему, например «ceasefire».' : 'Укажите слова для поиска, например «ceasefire».';
      case 'only-common-words': return `«${d.text}» содержит только общеупотребительные слова (вроде «the» или «said»), искать нечего; попробуйте более конкретное слово, например «ceasefire».`;
      case 'not-a-date': return `${d.option}: «${d.value}» — не дата; напишите 2025-05-12, 2025-05 или May 2025.`;
      case 'no-such-article': return `Нет статьи с id «${d.id}».`;
      case 'no-such-paragraph': return `В статье ${d.article} абзацы с 1 по ${d.count} (0 — заголовок), а не ${d.asked}.`;
      case 'no-words-in-message': return 'В этом сообщении нет слов для поиска (только ссылка, встроенное содержимое, упоминания или общеупотребительные слова).';
    }
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
    partialQuote: '(частичная цитата)',
    reportedSpeech: '(косвенная речь)',
    alsoIn: (n, names) => `также в ${counted(n, 'статье', 'статьях', 'статьях')}: ${names}`,
    matchedIn: 'найдено в',
    readAs: (pairs) => `Этого нет в статьях, поэтому прочитано как: ${pairs}.`,
    anyWord: 'Ни одна цитата не содержит всех слов: эти содержат некоторые из них.',
    unattributed: 'Без автора',
    alsoNamed: 'Также упоминается как:',
    continued: '(продолжение)',
    page: (at, of) => `страница ${at}/${of}`,
    passagesMatching: (q) => `Отрывки по запросу «${q}»`,
    whoSaidFooter: (quotes, speakers) => `${counted(quotes, 'цитата', 'цитаты', 'цитат')} от ${counted(speakers, 'говорящего', 'говорящих', 'говорящих')}`,
    whoSaidFooterMore: (total, speakers, shown) => `Найдено ${counted(total, 'цитату', 'цитаты', 'цитат')} от ${counted(speakers, 'говорящего', 'говорящих', 'говорящих')}; показано ${shown} лучших (чтобы увидеть больше, увеличьте limit:)`,
    searchFooter: (shown) => `Найдено ${counted(shown, 'отрывок', 'отрывка', 'отрывков')}`,
    searchFooterMore: (total, shown) => `Найдено ${counted(total, 'отрывок', 'отрывка', 'отрывков')}, показано ${shown} лучших`,
    quotesFooter: (shown, who) => `${counted(shown, 'цитата', 'цитаты', 'цитат')}: ${who}`,
    quotesFooterMore: (total, who, shown, best) => `${counted(total, 'цитата', 'цитаты', 'цитат')}: ${who}; показано ${shown} ${best ? 'лучших' : 'новейших'}`,
    source: 'Источник',
    date: 'Дата',
    paragraphs: 'Абзацы',
    quotes: 'Цитаты',
    speakers: (n) => `Говорящие (${n})`,
    addedBy: 'Добавил(а)',
    addedOn: (day) => ` ${day}`,
    quotesHere: 'Цитаты здесь:',
    unattributedLower: 'без автора',
    headline: 'заголовок',
    paragraphOf: (n, of) => `¶${n} из ${of}`,
    paragraphsFooter: (n) => `${counted(n, 'абзац', 'абзаца', 'абзацев')} · видите только вы`,
    corpusHolds: 'Что есть в корпусе',
    sourcesSummary: (a, p, q, s) => `${counted(a, 'статья', 'статьи', 'статей')}, ${counted(p, 'абзац', 'абзаца', 'абзацев')}, ${counted(q, 'цитата', 'цитаты', 'цитат')} от ${counted(s, 'говорящего', 'говорящих', 'говорящих')}.`,
    articleCounts: (p, q) => `${counted(p, 'абзац', 'абзаца', 'абзацев')}, ${counted(q, 'цитата', 'цитаты', 'цитат')}`,
    moreArticles: (n) => `…и ещё ${n}: найдите нужную через /article.`,
    unreadable: (n, files) => `Не удалось прочитать ${counted(n, 'файл', 'файла', 'файлов')}: ${files}`,
    longMessage: 'Сообщение длинное: искали только по его началу.',
    quotesMatch: 'Цитаты из статей, соответствующие этому сообщению:',
    noQuoteMatches: 'Ни одна цитата в корпусе этому не соответствует.',
    matchingQuotes: 'Подходящие цитаты',
    relatedPassages: 'Связанные отрывки',
    closestPassages: 'Ближайшие отрывки',
    nothingClose: 'В статьях нет ничего даже близкого.',
    matchingQuotesFooter: (n) => `${counted(n, 'подходящая цитата', 'подходящие цитаты', 'подходящих цитат')}`,
    closePassagesFooter: (n) => `${counted(n, 'близкий отрывок', 'близких отрывка', 'близких отрывков')}`,
    noArticle: (typed) => `Ни одна статья не соответствует **${typed}**. Выберите одну из подсказок или посмотрите /sources.`,
    paragraphRange: (n) => `В этой статье абзацы с 1 по ${n} (0 — это заголовок).`,
    noTextInMessage: (has) => `${has === 'embed' ? 'В этом сообщении только встроенный блок' : has === 'attachments' ? 'В этом сообщении только вложения' : 'В этом сообщении нет текста'}: искать нечего. Нажмите правой кнопкой на сообщение со словами.`,
    previous: '◀ Назад',
    next: 'Далее ▶',
    showParagraph: (n) => `📄 Показать абзац ¶${n}`,
    showParagraphs: '📄 Показать абзацы (увидите только вы)',
  },
};

export const LOCALES: Readonly<Record<BotLocale, Messages>> = { en, uk, ru };

/** The table for Discord's `locale` of an interaction. */
export function messagesFor(discordLocale: string | null | undefined): Messages {
  return LOCALES[localeOf(discordLocale)];
}

/** What the asker reads for a refusal: the engine's in their language when the table words it, else the message. */
export function userErrorText(t: Messages, err: UserError): string {
  // By shape, not instanceof: this table stays free of the engine's code (deploy loads it alone).
  const details = (err as Partial<EngineError>).details;
  return (details ? t.refused(details) : undefined) ?? err.userMessage;
}

/** A moderation refusal in the user's language (unknown reasons stay as given). */
export function refusalText(t: Messages, reason: string): string {
  return t.refusals[reason] ?? reason;
}
