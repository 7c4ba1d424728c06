// Word lists the quote extractor reasons with. Data only: extend a list here rather than adding a rule.
// Everything is lower case; lookups fold case and diacritics first.

/** Reporting verbs, every inflection we accept as introducing or closing speech. */
export const REPORTING_VERBS: ReadonlySet<string> = new Set(
  [
    'say', 'says', 'said', 'saying',
    'tell', 'tells', 'told', 'telling',
    'add', 'adds', 'added', 'adding',
    'state', 'states', 'stated', 'stating',
    'note', 'notes', 'noted', 'noting',
    'stress', 'stresses', 'stressed', 'stressing',
    'warn', 'warns', 'warned', 'warning',
    'insist', 'insists', 'insisted', 'insisting',
    'argue', 'argues', 'argued', 'arguing',
    'claim', 'claims', 'claimed', 'claiming',
    'explain', 'explains', 'explained', 'explaining',
    'declare', 'declares', 'declared', 'declaring',
    'announce', 'announces', 'announced', 'announcing',
    'assert', 'asserts', 'asserted', 'asserting',
    'emphasize', 'emphasizes', 'emphasized', 'emphasizing',
    'emphasise', 'emphasises', 'emphasised', 'emphasising',
    'underline', 'underlines', 'underlined', 'underlining',
    'underscore', 'underscores', 'underscored',
    'remark', 'remarks', 'remarked',
    'comment', 'comments', 'commented',
    'observe', 'observes', 'observed',
    'write', 'writes', 'wrote', 'writing',
    'post', 'posted', 'tweet', 'tweets', 'tweeted',
    'reply', 'replies', 'replied', 'replying',
    'respond', 'responds', 'responded', 'responding',
    'answer', 'answers', 'answered',
    'ask', 'asks', 'asked',
    'continue', 'continues', 'continued',
    'conclude', 'concludes', 'concluded',
    'acknowledge', 'acknowledges', 'acknowledged',
    'admit', 'admits', 'admitted', 'admitting',
    'concede', 'concedes', 'conceded',
    'confirm', 'confirms', 'confirmed', 'confirming',
    'deny', 'denies', 'denied', 'denying',
    'suggest', 'suggests', 'suggested',
    'predict', 'predicts', 'predicted',
    'estimate', 'estimates', 'estimated',
    'report', 'reports', 'reported', 'reporting',
    'reveal', 'reveals', 'revealed',
    'recall', 'recalls', 'recalled',
    'urge', 'urges', 'urged',
    'pledge', 'pledges', 'pledged',
    'promise', 'promises', 'promised',
    'vow', 'vows', 'vowed',
    'threaten', 'threatens', 'threatened',
    'caution', 'cautions', 'cautioned',
    'complain', 'complains', 'complained',
    'lament', 'laments', 'lamented',
    'indicate', 'indicates', 'indicated',
    'mention', 'mentions', 'mentioned',
    'inform', 'informs', 'informed',
    'reiterate', 'reiterates', 'reiterated', 'reiterating',
    'repeat', 'repeats', 'repeated',
    'assure', 'assures', 'assured',
    'allege', 'alleges', 'alleged',
    'maintain', 'maintains', 'maintained',
    'contend', 'contends', 'contended',
    'counter', 'counters', 'countered',
    'retort', 'retorted',
    'joke', 'joked', 'quip', 'quipped',
    'agree', 'agrees', 'agreed',
    'highlight', 'highlights', 'highlighted',
    'specify', 'specified', 'clarify', 'clarified',
    'elaborate', 'elaborated',
    'proclaim', 'proclaimed',
    'believe', 'believes', 'believed',
    'think', 'thinks', 'thought',
    'write', 'wrote', 'quote', 'quoted',
    'shout', 'shouted', 'exclaim', 'exclaimed',
    'whisper', 'whispered', 'demand', 'demanded', 'demands',
  ],
);

/**
 * Verbs of speech acts that are not reporting verbs but whose subject is the author of a quote that follows
 * ("He called for “a just and lasting peace”", "Lavrov dismissed the plan as “unrealistic”").
 */
