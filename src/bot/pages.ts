// Paged answers: pages live in memory for a while; the buttons carry who may use them, so a foreign or stale click
// gets a polite answer even after the pages are gone (restart, expiry).
import { randomBytes } from 'node:crypto';
import type { APIActionRowComponent, APIButtonComponentWithCustomId, APIStringSelectComponent } from 'discord.js';
import type { Reply } from './command.js';
import { LOCALES, type RenderText } from './i18n.js';
import { LIMITS, customId, truncate } from './limits.js';

export const PAGE_PREFIX = 'pg';

interface Entry {
  owner: string;
  command: string;
  pages: Reply[];
  expires: number;
}

export interface PageButton {
  key: string;
  command: string;
  owner: string;
  page: number;
}

export class PageStore {
  private readonly entries = new Map<string, Entry>();

  constructor(readonly ttlMs: number, private readonly now: () => number = Date.now, private readonly max = 2000) {}

  /** Keep `pages` for `owner`; returns the key used in the buttons. */
  put(owner: string, command: string, pages: Reply[]): string {
    this.sweep();
    const key = randomBytes(6).toString('base64url');
    this.entries.set(key, { owner, command, pages, expires: this.now() + this.ttlMs });
    // Oldest first out when full (Map keeps insertion order).
    while (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value!);
    return key;
  }

  get(key: string): Entry | undefined {
    const e = this.entries.get(key);
    if (!e) return undefined;
    if (e.expires <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return e;
  }

  private sweep(): void {
    const t = this.now();
    for (const [k, e] of this.entries) if (e.expires <= t) this.entries.delete(k);
  }
}

export function parsePageButton(id: string): PageButton | null {
  const [prefix, command, key, owner, page] = id.split(':');
  if (prefix !== PAGE_PREFIX || !command || !key || !owner || page === undefined) return null;
  const n = Number(page);
  if (!Number.isInteger(n) || n < 0) return null;
  return { command, key, owner, page: n };
}

/** Previous/Next for page `index` of `count` (ids are unique within the message: they point at different pages). */
export function pageButtons(
  command: string, key: string, owner: string, index: number, count: number, t: Pick<RenderText, 'previous' | 'next'> = LOCALES.en.render,
): APIActionRowComponent<APIButtonComponentWithCustomId> {
  const prev = Math.max(0, index - 1);
  const next = Math.min(count - 1, index + 1);
  return {
    type: 1,
    components: [
      { type: 2, style: 2, label: t.previous, custom_id: customId(PAGE_PREFIX, command, key, owner, prev), disabled: index === 0 },
      // The middle button only shows the position; its id differs from the others by the trailing marker.
      { type: 2, style: 2, label: `${index + 1} / ${count}`, custom_id: customId(PAGE_PREFIX, command, key, owner, index, 'at'), disabled: true },
      { type: 2, style: 2, label: t.next, custom_id: customId(PAGE_PREFIX, command, key, owner, next), disabled: index >= count - 1 },
    ],
  };
}

// "Show paragraphs": each who-said/search page carries the citations it shows, so the press needs no stored state
// (it works after a restart and on every page). One citation: a button `para:<command>:<n>:<article>`; several: a
// select `para:<command>` whose option values are `<n>:<article>`.
export const PARAGRAPHS_PREFIX = 'para';
const MAX_OPTIONS = 25;

export interface ParagraphRef {
  article: string;
  paragraph: number;
}

/** The row offering the cited paragraphs of one page, or null when there is none to offer. */
export function paragraphPicker(
  command: string, refs: ReadonlyArray<ParagraphRef & { title?: string }>, t: Pick<RenderText, 'showParagraph' | 'showParagraphs'> = LOCALES.en.render,
): APIActionRowComponent<APIButtonComponentWithCustomId | APIStringSelectComponent> | null {
  const seen = new Set<string>();
  const options: Array<{ label: string; value: string }> = [];
  for (const r of refs) {
    const value = `${r.paragraph}:${r.article}`;
    if (seen.has(value) || value.length > LIMITS.choiceValue) continue;
    seen.add(value);
    options.push({ label: truncate(`¶${r.paragraph} — ${r.title || r.article}`, LIMITS.choiceName), value });
    if (options.length === MAX_OPTIONS) break;
  }
  if (!options.length) return null;
  const only = options.length === 1 ? options[0]! : null;
  const buttonId = only ? `${PARAGRAPHS_PREFIX}:${command}:${only.value}` : '';
  if (only && buttonId.length <= LIMITS.customId) {
    return { type: 1, components: [{ type: 2, style: 2, label: t.showParagraph(Number(only.value.split(':')[0])), custom_id: buttonId }] };
  }
  return {
    type: 1,
    components: [{
      type: 3,
      custom_id: customId(PARAGRAPHS_PREFIX, command),
      placeholder: t.showParagraphs,
      min_values: 1,
      max_values: options.length,
      options,
    }],
  };
}

/** The paragraphs a press asks for: from a button's id or a select's values. Null when the id is not ours or broken. */
export function parseParagraphPress(customIdValue: string, values?: readonly string[]): { command: string; refs: ParagraphRef[] } | null {
  const [prefix, command, ...rest] = customIdValue.split(':');
  if (prefix !== PARAGRAPHS_PREFIX || !command) return null;
  const raw = values ?? (rest.length ? [rest.join(':')] : []);
  const refs: ParagraphRef[] = [];
  for (const v of raw.slice(0, MAX_OPTIONS)) {
    const at = v.indexOf(':');
    const n = Number(v.slice(0, at));
    const article = v.slice(at + 1);
    if (at <= 0 || !Number.isInteger(n) || n < 0 || !article) return null;
    refs.push({ article, paragraph: n });
  }
  return refs.length ? { command, refs } : null;
}
