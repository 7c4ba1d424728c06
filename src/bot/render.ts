// Engine answers → Discord messages (who sees them — `private` — is the router's business). Pure functions of plain data: every string that came from an article or a
// user is escaped, every block is budgeted so a page always fits Discord's limits, and cuts happen only on raw text.
import type { APIEmbed } from 'discord.js';
import type {
  ArticleInfo, Highlights, ParagraphAnswer, PassageHit, QuoteHit, QuotesAnswer, SearchAnswer, SourcesAnswer, WhoSaidAnswer,
} from '../answers.js';
import type { Citation } from '../types.js';
import { cutAt } from '../unicode.js';
import type { PagedReply, Reply } from './command.js';
import { LOCALES, type RenderText } from './i18n.js';
import { paragraphPicker } from './pages.js';
import type { FindSourcesAnswer } from '../search/find-sources.js';
import {
  ELLIPSIS, LIMITS, clampMessage, escapeAndTruncate, escapeInline, escapeLineStart, maskedLink, safeUrl, truncate,
} from './limits.js';

export const COLOR = 0x2f6fde;
export const COLOR_EMPTY = 0x8a8f98;

/** Page budget: well inside Discord's limits, and short enough to read on a phone. */
export const PAGE = { embeds: 5, chars: 4200, description: 3800, quoteChars: 700, passageChars: 600 } as const;
const FOOTER_RESERVE = 160;


/** Sorted, merged, clipped highlight ranges. */
function normalizeRanges(text: string, ranges: Highlights): Highlights {
  const sorted = ranges
    .map(([a, b]) => [Math.max(0, a), Math.min(text.length, b)] as [number, number])
    .filter(([a, b]) => b > a)
    .sort((x, y) => x[0] - y[0]);
  const out: Highlights = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else out.push([r[0], r[1]]);
  }
  return out;
}

/**
 * `text` escaped, with the highlighted ranges in bold, at most `max` characters. Long texts start shortly before the
 * first match. Every bold run is opened and closed in one piece, so a cut never leaves a dangling `**`.
 */
export function highlightText(text: string, highlights: Highlights, max: number): string {
  let ranges = normalizeRanges(text, highlights);
  let src = text;
  let prefix = '';
  const first = ranges[0];
  if (first && first[0] > max / 3 && text.length > max) {
    // Open a window a little before the first match, at a word start.
    let start = Math.max(0, first[0] - Math.floor(max / 5));
    const ws = text.slice(start, first[0]).search(/\s/);
    if (ws >= 0) start += ws + 1;
    src = text.slice(start);
    ranges = ranges.map(([a, b]) => [a - start, b - start] as [number, number]).filter(([, b]) => b > 0);
    prefix = ELLIPSIS;
  }
  const pieces: Array<{ raw: string; bold: boolean }> = [];
  let at = 0;
  for (const [a, b] of ranges) {
    if (a > at) pieces.push({ raw: src.slice(at, a), bold: false });
    pieces.push({ raw: src.slice(Math.max(a, at), b), bold: true });
    at = b;
  }
  if (at < src.length) pieces.push({ raw: src.slice(at), bold: false });

  let out = prefix;
  for (let i = 0; i < pieces.length; i++) {
    const p = pieces[i];
    const raw = i === 0 ? p.raw.trimStart() : i === pieces.length - 1 ? p.raw.trimEnd() : p.raw;
    const wrap = p.bold && raw.trim() ? 4 : 0;
    const whole = escapeInline(raw);
    if (out.length + whole.length + wrap <= max) {
      out += wrap ? `**${whole}**` : whole;
      continue;
    }
    const room = max - out.length - wrap;
    if (room > 1) {
      // escapeAndTruncate trims; keep the space that separated this piece from the previous one.
      const lead = /^\s/.test(raw) && room > 2 ? ' ' : '';
      const cut = escapeAndTruncate(raw, room - lead.length);
      out += lead + (wrap && cut ? `**${cut}**` : cut);
    } else if (!out.endsWith(ELLIPSIS) && out.length < max) {
      out += ELLIPSIS;
    }
    if (!out.endsWith(ELLIPSIS) && !out.endsWith(`${ELLIPSIS}**`) && out.length < max) out += ELLIPSIS;
    break;
  }
  return escapeLineStart(out);
}