export const SPEECH_ACT_VERBS: ReadonlySet<string> = new Set([
  'call', 'calls', 'called', 'describe', 'describes', 'described', 'dismiss', 'dismisses', 'dismissed', 'reject',
  'rejects', 'rejected', 'denounce', 'denounced', 'condemn', 'condemns', 'condemned', 'praise', 'praised',
  'welcome', 'welcomed', 'welcomes', 'label', 'labelled', 'labeled', 'brand', 'branded', 'accuse', 'accused',
  'accuses', 'hail', 'hailed', 'criticise', 'criticised', 'criticize', 'criticized', 'slam', 'slammed', 'blast',
  'blasted', 'lambast', 'lambasted', 'decry', 'decried', 'characterize', 'characterized', 'characterise',
  'characterised', 'refer', 'referred', 'spoke', 'speak', 'speaks', 'expressed', 'express', 'voiced', 'voice',
]);

/** Verbs after which the next noun phrase is the listener, not the speaker ("told Reuters", "informed reporters"). */
export const VERBS_WITH_LISTENER: ReadonlySet<string> = new Set([
  'tell', 'tells', 'told', 'telling', 'inform', 'informs', 'informed', 'ask', 'asks', 'asked',
  'assure', 'assures', 'assured', 'urge', 'urges', 'urged', 'warn', 'warns', 'warned', 'quote', 'quoted',
]);

/** Verbs that may stand after a quote with the speaker following them ("…," said Peskov). */
export const INVERTIBLE_VERBS: ReadonlySet<string> = new Set([
  'say', 'says', 'said', 'add', 'adds', 'added', 'state', 'states', 'stated', 'note', 'notes', 'noted',
  'stress', 'stressed', 'warn', 'warned', 'insist', 'insisted', 'argue', 'argued', 'claim', 'claimed',
  'explain', 'explained', 'declare', 'declared', 'write', 'writes', 'wrote', 'continue', 'continued',
  'conclude', 'concluded', 'reply', 'replied', 'respond', 'responded', 'answer', 'answered', 'ask', 'asked',
  'admit', 'admitted', 'remark', 'remarked', 'comment', 'commented', 'observe', 'observed', 'tweet',
  'tweeted', 'post', 'posted', 'report', 'reports', 'reported', 'announce', 'announced', 'emphasized',
  'emphasised', 'concede', 'conceded', 'acknowledge', 'acknowledged', 'confirm', 'confirmed', 'joke',
  'joked', 'quipped', 'retorted', 'countered', 'recall', 'recalled', 'estimate', 'estimates', 'suggested',
  'predicted', 'underlined', 'underscored', 'reiterated', 'maintained', 'contended', 'alleged',
]);

/** Words between a subject and its reporting verb that do not break the link ("has also said"). */
export const AUXILIARIES: ReadonlySet<string> = new Set([
  'has', 'have', 'had', 'also', 'then', 'later', 'earlier', 'again', 'further', 'once', 'previously',
  'reportedly', 'repeatedly', 'recently', 'publicly', 'privately', 'separately', 'subsequently', 'has been',
  'was', 'is', 'were', 'are', 'will', 'would', 'did', 'does', 'do', 'not', 'never', 'already', 'just',
  'firmly', 'bluntly', 'flatly', 'openly', 'clearly', 'explicitly', 'additionally', 'even', 'still',
  'angrily', 'calmly', 'simply', 'only', 'both', 'all',
]);

/** Pronouns that must be resolved to a named speaker (never shown as a speaker). */
export const PERSON_PRONOUNS: ReadonlySet<string> = new Set(['he', 'she', 'him', 'her']);
export const GROUP_PRONOUNS: ReadonlySet<string> = new Set(['they', 'them']);
export const THING_PRONOUNS: ReadonlySet<string> = new Set(['it']);
export const ALL_PRONOUNS: ReadonlySet<string> = new Set([
  ...PERSON_PRONOUNS, ...GROUP_PRONOUNS, ...THING_PRONOUNS, 'i', 'we', 'you', 'us', 'me', 'his', 'hers', 'its',
  'their', 'theirs', 'our', 'my', 'this', 'that', 'who', 'which', 'someone', 'somebody', 'everyone', 'one',
]);

