// Command-line words → a command request. Pure: no I/O, so the REPL and tests share it.

export const COMMANDS = ['who-said', 'search', 'quotes', 'speakers', 'article', 'sources', 'help'] as const;
export type CommandName = (typeof COMMANDS)[number];

export interface CliRequest {
  command: CommandName;
  /** The command's argument: topic, words, speaker, prefix or id (may be empty). */
  arg: string;
  json: boolean;
  limit?: number;
  corpus?: string;
  /** quotes: only quotes on these words. */
  topic?: string;
  /** who-said, search, quotes: only articles dated on or after / before or on (YYYY-MM-DD or "May 2025"). */
  since?: string;
  until?: string;
  /** who-said, search, quotes: only articles from this source. */
  source?: string;
  /** who-said, search, quotes: 'newest' orders rows by article date, newest first. */
  sort?: 'newest' | 'relevance';
  /** article: print this paragraph. */
  paragraph?: number;
}

export class UsageError extends Error {}

/** Splits a typed line into words, honouring "double" and 'single' quotes. */
export function splitLine(line: string): string[] {
  const words: string[] = [];
  for (const m of line.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)) words.push(m[1] ?? m[2] ?? m[3]);
  return words;
}

export function parseArgs(argv: string[]): CliRequest {
  const rest: string[] = [];
  let json = false;
  let limit: number | undefined;
  let corpus: string | undefined;
  const extra: Pick<CliRequest, 'topic' | 'since' | 'until' | 'source' | 'sort' | 'paragraph'> = {};
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i];
    const [flag, inline] = word.startsWith('--') ? word.split(/=(.*)/s, 2) : [word, undefined];
    const value = (): string => {
      // The next word is the value unless it is another option: `--topic --json` forgot the topic, and taking
      // "--json" as the words would silently drop the JSON the script asked for.
      if (inline === undefined && argv[i + 1]?.startsWith('--')) throw new UsageError(`${flag} needs a value (write ${flag}=VALUE for one that starts with --)`);
      const v = inline ?? argv[++i];
      if (v === undefined || v === '') throw new UsageError(`${flag} needs a value`);
      return v;
    };
    if (flag === '--json') json = true;
    else if (flag === '--limit') {
      const v = value();
      if (!/^\d+$/.test(v) || Number(v) < 1) throw new UsageError(`--limit takes a whole number of 1 or more, not "${v}"`);
      limit = Number(v);
    } else if (flag === '--corpus') corpus = value();
    else if (flag === '--topic') extra.topic = value();
    else if (flag === '--since') extra.since = value();
    else if (flag === '--until') extra.until = value();
    else if (flag === '--source') extra.source = value();
    else if (flag === '--sort') {
      const v = value();
      if (v !== 'newest' && v !== 'relevance') throw new UsageError(`--sort takes newest or relevance, not "${v}"`);
      extra.sort = v;
    } else if (flag === '--paragraph') {
      const v = value();
      if (!/^\d+$/.test(v)) throw new UsageError(`--paragraph takes a paragraph number (0 for the headline), not "${v}"`);
      extra.paragraph = Number(v);
    }
    else if (flag === '--help' || flag === '-h') rest.unshift('help');
    else if (flag === '--') continue;
    else if (flag.startsWith('--')) throw new UsageError(`unknown option ${flag} (options: --json, --limit N, --corpus DIR, --topic WORDS, --since DATE, --until DATE, --source NAME, --sort newest, --paragraph N)`);
    else rest.push(word);
  }
  const [name = 'help', ...args] = rest;
  if (!(COMMANDS as readonly string[]).includes(name)) {
    throw new UsageError(`unknown command "${name}". Commands: ${COMMANDS.join(', ')}`);
  }
  return { command: name as CommandName, arg: args.join(' ').trim(), json, limit, corpus, ...extra };
}

export const HELP = `talks-bot: cited answers about the Russia–Ukraine peace talks, from a corpus of news articles.

Commands:
  who-said <topic>     who said what about a topic, quoted and cited     who-said ceasefire
  search <words>       passages that mention the words, highlighted      search "peace talks" Istanbul
  quotes [speaker]     what one person said (any of their names works)   quotes Zelenskyy --topic Putin
  speakers [prefix]    speaker names (autocomplete)                      speakers ze
  article <id>         one article: title, source, date, speakers       article 003_dc2851360bf64447 --paragraph 9
  sources              what the corpus holds
  help                 this text

Options:
  --json         print only JSON on stdout (for scripts)
  --limit N      at most N results
  --corpus DIR   read articles from DIR (default: $CORPUS_DIR or ./corpus)
  --topic WORDS  quotes: only the speaker's quotes on these words
  --since DATE   who-said, search, quotes: articles dated on or after DATE (2025-05-12 or "May 2025")
  --until DATE   … dated on or before DATE
  --source NAME  … from this source only
  --sort newest  … newest articles first
  --paragraph N  article: print paragraph N (0: the headline)`;