/** "[Title](url) · Source · 2024-05-01 · ¶3", every part escaped and bounded. */
export function citationLine(c: Citation): string {
  const parts = [maskedLink(c.title || c.article, c.url, 100)];
  if (c.source) parts.push(escapeAndTruncate(c.source, 60));
  if (c.date) parts.push(escapeAndTruncate(cutAt(c.date, 10), 10));
  parts.push(`¶${c.paragraph}`);
  return parts.join(' · ');
}

function kindNote(kind: QuoteHit['kind'], t: RenderText): string {
  return kind === 'partial' ? ` *${t.partialQuote}*` : kind === 'indirect' ? ` *${t.reportedSpeech}*` : '';
}

/** One quote as the user reads it: the exact words (matches in bold), what kind of quote, and where it is from. */
export function quoteBlock(hit: QuoteHit, t: RenderText = LOCALES.en.render): string {
  const words = highlightText(hit.text, hit.highlights, PAGE.quoteChars);
  const body = hit.kind === 'indirect' ? words : `“${words}”`;
  return `${body}${kindNote(hit.kind, t)}${contextNote(hit, t)}\n— ${citationLine(hit)}${alsoNote(hit, t)}`;
}

/** "also in 2 articles: Wire One, Wire Two" for a statement several articles carry. */
export function alsoNote(hit: QuoteHit, t: RenderText = LOCALES.en.render): string {
  const also = hit.alsoIn ?? [];
  if (!also.length) return '';
  const names = also.slice(0, 3).map((c) => escapeAndTruncate(c.source ?? c.title ?? c.article, 40)).join(', ');
  return ` · ${t.alsoIn(also.length, `${names}${also.length > 3 ? ', …' : ''}`)}`;
}

/** For a quote found by the sentence that reports it: that sentence, its matching words in bold. */
export function contextNote(hit: QuoteHit, t: RenderText = LOCALES.en.render): string {
  if (hit.match !== 'context' || !hit.context) return '';
  return `\n-# ${t.matchedIn}: ${highlightText(hit.context, hit.contextHighlights ?? [], 300)}`;
}

/** What the engine did to the words typed (typo corrections, any-word fallback), as lines for a reply's content. */
export function queryNotesText(answer: Pick<WhoSaidAnswer, 'corrected' | 'fallback'>, t: RenderText = LOCALES.en.render): string {
  const notes: string[] = [];
  const corrected = answer.corrected ?? [];
  if (corrected.length) {
    notes.push(t.readAs(corrected.map((c) => `${escapeAndTruncate(c.from, 40)} → ${escapeAndTruncate(c.to, 40)}`).join(', ')));
  }
  if (answer.fallback === 'any-word') notes.push(t.anyWord);
  return notes.map((n) => `\n-# ${n}`).join('');
}

export function passageBlock(hit: PassageHit, n: number): string {
  return `**${n}.** ${highlightText(hit.text, hit.highlights, PAGE.passageChars)}\n— ${citationLine(hit)}`;
}

export interface Section {
  /** Raw (unescaped) heading; escaped here. */
  title: string;
  url?: string;
  /** Rendered, already-escaped blocks (each well under PAGE.description). */
  blocks: string[];
  /** The citation each block shows (parallel to blocks), for "Show paragraphs". */
  refs?: Citation[];
}

/**
 * Lay sections out as pages of embeds: a section continues on the next embed/page when it does not fit;
 * no block is ever cut. Returns at least one page.
 */
export function packPages(sections: Section[], maxPages = 50, t: RenderText = LOCALES.en.render): APIEmbed[][] {
  return packPagesTracked(sections, maxPages, t).pages;
}