/**
 * Role nouns for people, each with the roles it implies, so "the press secretary" finds the person
 * introduced as "Kremlin spokesperson …" and "the Russian leader" finds "Russian President …".
 */
export const PERSON_ROLES: Readonly<Record<string, readonly string[]>> = {
  president: ['president', 'leader', 'head of state'],
  'vice president': ['vice president'],
  'prime minister': ['prime minister', 'premier', 'leader', 'head of government'],
  premier: ['prime minister', 'premier', 'leader'],
  chancellor: ['chancellor', 'leader'],
  king: ['king', 'leader', 'monarch'],
  leader: ['leader'],
  dictator: ['leader', 'dictator'],
  'head of state': ['leader', 'president', 'head of state'],
  spokesperson: ['spokesperson'],
  spokesman: ['spokesperson'],
  spokeswoman: ['spokesperson'],
  'press secretary': ['spokesperson'],
  'press officer': ['spokesperson'],
  'foreign minister': ['foreign minister', 'minister', 'top diplomat', 'diplomat'],
  'defence minister': ['defence minister', 'minister'],
  'defense minister': ['defence minister', 'minister'],
  'deputy minister': ['deputy minister', 'minister'],
  minister: ['minister'],
  'secretary of state': ['secretary of state', 'secretary', 'top diplomat', 'diplomat'],
  'secretary general': ['secretary general', 'secretary'],
  'secretary-general': ['secretary general', 'secretary'],
  secretary: ['secretary'],
  'national security adviser': ['adviser', 'aide'],
  adviser: ['adviser', 'aide'],
  advisor: ['adviser', 'aide'],
  aide: ['aide', 'adviser'],
  envoy: ['envoy', 'diplomat'],
  ambassador: ['ambassador', 'diplomat', 'envoy'],
  diplomat: ['diplomat'],
  negotiator: ['negotiator'],
  mediator: ['mediator'],
  head: ['head'],
  chief: ['chief', 'head'],
  director: ['director', 'head'],
  commander: ['commander'],
  general: ['general', 'commander'],
  governor: ['governor'],
  mayor: ['mayor'],
  senator: ['senator', 'lawmaker'],
  lawmaker: ['lawmaker'],
  deputy: ['deputy', 'lawmaker'],
  'mp': ['lawmaker'],
  speaker: ['speaker'],
  chairman: ['chairman', 'head'],
  chairwoman: ['chairman', 'head'],
  chair: ['chairman', 'head'],
  official: ['official'],
  analyst: ['analyst', 'expert'],
  expert: ['expert', 'analyst'],
  economist: ['economist', 'expert'],
  professor: ['professor', 'expert'],
  researcher: ['researcher', 'expert'],
  journalist: ['journalist'],
  correspondent: ['journalist'],
  editor: ['editor', 'journalist'],
  blogger: ['blogger'],
  source: ['source'],
  insider: ['source'],
  interlocutor: ['source'],
  interviewee: ['source'],
  interviewer: ['source'],
  officer: ['officer'],
  soldier: ['soldier'],
  prosecutor: ['prosecutor'],
  ombudsman: ['ombudsman'],
  ombudswoman: ['ombudsman'],
  commissioner: ['commissioner', 'official'],
  representative: ['representative', 'envoy'],
  fellow: ['expert', 'analyst'],
  scholar: ['expert', 'analyst'],
  historian: ['historian', 'expert'],
  strategist: ['expert', 'analyst'],
  pope: ['pope', 'leader'],
  patriarch: ['patriarch'],
  ceo: ['head'],
};

/** Plural nouns for unnamed groups that speak ("sources in Kyiv", "Western officials", "the agency's interlocutors"). */
export const GROUP_NOUNS: ReadonlySet<string> = new Set([
  'sources', 'officials', 'diplomats', 'analysts', 'experts', 'interlocutors', 'negotiators', 'insiders',
  'people', 'lawmakers', 'senators', 'deputies', 'mps', 'observers', 'commentators', 'aides', 'advisers',
  'advisors', 'authorities', 'leaders', 'politicians', 'ministers', 'commanders', 'soldiers', 'residents',
  'journalists', 'reporters', 'correspondents', 'researchers', 'economists', 'bloggers', 'critics',
  'activists', 'witnesses', 'interviewees', 'representatives', 'spokespeople', 'participants', 'delegates',
  'organizers', 'organisers', 'scholars', 'historians', 'campaigners', 'protesters', 'voters', 'citizens',
]);

