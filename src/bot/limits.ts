// Discord's message limits in one place, and the text helpers that keep every response inside them.
// discord.js validates only some of these; Discord rejects the whole response (400, code 50035) otherwise.
import type { APIActionRowComponent, APIComponentInMessageActionRow, APIEmbed } from 'discord.js';
import { cutAt } from '../unicode.js';

export const LIMITS = {
  content: 2000,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footerText: 2048,
  authorName: 256,
  /** Sum of title, description, field names/values, footer text and author name over all embeds of a message. */
  embedsTotal: 6000,
  embeds: 10,
  customId: 100,
  buttonLabel: 80,
  actionRows: 5,
  buttonsPerRow: 5,
  choices: 25,
  choiceName: 100,
  choiceValue: 100,
  modalTitle: 45,
  commandDescription: 100,
  optionDescription: 100,
} as const;

export const ELLIPSIS = '…';

/** Length as Discord counts it would be code points; UTF-16 length is never smaller, so it is the safe measure. */
export function len(text: string): number {
  return text.length;
}

/** Cut `text` to at most `max` characters at a word boundary, adding an ellipsis when something was cut. */
export function truncate(text: string, max: number, ellipsis = ELLIPSIS): string {
  if (max <= 0) return '';
  if (text.length <= max) return text;
  if (max <= ellipsis.length) return cutAt(ellipsis, max);
  const room = max - ellipsis.length;
  let cut = room;
  // Prefer the last whitespace in the room, unless that would throw away most of it (one giant word).
  const space = text.slice(0, room + 1).search(/\s\S*$/);
  if (space > room / 2) cut = space;
  // Never split a character (surrogate pair, flag, emoji sequence, letter with its accents).
  return cutAt(text, cut).replace(/[\s,;:–—-]+$/u, '') + ellipsis;
}

/** Keep whole lines while they fit; a single overlong first line is cut at a word. Never leaves half a markdown line. */
export function truncateLines(text: string, max: number): string {
  if (text.length <= max) return text;
  const lines = text.split('\n');
  let out = '';
  for (const line of lines) {
    const next = out ? `${out}\n${line}` : line;
    if (next.length + 2 > max) break; // room for "\n…"
    out = next;
  }
  if (!out) return truncate(stripMarkdown(lines[0] ?? ''), max);
  return `${out}\n${ELLIPSIS}`;
}

