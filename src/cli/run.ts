// One CLI request against an open engine → what to print and the exit code. No process I/O here.
import type { QuoteHit, WhoSaidAnswer } from '../answers.js';
import { Engine, EngineError, type QueryOptions } from '../engine.js';
import { HELP, type CliRequest } from './args.js';
import {
  printable, renderArticle, renderParagraph, renderQuotes, renderSearch, renderSources, renderSpeakers, renderWhoSaid, type RenderStyle,
} from './render.js';

export interface CliOutput {
  stdout: string;
  stderr: string;
  code: number;
}

/** Exit codes: 0 answered (an empty answer is still an answer), 1 not found, 2 bad usage. */
export const EXIT = { ok: 0, notFound: 1, usage: 2 } as const;

function ok(stdout: string): CliOutput {
  return { stdout, stderr: '', code: EXIT.ok };
}

export function failure(req: Pick<CliRequest, 'json'>, code: number, kind: string, message: string): CliOutput {
  return {
    stdout: req.json ? JSON.stringify({ error: { code: kind, message } }) : '',
    // JSON escapes control characters itself; the terminal text must not carry them raw (see printable).
    stderr: printable(message),
    code,
  };
}

/** who-said --json: the answer's rows, and speakers as a summary (their quotes are the rows). */
function whoSaidJson(a: WhoSaidAnswer): unknown {
  return {
    query: a.query,
    total: a.total,
    totalSpeakers: a.totalSpeakers,
    results: a.results,
    speakers: a.speakers.map((g) => ({ speaker: g.speaker, speakerId: g.speakerId, score: g.score, quotes: g.quotes.length })),
    suggestions: a.suggestions,
    corrected: a.corrected ?? [],
    fallback: a.fallback ?? null,
    speaker: a.speaker ?? null,
    topic: a.topic ?? null,
  };
}

/** The date, source and order options of a request, as the engine takes them. */
function filters(req: CliRequest): Pick<QueryOptions, 'since' | 'until' | 'source' | 'sort'> {
  return { since: req.since, until: req.until, source: req.source, sort: req.sort };
}

/** Under an empty answer: which articles were searched, when the request limited them. */
function filterNote(req: CliRequest, total: number): string {
  if (total > 0) return '';
  const parts = [req.since && `dated since ${req.since}`, req.until && `dated until ${req.until}`, req.source && `from ${req.source}`].filter(Boolean);
  return parts.length ? `\n(only articles ${parts.join(', ')} were searched; undated articles are left out by --since/--until)` : '';
}

export function runRequest(engine: Engine, req: CliRequest, style: RenderStyle): CliOutput {
  const json = (value: unknown): CliOutput => ok(JSON.stringify(value, null, 2));
  try {
    switch (req.command) {
      case 'help':
        return req.json ? json({ help: HELP }) : ok(HELP);
      case 'who-said': {
        const answer = engine.whoSaid(req.arg, { limit: req.limit, ...filters(req) });
        return req.json ? json(whoSaidJson(answer)) : ok(renderWhoSaid(answer, style) + filterNote(req, answer.total));
      }
      case 'search': {
        const answer = engine.search(req.arg, { limit: req.limit, ...filters(req) });
        return req.json ? json(answer) : ok(renderSearch(answer, style) + filterNote(req, answer.total));
      }
      case 'quotes': {
        const answer = engine.quotes(req.arg, { limit: req.limit, topic: req.topic, ...filters(req) });
        if (req.arg && !answer.speaker) {
          const hint = answer.suggestions.length ? ` Did you mean: ${answer.suggestions.join(', ')}?` : '';
          return failure(req, EXIT.notFound, 'unknown-speaker', `No speaker called "${req.arg}" in the corpus.${hint}`);
        }
        const rows: QuoteHit[] = answer.results;
        return req.json ? json(rows) : ok(renderQuotes(answer, style));
      }
      case 'speakers': {
        const choices = engine.speakers(req.arg, req.limit ?? 25);
        return req.json ? json(choices) : ok(renderSpeakers(choices, req.arg));
      }
      case 'article': {
        if (!req.arg) return failure(req, EXIT.usage, 'empty-query', 'Give an article id; `sources` lists them.');
        const info = engine.article(req.arg);
        if (!info) {
          const close = engine.articles(req.arg, 3).map((a) => a.id);
          const hint = close.length ? ` Did you mean: ${close.join(', ')}?` : ' `sources` lists the ids.';
          return failure(req, EXIT.notFound, 'unknown-article', `No article with id "${req.arg}".${hint}`);
        }
        if (req.paragraph !== undefined) {
          const paragraph = engine.paragraph(info.id, req.paragraph);
          return req.json ? json(paragraph) : ok(renderParagraph(paragraph));
        }
        return req.json ? json(info) : ok(renderArticle(info));
      }
      case 'sources': {
        const answer = engine.sources();
        return req.json ? json(answer) : ok(renderSources(answer));
      }
    }
  } catch (err) {
    if (err instanceof EngineError) {
      const usage = err.code === 'empty-query' || err.code === 'bad-filter' || err.code === 'unknown-paragraph';
      return failure(req, usage ? EXIT.usage : EXIT.notFound, err.code, err.message);
    }
    throw err;
  }
}