/** Titles written before a name that are not roles ("Mr Peskov", "Dr Weller"). */
export const HONORIFICS: ReadonlySet<string> = new Set([
  'mr', 'mrs', 'ms', 'miss', 'dr', 'prof', 'sir', 'dame', 'lord', 'lady', 'madam', 'mister', 'gen', 'col',
  'lt', 'maj', 'capt', 'sgt', 'rev', 'sen', 'rep', 'gov', 'pres', 'st', 'del', 'amb', 'adm', 'cmdr', 'supt', 'atty',
]);

/** Words that qualify a role without changing it ("former deputy minister", "senior aide"). */
export const ROLE_MODIFIERS: ReadonlySet<string> = new Set([
  'former', 'ex', 'deputy', 'senior', 'top', 'chief', 'acting', 'interim', 'current', 'then', 'new', 'first',
  'vice', 'assistant', 'high-ranking', 'high', 'ranking', 'unnamed', 'anonymous', 'trusted', 'leading',
  'presidential', 'military', 'foreign', 'defence', 'defense', 'security', 'press', 'national', 'special',
  'personal', 'political', 'economic', 'independent', 'western', 'european', 'american', 'russian',
  'ukrainian', 'government', 'state', 'kremlin', 'white', 'house', 'one', 'two', 'three', 'four', 'five',
  'six', 'seven', 'several', 'some', 'many', 'few', 'other', 'another', 'key', 'close', 'longtime',
  'long-time', 'veteran', 'retired', 'well-known', 'prominent', 'influential', 'mediation', 'peace', 'un',
  'us', 'u.s.', 'eu', 'nato', 'un', 'regional', 'local', 'intelligence', 'diplomatic', 'official',
]);

/** Nationality words (and their metonyms) mapped to a country key, for titles and role matching. */
export const NATIONALITIES: Readonly<Record<string, string>> = {
  russian: 'russia', russia: 'russia', "russia's": 'russia', kremlin: 'russia', moscow: 'russia',
  ukrainian: 'ukraine', ukraine: 'ukraine', "ukraine's": 'ukraine', kyiv: 'ukraine', kiev: 'ukraine',
  us: 'us', 'u.s.': 'us', american: 'us', 'u.s': 'us', usa: 'us', washington: 'us',
  turkish: 'turkey', turkey: 'turkey', turkiye: 'turkey', ankara: 'turkey',
  french: 'france', france: 'france', german: 'germany', germany: 'germany', british: 'uk', uk: 'uk',
  'u.k.': 'uk', britain: 'uk', chinese: 'china', china: 'china', beijing: 'china', polish: 'poland',
  poland: 'poland', hungarian: 'hungary', hungary: 'hungary', belarusian: 'belarus', belarus: 'belarus',
  italian: 'italy', italy: 'italy', israeli: 'israel', iranian: 'iran', indian: 'india', saudi: 'saudi',
  qatari: 'qatar', swiss: 'switzerland', switzerland: 'switzerland', european: 'eu', eu: 'eu',
  canadian: 'canada', japanese: 'japan', finnish: 'finland', swedish: 'sweden', estonian: 'estonia',
  latvian: 'latvia', lithuanian: 'lithuania', moldovan: 'moldova', georgian: 'georgia', czech: 'czechia',
  slovak: 'slovakia', romanian: 'romania', bulgarian: 'bulgaria', spanish: 'spain', dutch: 'netherlands',
  norwegian: 'norway', danish: 'denmark', austrian: 'austria', belgian: 'belgium', brazilian: 'brazil',
  'south african': 'south africa', korean: 'korea', emirati: 'uae', vatican: 'vatican', nato: 'nato',
};

