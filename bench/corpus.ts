// A deterministic synthetic news corpus about the peace talks: article files that look like scraped news
// (one paragraph a line, curly quotes, reporting verbs, titled speakers, hyphenated words) with a Zipf-like
// word distribution, so index size, term counts and query costs resemble a real corpus of the same size.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** mulberry32: small, fast, seeded; the same seed always gives the same corpus. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Topic words of talks coverage, most frequent first (their rank gives their Zipf weight).
const TOPIC = `talks ceasefire peace war Ukraine Russia Kyiv Moscow Kremlin president negotiations sanctions troops
military security agreement meeting delegation officials minister government forces attack drones missiles
territory border front region deal summit leaders envoy proposal guarantees prisoners exchange humanitarian
corridor energy infrastructure grain exports Black Sea Istanbul Turkey Washington Europe NATO Brussels allies
support weapons aid package strikes occupied Donbas Crimea Zaporizhzhia Kherson Kharkiv Donetsk Luhansk
withdrawal referendum sovereignty diplomacy diplomats mediation mediator memorandum framework roadmap
conditions demands concessions truce armistice monitoring observers nuclear plant power grid refugees
civilians casualties shelling offensive counteroffensive reinforcements mobilisation economy budget reconstruction
investors assets frozen tariffs oil gas pipeline buyers markets inflation statement spokesperson interview
briefing conference press reporters television channel agency sources officials negotiators intelligence
assessment analysts institute report evidence violations accusations denial response warning threat pressure
escalation de-escalation long-range short-term high-level face-to-face follow-up so-called pro-Russian
anti-aircraft cease-fire hard-line well-known Russian Ukrainian American European Turkish Chinese British
French German Polish Baltic Nordic Hungarian Slovak Saudi Qatari Vatican Geneva Vienna Riyadh Beijing
London Paris Berlin Warsaw Budapest Minsk Belarus Georgia Moldova Transnistria Odesa Mykolaiv Sumy Belgorod
Kursk Bryansk Rostov Sevastopol Mariupol Bakhmut Avdiivka Pokrovsk Kramatorsk Sloviansk Dnipro Lviv Vinnytsia
Chernihiv Poltava Izium Kupiansk Lyman Vuhledar Toretsk Chasiv Yar Robotyne Tokmak Melitopol Berdiansk`
  .split(/\s+/)
  .filter(Boolean);

// Everyday news English, roughly by frequency.
const COMMON = `the of to and a in that is for on it with as was he said be by at have from this his are but not
has they an had or were their been which we will would there what about more when who one after all also she
its new than two first other over some up them only into time could last year years can people like out most
no just so our may because state week day month back then said while him where how those should her these
before any told such three even many being much well because between both under since still during against
through government country world later public political four part because five each including around however
another large long official own next group today without city left end again set make made take took give
gave come came work working show shows showed plan plans planned call called calls move moved move hold held
open opened close closed lead leading led keep kept seek seeking sought reach reached want wanted need needed
expect expected believe believed remain remained continue continued begin began return returned offer offered
accept accepted reject rejected agree agreed refuse refused allow allowed prepare prepared discuss discussed
announce announced confirm confirmed deny denied suggest suggested propose proposed insist demand demanded
hope hoped fear feared push pushed force forced ensure ensured secure secured protect protected restore
restored rebuild rebuilt end ended stop stopped start started try tried fail failed win won lose lost meet
met talk talked negotiate negotiated sign signed implement implemented violate violated monitor monitored
verify verified guarantee guaranteed recognise recognised withdraw withdrew deploy deployed launch launched
strike struck hit shoot destroy destroyed damage damaged kill killed wound wounded capture captured free freed
release released swap swapped return important serious significant possible difficult clear direct real
major key main final full early late high low strong weak broad narrow lasting durable fair just lasting
temporary permanent partial complete immediate unconditional comprehensive bilateral trilateral regional
international global national local domestic foreign economic financial social legal constitutional
strategic tactical historic recent current previous future potential possible likely unlikely necessary
sufficient enough little few several dozens hundreds thousands millions billions percent half quarter
Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July August
September October November December morning evening night weekend statement letter document text draft
version point points issue issues question questions answer answers position positions side sides party
parties team teams round rounds stage stages step steps process processes result results outcome outcomes`
  .split(/\s+/)
  .filter(Boolean);

const FUNCTION_WORDS = ['the', 'of', 'to', 'and', 'a', 'in', 'that', 'on', 'for', 'with', 'as', 'by', 'at', 'from', 'is', 'was', 'has', 'had', 'it', 'its', 'their', 'an', 'be', 'not', 'this', 'will', 'would', 'after', 'over'];

interface SpeakerDef {
  name: string;
  /** Titles or appositions used before the name. */
  titles: string[];
}