/** packPages, also saying which blocks' `refs` (Section.refs, parallel to blocks) landed on each page. */
export function packPagesTracked(sections: Section[], maxPages = 50, t: RenderText = LOCALES.en.render): { pages: APIEmbed[][]; refs: Citation[][] } {
  const pages: APIEmbed[][] = [];
  const refs: Citation[][] = [];
  const place = (ref: Citation | undefined) => {
    if (!ref) return;
    (refs[pages.length] ??= []).push(ref);
  };
  let page: APIEmbed[] = [];
  let used = 0;
  const budget = PAGE.chars - FOOTER_RESERVE;
  const flush = () => {
    if (page.length) pages.push(page);
    page = [];
    used = 0;
  };
  for (const s of sections) {
    let embed: APIEmbed | null = null;
    let continued = false;
    for (const [k, raw] of s.blocks.entries()) {
      const block = raw.length > PAGE.description ? truncate(raw, PAGE.description) : raw;
      const sep = embed?.description ? 2 : 0;
      const fitsEmbed = embed && (embed.description?.length ?? 0) + sep + block.length <= PAGE.description;
      if (embed && fitsEmbed && used + sep + block.length <= budget) {
        embed.description += `\n\n${block}`;
        used += sep + block.length;
        place(s.refs?.[k]);
        continue;
      }
      const title = escapeAndTruncate(s.title, LIMITS.embedTitle - 14) + (continued ? ` ${t.continued}` : '');
      if (page.length >= PAGE.embeds || used + title.length + block.length > budget) flush();
      if (pages.length >= maxPages) return { pages, refs };
      embed = { title, description: block, color: COLOR };
      const href = safeUrl(s.url);
      if (href) embed.url = href;
      page.push(embed);
      used += title.length + block.length;
      place(s.refs?.[k]);
      continued = true;
    }
  }
  flush();
  return { pages: pages.length ? pages : [[]], refs };
}

/** Attach a footer (counts and page number) to the last embed of each page and wrap pages as replies. */
function toPages(pages: APIEmbed[][], content: string, footer: string, t: RenderText = LOCALES.en.render): PagedReply {
  const n = pages.length;
  return {
    pages: pages.map((embeds, i) => {
      const copy = embeds.map((e) => ({ ...e }));
      const last = copy[copy.length - 1];
      const text = n > 1 ? `${footer} · ${t.page(i + 1, n)}` : footer;
      if (last) last.footer = { text: truncate(text, LIMITS.footerText) };
      return clampMessage({ content, embeds: copy });
    }),
  };
}

/**
 * What to say when nothing matched: `what(q)` is the first line, q already escaped. `filtered`: the asker's
 * since/until/source options narrowed the search, which is then the likelier reason than their words.
 */
function noMatch(what: (q: string) => string, query: string, suggestions: string[], t: RenderText, filtered = false): Reply {
  const q = escapeAndTruncate(query, 200);
  let text = what(q);
  const tips = suggestions.slice(0, 8).map((s) => escapeAndTruncate(s, 60)).filter(Boolean);
  if (tips.length) text += `\n${t.youCouldTry(tips.join(', '))}`;
  else if (!filtered) text += `\n${t.tryOtherWords}`;
  if (filtered) text += `\n${t.filteredOut}`;
  return clampMessage({ embeds: [{ description: text, color: COLOR_EMPTY }] });
}