/** Words that make a capitalised run an organisation ("Ministry of …", "… Institute", "White House"). */
export const ORG_KEYWORDS: ReadonlySet<string> = new Set([
  'institute', 'ministry', 'department', 'office', 'house', 'council', 'agency', 'committee', 'commission',
  'parliament', 'assembly', 'government', 'forces', 'army', 'navy', 'service', 'services', 'bank', 'fund',
  'union', 'organization', 'organisation', 'party', 'foundation', 'university', 'center', 'centre', 'group',
  'alliance', 'court', 'administration', 'embassy', 'staff', 'command', 'bureau', 'duma', 'rada', 'pentagon',
  'kremlin', 'cabinet', 'senate', 'congress', 'secretariat', 'directorate', 'guard', 'corps', 'police',
  'news', 'times', 'post', 'journal', 'press', 'gazette', 'herald', 'tribune', 'telegraph', 'guardian',
  'independent', 'pravda', 'izvestia', 'kommersant', 'network', 'channel', 'television', 'radio', 'tv',
  'media', 'magazine', 'newspaper', 'agency', 'company', 'corporation', 'inc', 'ltd', 'institution',
  'think-tank', 'initiative', 'movement', 'front', 'federation', 'coalition', 'mission', 'headquarters',
  'inquirer', 'examiner', 'economist', 'review',
]);

/** Organisations known by a single word or an unusual name (news outlets, agencies). */
export const KNOWN_ORGS: ReadonlySet<string> = new Set([
  'reuters', 'politico', 'axios', 'bloomberg', 'tass', 'interfax', 'ria novosti', 'ria', 'ukrinform',
  'ukrainska pravda', 'meduza', 'al jazeera', 'cnn', 'bbc', 'afp', 'ap', 'associated press', 'nbc', 'cbs',
  'abc', 'fox news', 'sky news', 'der spiegel', 'spiegel', 'le monde', 'bild', 'kyiv independent',
  'kyiv post', 'new york times', 'washington post', 'wall street journal', 'financial times', 'the guardian',
  'guardian', 'the economist', 'nato', 'kremlin', 'pentagon', 'white house', 'isw', 'osce', 'iaea', 'unian',
  'rbc', 'rt', 'sputnik', 'novaya gazeta', 'euronews', 'dw', 'deutsche welle', 'france 24', 'cbc', 'npr',
  'vedomosti', 'gazprom', 'rosatom', 'wagner', 'hamas', 'un', 'eu', 'g7', 'g20', 'brics', 'unicef', 'who',
  'imf', 'state department', 'foreign office', 'downing street', 'elysee', 'élysée', 'bundestag', 'verkhovna rada',
  'express', 'daily mail', 'the sun', 'mirror', 'newsweek', 'time', 'vox', 'semafor',
]);

/** Names of places: a place that speaks is its government ("Moscow said" → an organisation). */
export const PLACES: ReadonlySet<string> = new Set([
  'russia', 'ukraine', 'moscow', 'kyiv', 'kiev', 'kharkiv', 'kherson', 'odesa', 'odessa', 'donetsk',
  'luhansk', 'crimea', 'donbas', 'donbass', 'zaporizhzhia', 'mariupol', 'bakhmut', 'avdiivka', 'lviv',
  'dnipro', 'sumy', 'kursk', 'belgorod', 'istanbul', 'turkey', 'ankara', 'washington', 'london', 'paris',
  'berlin', 'brussels', 'geneva', 'switzerland', 'minsk', 'belarus', 'warsaw', 'poland', 'beijing', 'china',
  'europe', 'america', 'united states', 'united kingdom', 'britain', 'france', 'germany', 'riyadh',
  'jeddah', 'saudi arabia', 'qatar', 'doha', 'abu dhabi', 'budapest', 'hungary', 'vatican', 'rome',
  'alaska', 'anchorage', 'helsinki', 'tallinn', 'riga', 'vilnius', 'chisinau', 'moldova', 'georgia',
  'tbilisi', 'iran', 'tehran', 'israel', 'india', 'delhi', 'new delhi', 'brazil', 'japan', 'tokyo',
  'the west', 'west', 'kremlin', 'bürgenstock', 'burgenstock', 'davos', 'munich', 'vienna', 'stockholm',
  'finland', 'sweden', 'norway', 'denmark', 'estonia', 'latvia', 'lithuania', 'romania', 'slovakia',
  'czech republic', 'italy', 'spain', 'netherlands', 'canada', 'australia', 'africa', 'asia', 'nato',
]);

