// Engine answers → terminal text.
import type {
  ArticleInfo, Highlights, ParagraphAnswer, PassageHit, QuoteHit, QuotesAnswer, SearchAnswer, SourcesAnswer, SpeakerChoice,
  WhoSaidAnswer,
} from '../answers.js';
import type { Citation } from '../types.js';

export interface RenderStyle {
  /** Wraps a highlighted word (ANSI bold on a terminal, **word** elsewhere). */
  mark(text: string): string;
}

export const PLAIN: RenderStyle = { mark: (t) => `**${t}**` };
export const ANSI: RenderStyle = { mark: (t) => `\u001b[1m${t}\u001b[22m` };

/**
 * Typed text echoed back to a terminal, its control characters shown as escapes: a query may hold ESC or other
 * control bytes, and printed raw they would recolour, move or clear the user's terminal; bidi overrides would
 * reorder the rest of the line.
 */
export function printable(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The typed query in quotation marks, once: a phrase typed in quotes is not wrapped in a second pair. */
export function quotedQuery(query: string): string {
  const q = printable(query);
  return /^(["“][^"“”]*["”])$/.test(q) ? q : `"${q}"`;
}

export function applyHighlights(text: string, ranges: Highlights, style: RenderStyle): string {
  let out = '';
  let at = 0;
  for (const [start, end] of ranges) {
    if (start < at) continue;
    out += text.slice(at, start) + style.mark(text.slice(start, end));
    at = end;
  }
  return out + text.slice(at);
}

export function cite(c: Citation): string {
  const parts = [`"${c.title}"`];
  if (c.source) parts.push(c.source);
  if (c.date) parts.push(c.date);
  parts.push(c.paragraph === 0 ? 'headline' : `¶${c.paragraph}`);
  return `${parts.join(', ')} [${c.article}]${c.url ? ` ${c.url}` : ''}`;
}

function quoteLine(q: QuoteHit, style: RenderStyle, withSpeaker: boolean): string {
  const words = applyHighlights(q.text, q.highlights, style);
  const who = withSpeaker ? `${q.speaker ?? 'unattributed'}: ` : '';
  const shown = q.kind === 'indirect' ? words : `“${words}”`;
  const context = q.match === 'context' && q.context
    ? `\n      matched in the words around it: ${applyHighlights(q.context, q.contextHighlights ?? [], style)}`
    : '';
  const also = q.alsoIn?.length
    ? `\n      also in ${q.alsoIn.length === 1 ? '1 article' : `${q.alsoIn.length} articles`}: ${q.alsoIn.map((c) => `${c.article} ¶${c.paragraph}`).join(', ')}`
    : '';
  return `  ${who}${shown} (${q.kind})${context}\n      — ${cite(q)}${also}`;
}

/** What the engine did to the words typed, said plainly (typo corrections, any-word fallback). */
export function queryNotes(a: Pick<WhoSaidAnswer, 'corrected' | 'fallback'>): string[] {
  const notes: string[] = [];
  const corrected = a.corrected ?? [];
  if (corrected.length) notes.push(`(not in the corpus, read as: ${corrected.map((c) => `${c.from} → ${c.to}`).join(', ')})`);
  if (a.fallback === 'any-word') notes.push('(nothing matches every word; showing what matches some of them)');
  return notes;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function suggest(suggestions: string[]): string {
  return suggestions.length ? `\nTry: ${suggestions.join(', ')}` : '';
}

export function renderWhoSaid(a: WhoSaidAnswer, style: RenderStyle): string {
  if (a.speaker) {
    const about = a.topic ? ` on "${printable(a.topic)}"` : '';
    if (a.total === 0) return `${a.speaker.name} is not quoted${about} in the corpus.${suggest(a.suggestions)}`;
    const lines = [`${a.speaker.name}${about}: ${plural(a.total, 'quote')}${a.topic ? '' : ' (the topic names a speaker: all their quotes)'}`, ...queryNotes(a)];
    for (const q of a.results) lines.push(quoteLine(q, style, false));
    if (a.results.length < a.total) lines.push('', `(showing ${a.results.length} of ${a.total}; use --limit N for more)`);
    return lines.join('\n');
  }
  if (a.total === 0) return `Nobody in the corpus is quoted on ${quotedQuery(a.query)}.${suggest(a.suggestions)}`;
  const lines = [`Who said ${quotedQuery(a.query)}: ${plural(a.total, 'quote')} from ${plural(a.totalSpeakers, 'speaker')}`, ...queryNotes(a)];
  for (const group of a.speakers) {
    lines.push('', group.speaker ?? 'Unattributed');
    for (const q of group.quotes) lines.push(quoteLine(q, style, false));
  }
  if (a.results.length < a.total) lines.push('', `(showing ${a.results.length} of ${a.total}; use --limit N for more)`);
  return lines.join('\n');
}

export function renderSearch(a: SearchAnswer, style: RenderStyle): string {
  if (a.total === 0) return `No passage mentions ${quotedQuery(a.query)}.${suggest(a.suggestions)}`;
  const lines = [`Search ${quotedQuery(a.query)}: ${plural(a.total, 'passage')}`, ...queryNotes(a)];
  a.results.forEach((p: PassageHit, i) => {
    lines.push('', `${i + 1}. ${cite(p)}`, `   ${applyHighlights(p.text, p.highlights, style)}`);
  });
  if (a.results.length < a.total) lines.push('', `(showing ${a.results.length} of ${a.total}; use --limit N for more)`);
  return lines.join('\n');
}

export function renderQuotes(a: QuotesAnswer, style: RenderStyle): string {
  if (a.query === null) {
    return [`${plural(a.total, 'quote')} in the corpus`, ...a.results.map((q) => quoteLine(q, style, true))].join('\n');
  }
  const speaker = a.speaker!;
  const also = speaker.aliases.filter((n) => n !== speaker.name);
  const about = a.topic ? ` on "${printable(a.topic)}"` : '';
  if (a.topic && a.total === 0) return `${speaker.name} is not quoted${about} in the corpus.${suggest(a.suggestions)}`;
  const lines = [`${speaker.name}${also.length ? ` (also: ${also.join(', ')})` : ''}${about}: ${plural(a.total, 'quote')}`, ...queryNotes(a)];
  for (const q of a.results) lines.push(quoteLine(q, style, false));
  if (a.results.length < a.total) lines.push('', `(showing ${a.results.length} of ${a.total}; use --limit N for more)`);
  return lines.join('\n');
}

export function renderSpeakers(choices: SpeakerChoice[], prefix: string): string {
  if (!choices.length) return prefix ? `No speaker name starts with "${printable(prefix)}".` : 'No speakers in the corpus.';
  return choices.map((c) => `${c.name} (${plural(c.quotes, 'quote')})`).join('\n');
}

export function renderArticle(a: ArticleInfo): string {
  const lines = [a.title, `  id:         ${a.id}`];
  if (a.source) lines.push(`  source:     ${a.source}`);
  if (a.url) lines.push(`  url:        ${a.url}`);
  lines.push(`  date:       ${a.date ?? 'unknown'}`);
  if (a.added_by) lines.push(`  added by:   ${a.added_by}${a.added_at ? ` at ${a.added_at}` : ''}`);
  lines.push(`  paragraphs: ${a.paragraphs}`, `  quotes:     ${a.quotes}`, `  speakers:   ${a.speakers.join(', ') || 'none'}`);
  return lines.join('\n');
}

export function renderParagraph(p: ParagraphAnswer): string {
  const lines = [cite(p), '', p.text];
  if (p.quotes.length) lines.push('', `Quotes in this paragraph: ${p.quotes.map((q) => `${q.speaker ?? 'unattributed'} (${q.kind})`).join(', ')}`);
  return lines.join('\n');
}

export function renderSources(s: SourcesAnswer): string {
  const lines = [
    `${plural(s.articles, 'article')}, ${plural(s.paragraphs, 'paragraph')}, ${plural(s.quotes, 'quote')}, ${plural(s.speakers, 'speaker')}`,
    '',
  ];
  for (const a of s.list) {
    lines.push(`${a.id}  ${a.title}${a.source ? ` (${a.source})` : ''}${a.date ? ` ${a.date}` : ''} — ${a.paragraphs} ¶, ${plural(a.quotes, 'quote')}`);
  }
  for (const p of s.problems) lines.push(`skipped ${p.file}: ${p.error}`);
  return lines.join('\n');
}