/** `t`: the fixed phrases in the asker's language (default English). */
export function renderWhoSaid(answer: WhoSaidAnswer, t: RenderText = LOCALES.en.render, filtered = false): Reply | PagedReply {
  if (!answer.results.length) return noMatch(t.noQuotes, answer.query, answer.suggestions, t, filtered);
  const sections: Section[] = answer.speakers.map((g) => {
    // Direct quotes first, whatever order the engine used inside the group.
    const sorted = [...g.quotes].sort((a, b) => kindRank(a.kind) - kindRank(b.kind));
    return { title: g.speaker ?? t.unattributed, blocks: sorted.map((q) => quoteBlock(q, t)), refs: sorted };
  });
  const shown = answer.results.length;
  const total = Math.max(answer.total ?? shown, shown);
  const speakers = Math.max(answer.totalSpeakers ?? answer.speakers.length, answer.speakers.length);
  const footer = total > shown ? t.whoSaidFooterMore(total, speakers, shown) : t.whoSaidFooter(shown, speakers);
  const packed = packPagesTracked(sections, 50, t);
  return withParagraphPickers(toPages(packed.pages, `${whoSaidHeading(answer, t)}${queryNotesText(answer, t)}`, footer, t), packed.refs, 'who-said', t);
}

/** "Who said something about …", or, when the topic named a speaker, whose quotes on what these are. */
export function whoSaidHeading(answer: WhoSaidAnswer, t: RenderText = LOCALES.en.render): string {
  if (!answer.speaker) return t.whoSaidAbout(escapeAndTruncate(answer.query, 200));
  const who = escapeAndTruncate(answer.speaker.name, 100);
  return answer.topic ? t.whatSaidAbout(who, escapeAndTruncate(answer.topic, 200)) : t.everythingBy(who);
}

function kindRank(k: QuoteHit['kind']): number {
  return k === 'direct' ? 0 : k === 'partial' ? 1 : 2;
}

export function renderSearch(answer: SearchAnswer, t: RenderText = LOCALES.en.render, filtered = false): Reply | PagedReply {
  if (!answer.results.length) return noMatch(t.noPassages, answer.query, answer.suggestions, t, filtered);
  const section: Section = { title: t.passagesMatching(answer.query), blocks: answer.results.map((h, i) => passageBlock(h, i + 1)), refs: answer.results };
  const shown = answer.results.length;
  const footer = shown < answer.total ? t.searchFooterMore(answer.total, shown) : t.searchFooter(shown);
  const packed = packPagesTracked([section], 50, t);
  return withParagraphPickers(toPages(packed.pages, queryNotesText(answer, t).replace(/^\n/, ''), footer, t), packed.refs, 'search', t);
}

export function renderQuotes(answer: QuotesAnswer, t: RenderText = LOCALES.en.render, filtered = false): Reply | PagedReply {
  const asked = answer.query ?? '';
  if (!answer.speaker) {
    return noMatch(t.noSpeaker, asked, answer.suggestions, t);
  }
  const speakerName = answer.speaker.name;
  if (!answer.results.length) return noMatch((q) => t.noQuotesBy(escapeAndTruncate(speakerName, 100), q), asked, answer.suggestions, t, filtered);
  const others = answer.speaker.aliases.filter((a) => a !== answer.speaker!.name);
  const blocks = answer.results.map((q) => quoteBlock(q, t));
  if (others.length) blocks.unshift(`*${t.alsoNamed}* ${escapeAndTruncate(others.join(', '), 300)}`);
  const shown = answer.results.length;
  const total = Math.max(answer.total ?? shown, shown);
  const who = truncate(answer.speaker.name, 100);
  const footer = total > shown ? t.quotesFooterMore(total, who, shown, Boolean(answer.topic)) : t.quotesFooter(shown, who);
  const heading = answer.topic ? `${t.whatSaidAbout(escapeAndTruncate(answer.speaker.name, 100), escapeAndTruncate(answer.topic, 200))}${queryNotesText(answer, t)}` : '';
  return toPages(packPages([{ title: answer.speaker.name, blocks }], 50, t), heading, footer, t);
}