/** Capitalised words that are never part of a name (sentence openers, months, days, headline words). */
export const NOT_NAME_WORDS: ReadonlySet<string> = new Set([
  'the', 'a', 'an', 'but', 'and', 'or', 'in', 'on', 'at', 'to', 'of', 'for', 'from', 'by', 'with', 'as',
  'according', 'however', 'while', 'since', 'after', 'before', 'over', 'under', 'if', 'when', 'where',
  'it', 'this', 'that', 'these', 'those', 'he', 'she', 'they', 'we', 'i', 'you', 'his', 'her', 'their',
  'our', 'its', 'both', 'some', 'other', 'others', 'one', 'two', 'three', 'four', 'five', 'additionally',
  'meanwhile', 'earlier', 'later', 'also', 'then', 'there', 'here', 'speaking', 'asked', 'during', 'despite',
  'although', 'though', 'because', 'so', 'yet', 'still', 'now', 'today', 'yesterday', 'tomorrow', 'last',
  'next', 'this', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'january',
  'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november',
  'december', 'read', 'more', 'see', 'also', 'watch', 'video', 'photo', 'update', 'breaking', 'live',
  'is', 'are', 'was', 'were', 'will', 'would', 'can', 'could', 'should', 'has', 'have', 'had', 'do', 'does',
  'did', 'not', 'no', 'yes', 'what', 'why', 'how', 'who', 'which', 'whose', 'all', 'any', 'each', 'every',
  'such', 'many', 'much', 'most', 'few', 'several', 'only', 'even', 'just', 'like', 'unlike', 'amid',
  'among', 'between', 'through', 'into', 'onto', 'upon', 'about', 'against', 'without', 'within', 'around',
  'near', 'per', 'via', 'than', 'thus', 'therefore', 'instead', 'indeed', 'perhaps', 'maybe', 'whether',
  'again', 'once', 'first', 'second', 'third', 'finally', 'in addition', 'mr', 'mrs', 'ms', 'dr', 'peace',
  'war', 'talks', 'ceasefire', 'my', 'me', 'us', 'them', 'him', 'let', 'lets', 'let’s', 'new', 'old',
  'western', 'eastern', 'northern', 'southern', 'global', 'international', 'world', 'national', 'federal',
]);

/** Title words that may be capitalised before a name ("Foreign Minister", "Secretary of State"). Longest first. */
export const TITLE_PHRASES: readonly string[] = Object.keys(PERSON_ROLES)
  .concat(['prime', 'foreign', 'defence', 'defense', 'minister', 'secretary', 'state', 'of', 'general',
    'deputy', 'vice', 'former', 'presidential', 'press', 'acting', 'senior', 'chief', 'top', 'national',
    'security', 'special', 'ex', 'interior', 'economy', 'finance', 'justice', 'health', 'culture', 'trade',
    'energy', 'first', 'lady', 'supreme', 'commander', 'in', 'army'])
  .sort((a, b) => b.length - a.length);

/** Words before a quoted phrase that make it a title of a work or a name, not speech. */
export const WORK_TITLE_CUES: ReadonlySet<string> = new Set([
  'book', 'film', 'movie', 'titled', 'entitled', 'named', 'dubbed', 'headlined', 'song', 'album',
  'series', 'show', 'programme', 'program', 'documentary', 'column', 'essay', 'novel', 'poem', 'play',
  'podcast', 'exhibition', 'codenamed', 'code-named', 'so-called', 'nicknamed', 'hashtag', 'slogan', 'operation',
  'newspaper', 'magazine', 'channel', 'dubbing', 'branded', 'labelled', 'labeled',
]);

/** Nouns for a statement that stands for its author ("a statement by the spokesman said"). */
export const STATEMENT_NOUNS: ReadonlySet<string> = new Set([
  'statement', 'statements', 'message', 'post', 'letter', 'report', 'communique', 'communiqué', 'release',
  'readout', 'comment', 'comments', 'remarks', 'tweet', 'memo', 'note', 'decree', 'transcript', 'notice',
]);