const PEOPLE: SpeakerDef[] = [
  { name: 'Dmitry Peskov', titles: ['Kremlin spokesperson', 'Kremlin spokesman', 'Kremlin press secretary'] },
  { name: 'Volodymyr Zelensky', titles: ['Ukrainian President', 'President'] },
  { name: 'Vladimir Putin', titles: ['Russian President', 'President'] },
  { name: 'Sergei Lavrov', titles: ['Russian Foreign Minister', 'Foreign Minister'] },
  { name: 'Andriy Yermak', titles: ['head of the Presidential Office', 'presidential chief of staff'] },
  { name: 'Andrii Sybiha', titles: ['Ukrainian Foreign Minister', 'Foreign Minister'] },
  { name: 'Yuri Ushakov', titles: ['Kremlin aide', 'presidential aide'] },
  { name: 'Vladimir Medinsky', titles: ['head of the Russian delegation', 'presidential aide'] },
  { name: 'Rustem Umerov', titles: ['Ukrainian Defence Minister', 'head of the Ukrainian delegation'] },
  { name: 'Maria Zakharova', titles: ['Foreign Ministry spokeswoman', 'Russian diplomat'] },
  { name: 'Recep Tayyip Erdoğan', titles: ['Turkish President', 'President'] },
  { name: 'Hakan Fidan', titles: ['Turkish Foreign Minister'] },
  { name: 'Steve Witkoff', titles: ['US special envoy', 'White House envoy'] },
  { name: 'Marco Rubio', titles: ['US Secretary of State', 'Secretary of State'] },
  { name: 'Keith Kellogg', titles: ['US envoy for Ukraine', 'retired general'] },
  { name: 'Emmanuel Macron', titles: ['French President', 'President'] },
  { name: 'Keir Starmer', titles: ['British Prime Minister', 'Prime Minister'] },
  { name: 'Friedrich Merz', titles: ['German Chancellor', 'Chancellor'] },
  { name: 'Ursula von der Leyen', titles: ['European Commission President'] },
  { name: 'Kaja Kallas', titles: ['EU foreign policy chief'] },
  { name: 'Mark Rutte', titles: ['NATO Secretary General'] },
  { name: 'Dmytro Kuleba', titles: ['former Foreign Minister'] },
  { name: 'Anton Gerashchenko', titles: ['former deputy interior minister', 'adviser'] },
  { name: 'Mykhailo Podolyak', titles: ['presidential adviser', 'adviser to the head of the Presidential Office'] },
  { name: 'Kirill Dmitriev', titles: ['Russian envoy', 'head of the Russian Direct Investment Fund'] },
  { name: 'Antonio Guterres', titles: ['UN Secretary-General'] },
  { name: 'Rafael Grossi', titles: ['IAEA Director General'] },
  { name: 'Wang Yi', titles: ['Chinese Foreign Minister'] },
  { name: 'Viktor Orbán', titles: ['Hungarian Prime Minister'] },
  { name: 'Donald Tusk', titles: ['Polish Prime Minister'] },
];
const ORGS = ['ISW', 'Reuters', 'the Institute for the Study of War', 'the Kremlin', 'the Foreign Ministry', 'the General Staff', 'TASS', 'the UN'];
const UNNAMED = ['a senior aide to the Russian president', 'a Western diplomat', 'a source familiar with the talks', 'one of the agency’s interlocutors', 'a European official'];
const VERBS = ['said', 'told reporters', 'added', 'stated', 'noted', 'stressed', 'warned', 'insisted', 'argued', 'wrote', 'told journalists', 'explained', 'claimed', 'declared'];
const SOURCES = ['Reuters', 'Kyiv Independent', 'TASS', 'BBC News', 'Ukrainska Pravda', 'Meduza', 'Al Jazeera', 'Politico', 'The Guardian', 'AP'];

export interface SyntheticArticle {
  id: string;
  /** The file as written to disk (.md with front matter). */
  file: string;
  text: string;
}

/**
 * Zipf–Mandelbrot sampler over ranks 0..n-1: weight 1/(rank + q)^s. The offset q flattens the head so the
 * most frequent content word is ~1% of content words, as in news text (function words are drawn apart).
 */