/** `ephemeral` forces a private card; otherwise the asker's `private` option decides. */
export function renderArticle(info: ArticleInfo, ephemeral?: boolean, t: RenderText = LOCALES.en.render): Reply {
  const fields: NonNullable<APIEmbed['fields']> = [];
  if (info.source) fields.push({ name: t.source, value: escapeAndTruncate(info.source, 200), inline: true });
  if (info.date) fields.push({ name: t.date, value: escapeAndTruncate(info.date, 40), inline: true });
  fields.push({ name: t.paragraphs, value: String(info.paragraphs), inline: true });
  fields.push({ name: t.quotes, value: String(info.quotes), inline: true });
  if (info.speakers.length) {
    fields.push({ name: t.speakers(info.speakers.length), value: escapeAndTruncate(info.speakers.join(', '), LIMITS.fieldValue) });
  }
  if (info.added_by) {
    const when = info.added_at ? t.addedOn(escapeAndTruncate(cutAt(info.added_at, 10), 10)) : '';
    fields.push({ name: t.addedBy, value: escapeAndTruncate(info.added_by, 200) + when });
  }
  const embed: APIEmbed = {
    title: escapeAndTruncate(info.title || info.id, LIMITS.embedTitle),
    color: COLOR,
    fields,
    footer: { text: truncate(`id: ${info.id}`, 200) },
  };
  const href = safeUrl(info.url);
  if (href) embed.url = href;
  return clampMessage(ephemeral === undefined ? { embeds: [embed] } : { embeds: [embed], ephemeral });
}

/** One paragraph of an article as the article has it, to check a citation; its quotes' speakers below. */
export function renderParagraph(p: ParagraphAnswer, ephemeral?: boolean, t: RenderText = LOCALES.en.render): Reply {
  const quotes = p.quotes.length
    ? `\n\n-# ${t.quotesHere} ${escapeAndTruncate(p.quotes.map((q) => q.speaker ?? t.unattributedLower).join(', '), 300)}`
    : '';
  const embed: APIEmbed = {
    title: escapeAndTruncate(`${p.title || p.article} — ${p.paragraph === 0 ? t.headline : t.paragraphOf(p.paragraph, p.paragraphs)}`, LIMITS.embedTitle),
    description: escapeAndTruncate(p.text, PAGE.description - 400) + quotes,
    color: COLOR,
    footer: { text: truncate([p.source, p.date?.slice(0, 10), `id: ${p.article}`].filter(Boolean).join(' · '), 200) },
  };
  const href = safeUrl(p.url);
  if (href) embed.url = href;
  return clampMessage(ephemeral === undefined ? { embeds: [embed] } : { embeds: [embed], ephemeral });
}

export function renderSources(s: SourcesAnswer, t: RenderText = LOCALES.en.render): Reply | PagedReply {
  const summary = t.sourcesSummary(s.articles, s.paragraphs, s.quotes, s.speakers);
  // Enough to browse; a corpus of thousands is looked up with /article's autocomplete instead.
  const MAX_LISTED = 300;
  const lines = s.list.slice(0, MAX_LISTED).map((a) => {
    const meta = [a.source, a.date === undefined ? undefined : cutAt(a.date, 10)].filter((x): x is string => !!x).map((x) => escapeAndTruncate(x, 60));
    return `• **${escapeAndTruncate(a.title || a.id, 150)}**${meta.length ? ` — ${meta.join(' · ')}` : ''}\n  \`${escapeId(a.id)}\` · ${t.articleCounts(a.paragraphs, a.quotes)}`;
  });
  const blocks = [summary, ...chunkLines(lines, 1200)];
  if (s.list.length > MAX_LISTED) blocks.push(t.moreArticles(s.list.length - MAX_LISTED));
  if (s.problems.length) {
    blocks.push(`⚠️ ${t.unreadable(s.problems.length, escapeAndTruncate(s.problems.map((p) => p.file).join(', '), 500))}`);
  }
  return toPages(packPages([{ title: t.corpusHolds, blocks }], 50, t), '', summary, t);
}