/**
 * Well-known people in this domain, used only when an article refers to someone by role alone and
 * never names anyone fitting ("the Ukrainian president admitted…"). Article text always wins.
 */
export const KNOWN_PEOPLE: readonly { name: string; country: string; roles: readonly string[] }[] = [
  { name: 'Vladimir Putin', country: 'russia', roles: ['president', 'leader', 'head of state'] },
  { name: 'Volodymyr Zelensky', country: 'ukraine', roles: ['president', 'leader', 'head of state'] },
  { name: 'Dmitry Peskov', country: 'russia', roles: ['spokesperson'] },
  { name: 'Sergei Lavrov', country: 'russia', roles: ['foreign minister', 'minister', 'top diplomat', 'diplomat'] },
  { name: 'Recep Tayyip Erdogan', country: 'turkey', roles: ['president', 'leader', 'head of state'] },
  { name: 'Emmanuel Macron', country: 'france', roles: ['president', 'leader', 'head of state'] },
  { name: 'Alexander Lukashenko', country: 'belarus', roles: ['president', 'leader', 'head of state'] },
  { name: 'Maria Zakharova', country: 'russia', roles: ['spokesperson'] },
  { name: 'Xi Jinping', country: 'china', roles: ['president', 'leader', 'head of state'] },
  { name: 'Viktor Orban', country: 'hungary', roles: ['prime minister', 'premier', 'leader'] },
];

/** Transliteration variants of first names: one class per line, so Dmytro and Dmitry are one person's name. */
export const FIRST_NAME_VARIANTS: readonly (readonly string[])[] = [
  ['dmitry', 'dmytro', 'dmitri', 'dmitriy', 'dmitrii', 'dimitri', 'dimitry'],
  ['sergei', 'sergey', 'serhiy', 'serhii', 'sergiy', 'serguei', 'sergii'],
  ['andriy', 'andrii', 'andrei', 'andrey', 'andrij'],
  ['oleksandr', 'alexander', 'aleksandr', 'alexandr', 'olexandr', 'aleksander'],
  ['mykhailo', 'mikhail', 'mykhaylo', 'mihail', 'michail'],
  ['volodymyr', 'vladimir', 'wolodymyr', 'volodimir'],
  ['oleksiy', 'oleksii', 'alexei', 'alexey', 'aleksei', 'aleksey', 'olexiy'],
  ['yuriy', 'yuri', 'yury', 'yurii', 'iurii', 'juri'],
  ['mykola', 'nikolai', 'nikolay', 'nicolai'],
  ['anatoliy', 'anatoly', 'anatolii', 'anatoli'],
  ['vitaliy', 'vitaly', 'vitalii', 'vitali'],
  ['yevgeny', 'evgeny', 'yevhen', 'evgeniy', 'yevgeniy', 'evgenii', 'yevgenii', 'eugene'],
  ['olena', 'elena', 'yelena', 'helena'],
  ['pavlo', 'pavel'],
  ['petro', 'pyotr', 'petr', 'pyotr'],
  ['ihor', 'igor'],
  ['maria', 'mariya', 'mariia', 'marija'],
  ['kyrylo', 'kirill', 'kyrillo'],
  ['denys', 'denis'],
  ['rustem', 'rustam'],
  ['valeriy', 'valery', 'valerii', 'valeri'],
  ['hennadiy', 'gennady', 'gennadiy', 'hennadii'],
  ['vasyl', 'vasily', 'vasiliy', 'vassily'],
  ['yulia', 'yuliya', 'julia', 'iuliia'],
  ['maxim', 'maksym', 'maksim'],
  ['arseniy', 'arseny', 'arsenii'],
  ['ruslan'],
  ['anthony', 'antony'],
];

/**
 * Words that say a person is a woman or a man (titles, role nouns). "She said" never resolves to someone
 * known to be a man, nor "he said" to a woman; people of unknown gender fit both.
 */