/** Drop the markdown characters of a line we must cut blindly (safety net only). */
function stripMarkdown(line: string): string {
  return line.replace(/(^|[^\\])[*_~`|[\]]+/g, '$1');
}

// Bidirectional overrides and zero-width characters can hide or reorder text; control characters have no place in a
// quote; tag characters (U+E0000–E007F) carry invisible text; the Arabic letter mark and blank "letters" (Hangul
// fillers, the blank Braille pattern) show nothing yet are not whitespace, so they can fake an empty or spaced name.
const HIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u061c\u115f\u1160\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\u2800\u3164\ufeff\uffa0\u{e0000}-\u{e007f}]/gu;

/** Characters that start a Markdown construct, a mention, a custom emoji or a timestamp anywhere in a line. */
const MARKDOWN = /[\\*_~`|<>[\]@]/g;

/** Escape one piece of a line (no trimming, so pieces can be joined): hidden characters removed, whitespace flattened. */
export function escapeInline(text: string): string {
  return text.replace(HIDDEN, '').replace(/\s+/g, ' ').replace(MARKDOWN, '\\$&');
}

/** Escape what only counts at the start of a line: headings, lists, block quotes, subtext. */
export function escapeLineStart(line: string): string {
  // A numbered list needs the dot escaped ("1\."): Discord reads "\1." as a list item all the same.
  return line.replace(/^(\d+)\./, '$1\\.').replace(/^(#|-|\+)/, '\\$1');
}

/**
 * Make article text inert: one line, no hidden characters, every Markdown/mention character escaped,
 * so a quote can neither format nor hide text nor look like a mention. (allowedMentions stops the pings.)
 */
export function escapeMarkdown(text: string): string {
  return escapeLineStart(escapeInline(text).trim());
}

/** escapeMarkdown(text) cut to at most `max` characters; the cut is made on the raw text so no escape is split. */
export function escapeAndTruncate(text: string, max: number): string {
  const escaped = escapeMarkdown(text);
  if (escaped.length <= max) return escaped;
  const flat = text.replace(HIDDEN, '').replace(/\s+/g, ' ').trim();
  let room = max;
  for (let i = 0; i < 20 && room > 0; i++) {
    const cut = escapeMarkdown(truncate(flat, room));
    if (cut.length <= max) return cut;
    room -= cut.length - max;
  }
  return truncate(flat.replace(MARKDOWN, ''), max);
}

/** A link target Discord will render and that cannot break out of `[text](url)`: http(s) only, parentheses and spaces encoded. */
export function safeUrl(url: string | undefined): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
    const href = u.href.replace(/[()\s<>]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
    return href.length <= 512 ? href : null;
  } catch {
    return null;
  }
}

/** `[text](url)` with the text escaped and shortened, or just the escaped text when there is no usable url. */
export function maskedLink(text: string, url: string | undefined, maxText = 120): string {
  const label = escapeAndTruncate(text, maxText) || 'link';
  const href = safeUrl(url);
  return href ? `[${label}](${href})` : label;
}

/** Characters of one embed that count towards the 6000 total. */
export function embedLength(embed: APIEmbed): number {
  let n = (embed.title?.length ?? 0) + (embed.description?.length ?? 0);
  n += (embed.footer?.text.length ?? 0) + (embed.author?.name.length ?? 0);
  for (const f of embed.fields ?? []) n += f.name.length + f.value.length;
  return n;
}

export interface MessageShape {
  content?: string;
  embeds?: APIEmbed[];
  components?: Array<APIActionRowComponent<APIComponentInMessageActionRow>>;
}

/** Every way `msg` breaks a Discord limit, as readable strings (empty = fine). Used by tests and by clampMessage. */
export function limitViolations(msg: MessageShape): string[] {
  const out: string[] = [];
  if ((msg.content?.length ?? 0) > LIMITS.content) out.push(`content ${msg.content!.length} > ${LIMITS.content}`);
  const embeds = msg.embeds ?? [];
  if (embeds.length > LIMITS.embeds) out.push(`${embeds.length} embeds > ${LIMITS.embeds}`);
  let total = 0;
  embeds.forEach((e, i) => {
    total += embedLength(e);
    if ((e.title?.length ?? 0) > LIMITS.embedTitle) out.push(`embed ${i} title > ${LIMITS.embedTitle}`);
    if ((e.description?.length ?? 0) > LIMITS.embedDescription) out.push(`embed ${i} description > ${LIMITS.embedDescription}`);
    if ((e.footer?.text.length ?? 0) > LIMITS.footerText) out.push(`embed ${i} footer > ${LIMITS.footerText}`);
    if ((e.author?.name.length ?? 0) > LIMITS.authorName) out.push(`embed ${i} author > ${LIMITS.authorName}`);
    if ((e.fields?.length ?? 0) > LIMITS.embedFields) out.push(`embed ${i} has ${e.fields!.length} fields > ${LIMITS.embedFields}`);
    e.fields?.forEach((f, j) => {
      if (!f.name || f.name.length > LIMITS.fieldName) out.push(`embed ${i} field ${j} name length ${f.name.length}`);
      if (!f.value || f.value.length > LIMITS.fieldValue) out.push(`embed ${i} field ${j} value length ${f.value.length}`);
    });
  });
  if (total > LIMITS.embedsTotal) out.push(`embeds total ${total} > ${LIMITS.embedsTotal}`);
  const rows = msg.components ?? [];
  if (rows.length > LIMITS.actionRows) out.push(`${rows.length} action rows > ${LIMITS.actionRows}`);
  for (const row of rows) {
    if (row.components.length > LIMITS.buttonsPerRow) out.push(`row with ${row.components.length} components`);
    for (const c of row.components) {
      if ('custom_id' in c && c.custom_id.length > LIMITS.customId) out.push(`custom_id ${c.custom_id.length} > ${LIMITS.customId}`);
      if ('label' in c && (c.label?.length ?? 0) > LIMITS.buttonLabel) out.push(`button label > ${LIMITS.buttonLabel}`);
    }
  }
  return out;
}

/**
 * Last line of defence before sending: bring a message inside every limit by dropping whole lines, fields and
 * embeds (renderers already budget, so this should rarely change anything).
 */
export function clampMessage<T extends MessageShape>(msg: T): T {
  const out: T = { ...msg };
  if (out.content !== undefined) out.content = truncateLines(out.content, LIMITS.content);
  if (out.embeds) {
    let budget = LIMITS.embedsTotal;
    const embeds: APIEmbed[] = [];
    for (const e of out.embeds.slice(0, LIMITS.embeds)) {
      const c: APIEmbed = { ...e };
      if (c.title) c.title = truncate(c.title, LIMITS.embedTitle);
      if (c.author) c.author = { ...c.author, name: truncate(c.author.name, LIMITS.authorName) };
      if (c.footer) c.footer = { ...c.footer, text: truncate(c.footer.text, LIMITS.footerText) };
      if (c.description) c.description = truncateLines(c.description, LIMITS.embedDescription);
      if (c.fields) {
        c.fields = c.fields.slice(0, LIMITS.embedFields).map((f) => ({
          ...f,
          name: truncate(f.name, LIMITS.fieldName) || '\u200b',
          value: truncateLines(f.value, LIMITS.fieldValue) || '\u200b',
        }));
      }
      // Over the shared budget: shorten the description, then drop trailing fields, then stop adding embeds.
      let size = embedLength(c);
      if (size > budget && c.description) {
        const keep = Math.max(0, c.description.length - (size - budget));
        c.description = keep > 10 ? truncateLines(c.description, keep) : undefined;
        size = embedLength(c);
      }
      while (size > budget && c.fields?.length) {
        c.fields = c.fields.slice(0, -1);
        size = embedLength(c);
      }
      if (size > budget || (!c.title && !c.description && !c.fields?.length)) break;
      budget -= size;
      embeds.push(c);
    }
    out.embeds = embeds;
  }
  return out;
}

/** Join custom_id parts with ':'; throws if the result would be rejected, since that is a programming error. */
export function customId(...parts: Array<string | number>): string {
  const id = parts.join(':');
  if (id.length > LIMITS.customId) throw new Error(`custom_id too long (${id.length}): ${id.slice(0, 40)}…`);
  return id;
}

/** An autocomplete choice inside Discord's limits (name ≤100; value ≤100 or the choice is dropped by the caller). */
export function choice(name: string, value: string): { name: string; value: string } | null {
  if (!value || value.length > LIMITS.choiceValue) return null;
  const flat = name.replace(HIDDEN, '').replace(/\s+/g, ' ').trim();
  return { name: truncate(flat || value, LIMITS.choiceName), value };
}