/** Ids are shown in inline code; a backtick would end it early. */
function escapeId(id: string): string {
  return truncate(id.replace(/[`\s]/g, ''), 100);
}

function chunkLines(lines: string[], max: number): string[] {
  const out: string[] = [];
  let cur = '';
  for (const l of lines) {
    if (cur && cur.length + 1 + l.length > max) {
      out.push(cur);
      cur = '';
    }
    cur = cur ? `${cur}\n${l}` : l;
  }
  if (cur) out.push(cur);
  return out;
}

/** A one-line, ephemeral notice (errors, cooldowns, refusals). */
export function notice(text: string): Reply {
  return { content: truncate(text, LIMITS.content), ephemeral: true };
}

/** Each page gets the "Show paragraphs" button or select for the citations it shows (it survives paging). */
export function withParagraphPickers(paged: PagedReply, refs: Citation[][], command: string, t: RenderText = LOCALES.en.render): PagedReply {
  paged.pages.forEach((page, i) => {
    const row = paragraphPicker(command, refs[i] ?? [], t);
    if (row) page.components = [...(page.components ?? []), row];
  });
  return paged;
}

/** Raw text cut at spaces into pieces of at most `max` characters (escaping at most doubles them). */
function chunkText(text: string, max: number): string[] {
  const out: string[] = [];
  let rest = text.trim();
  while (rest.length > max) {
    let cut = rest.lastIndexOf(' ', max);
    if (cut < max / 2) cut = max;
    const piece = cutAt(rest, cut);
    out.push(piece);
    rest = rest.slice(piece.length).trimStart();
  }
  if (rest) out.push(rest);
  return out;
}

/** The cited paragraphs in full, each with its citation, split across embeds and pages within Discord's limits. */
export function renderParagraphs(list: ParagraphAnswer[], t: RenderText = LOCALES.en.render): PagedReply {
  const sections: Section[] = list.map((p) => {
    const pieces = chunkText(p.text, 1800).map((raw) => escapeLineStart(escapeInline(raw)));
    const speakers = p.quotes.length
      ? `\n-# ${t.quotesHere} ${escapeAndTruncate(p.quotes.map((q) => q.speaker ?? t.unattributedLower).join(', '), 300)}`
      : '';
    const last = pieces.length - 1;
    pieces[last] = `${pieces[last] ?? ''}\n— ${citationLine(p)}${speakers}`;
    return {
      title: `${p.title || p.article} — ${p.paragraph === 0 ? t.headline : t.paragraphOf(p.paragraph, p.paragraphs)}`,
      url: p.url,
      blocks: pieces,
    };
  });
  return { ...toPages(packPages(sections, 50, t), '', t.paragraphsFooter(list.length), t), ephemeral: true };
}

/** "Find sources" on a message: the matching quotes and who said them, or a plain "no quote matches", with passages. */
export function renderFindSources(answer: FindSourcesAnswer, t: RenderText = LOCALES.en.render): PagedReply {
  const sections: Section[] = [];
  const cut = answer.truncated ? `\n-# ${t.longMessage}` : '';
  let content: string;
  if (answer.quotes.length) {
    content = `${t.quotesMatch}${cut}`;
    sections.push({ title: t.matchingQuotes, blocks: answer.quotes.map((q) => `**${escapeAndTruncate(q.speaker ?? t.unattributed, 100)}**:\n${quoteBlock(q, t)}`) });
  } else {
    content = `${t.noQuoteMatches}${cut}`;
  }
  // A passage already shown as a matching quote's paragraph is not repeated.
  const cited = new Set(answer.quotes.map((q) => `${q.paragraph}:${q.article}`));
  const passages = answer.passages.filter((p) => !cited.has(`${p.paragraph}:${p.article}`));
  if (passages.length) {
    sections.push({ title: answer.quotes.length ? t.relatedPassages : t.closestPassages, blocks: passages.map((h, i) => passageBlock(h, i + 1)) });
  } else if (!answer.quotes.length) {
    sections.push({ title: t.closestPassages, blocks: [t.nothingClose] });
  }
  const footer = answer.quotes.length ? t.matchingQuotesFooter(answer.quotes.length) : t.closePassagesFooter(answer.passages.length);
  return { ...toPages(packPages(sections, 50, t), content, footer, t), ephemeral: true };
}