export const FEMALE_WORDS: ReadonlySet<string> = new Set([
  'ms', 'mrs', 'miss', 'madam', 'madame', 'lady', 'dame', 'queen', 'princess', 'spokeswoman', 'chairwoman',
  'congresswoman', 'businesswoman', 'stateswoman', 'woman', 'women', 'mother', 'wife', 'widow', 'daughter',
  'sister', 'grandmother', 'actress', 'baroness', 'duchess', 'first lady', 'frau',
]);
export const MALE_WORDS: ReadonlySet<string> = new Set([
  'mr', 'sir', 'lord', 'king', 'prince', 'spokesman', 'chairman', 'congressman', 'businessman', 'statesman',
  'man', 'father', 'husband', 'son', 'brother', 'grandfather', 'baron', 'duke', 'herr', 'patriarch', 'pope',
]);

/** Given names that are women's names (folded), common in this domain's news. */
export const FEMALE_GIVEN_NAMES: ReadonlySet<string> = new Set([
  'kaja', 'ursula', 'maria', 'mariya', 'olena', 'elena', 'yelena', 'yulia', 'yuliia', 'julia', 'iryna', 'irina',
  'olga', 'olha', 'oksana', 'kateryna', 'ekaterina', 'yekaterina', 'natalia', 'nataliya', 'natalya', 'tatiana',
  'tetiana', 'tatyana', 'svetlana', 'svitlana', 'valentina', 'anna', 'hanna', 'ganna', 'victoria', 'viktoria',
  'viktoriia', 'lyudmila', 'liudmyla', 'anastasia', 'daria', 'darya', 'alina', 'halyna', 'galina', 'marina',
  'maryna', 'ella', 'elvira', 'kamala', 'hillary', 'nancy', 'kristi', 'karoline', 'tulsi', 'tammy', 'pam',
  'kristalina', 'giorgia', 'annalena', 'angela', 'theresa', 'liz', 'elizabeth', 'rachel', 'yvette', 'priti',
  'mette', 'sanna', 'jacinda', 'roberta', 'antonia', 'kimberly', 'sarah', 'emily', 'jennifer', 'linda',
  'susan', 'karen', 'lisa', 'laura', 'jane', 'catherine', 'catherina', 'caroline', 'christine', 'samantha',
  'margarita', 'ingrida', 'evika', 'zuzana', 'maia', 'salome', 'ivana', 'agnieszka', 'beata', 'ewa',
  'magdalena', 'alice', 'marie', 'sophie', 'anne', 'ann', 'helen', 'helena', 'josephine', 'emma', 'mary',
]);

/** Given names that are men's names (folded), beyond the transliteration classes below. */
export const MALE_GIVEN_NAMES: ReadonlySet<string> = new Set([
  'donald', 'joe', 'steve', 'steven', 'marco', 'keir', 'emmanuel', 'friedrich', 'olaf', 'recep', 'viktor',
  'boris', 'rustem', 'kyrylo', 'kirill', 'denys', 'mark', 'antonio', 'hakan', 'jd', 'j.d.', 'mike', 'michael',
  'john', 'james', 'david', 'robert', 'keith', 'pete', 'peter', 'antony', 'anthony', 'jake', 'lloyd', 'jens',
  'josep', 'charles', 'xi', 'narendra', 'luiz', 'cyril', 'ramzan', 'yevgeny', 'alexander', 'valery', 'oleg',
  'nikolai', 'nikolay', 'vladimir', 'volodymyr', 'dmitry', 'sergei', 'andrii', 'andriy', 'andrei', 'mykhailo',
  'ihor', 'igor', 'pavlo', 'petro', 'yuri', 'yuriy', 'oleksandr', 'oleksii', 'vitali', 'vitaliy', 'anton',
  'maxim', 'maksym', 'arseniy', 'ruslan', 'yevhen', 'vasyl', 'taras', 'bohdan', 'rishi', 'fumio',
  'alexis', 'sean', 'matthew', 'tom', 'tim', 'richard', 'william', 'thomas', 'paul', 'george', 'stephen',
]);

/** Surname endings of Russian and Ukrainian women's surnames (Zakharova, Stefanishyna, Matviyenko is not one). */
export const FEMALE_SURNAME_ENDINGS = /(?:ova|eva|yova|iova|ina|yna|skaya|tskaya|aya)$/;