function zipf(n: number, s: number, q: number, rand: () => number): () => number {
  const cum = new Float64Array(n);
  let total = 0;
  for (let r = 0; r < n; r++) cum[r] = total += 1 / Math.pow(r + 1 + q, s);
  return () => {
    const x = rand() * total;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cum[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

/** Pronounceable made-up words for the long tail: names, places and rare words a real corpus is full of. */
function tailWords(count: number, rand: () => number): string[] {
  const onset = ['b', 'br', 'ch', 'd', 'dr', 'h', 'k', 'kr', 'l', 'm', 'n', 'p', 'pr', 'r', 's', 'sh', 'st', 't', 'tr', 'v', 'z', 'zh', 'g', 'gr', 'f'];
  const vowel = ['a', 'e', 'i', 'o', 'u', 'ia', 'y', 'ou', 'ei'];
  const coda = ['', 'n', 'r', 'k', 'v', 'sk', 'l', 'm', 'ts', 'nt', 'st'];
  const out = new Set<string>();
  while (out.size < count) {
    const syl = 1 + Math.floor(rand() * 3);
    let w = '';
    for (let i = 0; i < syl; i++) w += onset[Math.floor(rand() * onset.length)] + vowel[Math.floor(rand() * vowel.length)];
    w += coda[Math.floor(rand() * coda.length)];
    if (w.length < 4) continue;
    if (rand() < 0.15) w = w[0].toUpperCase() + w.slice(1);
    out.add(w);
  }
  return [...out];
}

export interface CorpusOptions {
  articles: number;
  seed?: number;
  /** Average paragraphs per article (news: ~14). */
  paragraphs?: number;
}

/** Generates articles one by one (memory stays flat however many are asked for). */
export function* generateArticles(opts: CorpusOptions): Generator<SyntheticArticle> {
  const rand = prng(opts.seed ?? 42);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)];
  // Content vocabulary: topic words, then common words, then a long tail of rare words.
  const vocab = [...TOPIC, ...COMMON, ...tailWords(60_000, rand)];
  const word = zipf(vocab.length, 1.05, 10, rand);
  const content = (): string => vocab[word()];
  const sentence = (minWords: number, maxWords: number): string => {
    const n = minWords + Math.floor(rand() * (maxWords - minWords + 1));
    const words: string[] = [];
    for (let i = 0; i < n; i++) {
      // About half the words of English text are function words.
      words.push(rand() < 0.45 ? pick(FUNCTION_WORDS) : content());
      if (i > 2 && i < n - 2 && rand() < 0.06) words[words.length - 1] += ',';
    }
    const s = words.join(' ');
    return s[0].toUpperCase() + s.slice(1);
  };
  const narrative = (): string => {
    const k = 1 + Math.floor(rand() * 3);
    return Array.from({ length: k }, () => `${sentence(10, 22)}.`).join(' ');
  };
  const surname = (name: string): string => name.split(' ').slice(-1)[0];
  const quoteParagraph = (): string => {
    const form = Math.floor(rand() * 9);
    const person = pick(PEOPLE);
    const titled = `${pick(person.titles)} ${person.name}`;
    const verb = pick(VERBS);
    const said = `${sentence(8, 18)}.`;
    switch (form) {
      case 0: return `${titled} ${verb}: “${said} ${sentence(6, 14)}.”`;
      case 1: return `“${sentence(8, 18)},” ${person.name} ${verb} on ${pick(COMMON.slice(-60, -48))}.`;
      case 2: return `“${said}” ${surname(person.name)} ${verb}, adding that ${sentence(6, 12).toLowerCase()}.`;
      case 3: return `${person.name}, ${pick(person.titles).toLowerCase()}, ${verb} that ${sentence(8, 16).toLowerCase()}.`;
      case 4: return `${surname(person.name)} ${verb} that Moscow had “${sentence(4, 8).toLowerCase()}” ${sentence(3, 6).toLowerCase()}.`;
      case 5: return `“${said}” ${verb.split(' ')[0]} ${pick(UNNAMED)}.`;
      case 6: return `According to ${pick(ORGS)}, “${sentence(8, 16).toLowerCase()}.”`;
      case 7: return `– ${sentence(6, 14)} – ${verb.split(' ')[0]} ${pick(UNNAMED)}.`;
      default: return `${pick(ORGS).replace(/^t/, 'T')} ${verb} that ${sentence(8, 16).toLowerCase()}.`;
    }
  };
  const avg = opts.paragraphs ?? 14;
  for (let a = 0; a < opts.articles; a++) {
    const id = `a${String(a).padStart(6, '0')}`;
    const count = Math.max(3, Math.round(avg * (0.5 + rand())));
    const paragraphs: string[] = [];
    for (let p = 0; p < count; p++) paragraphs.push(rand() < 0.35 ? quoteParagraph() : narrative());
    const title = sentence(6, 11).replace(/,/g, '');
    const day = 1 + (a % 28);
    const month = 1 + (Math.floor(a / 28) % 12);
    const date = `${2023 + (Math.floor(a / 336) % 3)}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    const text = `---\ntitle: ${title}\nsource: ${pick(SOURCES)}\ndate: ${date}\n---\n${paragraphs.join('\n\n')}\n`;
    yield { id, file: `${id}.md`, text };
  }
}

/** Writes the corpus as files into `dir` (created if needed). */
export async function writeCorpus(dir: string, opts: CorpusOptions): Promise<number> {
  await mkdir(dir, { recursive: true });
  let n = 0;
  const batch: Promise<void>[] = [];
  for (const article of generateArticles(opts)) {
    batch.push(writeFile(path.join(dir, article.file), article.text));
    n++;
    if (batch.length >= 256) await Promise.all(batch.splice(0));
  }
  await Promise.all(batch);
  return n;
}
