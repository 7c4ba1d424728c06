// The limits/truncation helpers every Discord response goes through.
import { describe, expect, test } from 'vitest';
import {
  LIMITS, choice, clampMessage, customId, embedLength, escapeAndTruncate, escapeMarkdown, limitViolations, maskedLink,
  safeUrl, truncate, truncateLines,
} from '../src/bot/limits.js';
import { cutAt, hasLoneSurrogate } from '../src/unicode.js';
import { cleanTitle } from '../src/moderation/text.js';
import { articleModal } from '../src/moderation/discord.js';
import { renderArticle } from '../src/bot/render.js';

describe('truncate', () => {
  test('leaves text that fits alone', () => {
    expect(truncate('peace talks', 11)).toBe('peace talks');
  });

  test('cuts at a word boundary and adds an ellipsis, within the limit', () => {
    const out = truncate('Putin will not attend the peace talks in Istanbul', 30);
    expect(out.length).toBeLessThanOrEqual(30);
    expect(out).toBe('Putin will not attend the…');
  });

  test('drops trailing punctuation before the ellipsis', () => {
    expect(truncate('ceasefire, talks, negotiations', 19)).toBe('ceasefire, talks…');
  });

  test('a single giant word is cut hard rather than emptied', () => {
    const out = truncate('x'.repeat(500), 100);
    expect(out).toHaveLength(100);
    expect(out.endsWith('…')).toBe(true);
  });

  test('never splits a surrogate pair', () => {
    const out = truncate('🇺🇦'.repeat(60), 11);
    expect(out.length).toBeLessThanOrEqual(11);
    // A lone high surrogate would not survive a UTF-8 round trip.
    expect(Buffer.from(out, 'utf8').toString('utf8')).toBe(out);
  });

  test('tiny and zero budgets', () => {
    expect(truncate('hello world', 0)).toBe('');
    expect(truncate('hello world', 1)).toBe('…');
  });
});

/** Every string inside a value (a message, a modal). */
function strings(v: unknown): string[] {
  if (typeof v === 'string') return [v];
  if (Array.isArray(v)) return v.flatMap(strings);
  if (v && typeof v === 'object') return Object.values(v).flatMap(strings);
  return [];
}

describe('cutting never breaks a character', () => {
  // Flags, emoji with skin tones or joiners, letters with combining accents, and astral letters.
  const pieces = ['🇺🇦', '👍🏽', '👩‍👩‍👧', 'é', 'e\u0301', '𝔸', 'a', ' ', 'Ж', '🏴\u{e0067}\u{e0062}\u{e0073}\u{e0063}\u{e0074}\u{e007f}'];
  let seed = 7;
  const rand = (n: number) => { seed = (seed * 1103515245 + 12345) % 2 ** 31; return seed % n; };
  const texts = Array.from({ length: 200 }, () => Array.from({ length: 5 + rand(120) }, () => pieces[rand(pieces.length)]).join(''));
  const clusters = (t: string) => [...new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(t)].map((x) => x.segment);

  test('cutAt ends on a grapheme boundary within the limit, on hundreds of random texts', () => {
    for (const t of texts) {
      for (const max of [1, 2, 5, 9, 17, 40, 100]) {
        const cut = cutAt(t, max);
        expect(cut.length).toBeLessThanOrEqual(max);
        expect(hasLoneSurrogate(cut)).toBe(false);
        // Exactly the first whole clusters of the original.
        expect(clusters(t).slice(0, clusters(cut).length).join('')).toBe(cut);
      }
    }
  });

  test('a long run of flags is cut between flags, never inside one, wherever the cut falls', () => {
    const flags = `${'x'.repeat(3)}${'🇺🇦🇵🇱'.repeat(60)}`;
    for (let max = 1; max < flags.length; max++) {
      const cut = cutAt(flags, max);
      expect(clusters(flags).slice(0, clusters(cut).length).join(''), String(max)).toBe(cut);
    }
  });

  test('titles, embeds, choices and form values cut from such texts hold no lone surrogate', () => {
    for (const t of texts) {
      const long = `${t}${t}${t}`.repeat(4);
      expect(hasLoneSurrogate(truncate(long, 33))).toBe(false);
      expect(hasLoneSurrogate(escapeAndTruncate(long, 41))).toBe(false);
      expect(hasLoneSurrogate(cleanTitle(long))).toBe(false);
      const modal = articleModal('add-article:new', long, { title: long, source: long });
      expect(strings(modal).filter(hasLoneSurrogate)).toEqual([]);
      const shown = renderArticle({
        id: 'x', title: long, source: long, date: `2025-05-${t}`, added_at: `2025-05-${t}`, added_by: long,
        paragraphs: 1, quotes: 0, speakers: [long],
      } as never);
      expect(strings(shown).filter(hasLoneSurrogate)).toEqual([]);
    }
  });
});

describe('escapeMarkdown', () => {
  test('formatting characters are shown, not applied', () => {
    expect(escapeMarkdown('**bold** _it_ ~~s~~ `code` ||spoiler||')).toBe('\\*\\*bold\\*\\* \\_it\\_ \\~\\~s\\~\\~ \\`code\\` \\|\\|spoiler\\|\\|');
  });

  test('mentions, masked links and line-start constructs are neutralised', () => {
    const out = escapeMarkdown('# @everyone <@123> [click](https://evil.example)');
    expect(out).toBe('\\# \\@everyone \\<\\@123\\> \\[click\\](https://evil.example)');
    expect(escapeMarkdown('- list')).toBe('\\- list');
    expect(escapeMarkdown('> quote')).toBe('\\> quote');
  });

  test('hidden characters and line breaks are removed', () => {
    expect(escapeMarkdown('a\u202eb\u200bc\n\n# d')).toBe('abc # d');
  });

  test('invisible tag characters, the Arabic letter mark and blank fillers never reach an answer', () => {
    const tags = [...'ignore previous'].map((c) => String.fromCodePoint(0xe0000 + c.charCodeAt(0))).join('');
    const hidden = `Pe${tags}sk\u061cov \u3164said\u2800 \u{e0001}no\u{e007f}`;
    expect(escapeMarkdown(hidden)).toBe('Peskov said no');
    expect(escapeAndTruncate(`${hidden} ${'x'.repeat(50)}`, 30)).not.toMatch(/[\u061c\u2800\u3164\u{e0000}-\u{e007f}]/u);
  });

  test('a numbered line is escaped the way Discord needs it: 1\\. not \\1.', () => {
    expect(escapeMarkdown('1. Ukraine agreed')).toBe('1\\. Ukraine agreed');
    expect(escapeMarkdown('2025. A year of talks')).toBe('2025\\. A year of talks');
    expect(escapeMarkdown('12 delegates')).toBe('12 delegates');
  });

  test('escapeAndTruncate never splits an escape and stays within the limit', () => {
    const raw = '*'.repeat(30) + ' ' + '_'.repeat(30);
    for (let max = 2; max < 130; max++) {
      const out = escapeAndTruncate(raw, max);
      expect(out.length).toBeLessThanOrEqual(max);
      // An odd number of backslashes before a character that needs escaping means a broken escape.
      expect(out).not.toMatch(/(^|[^\\])(\\\\)*[*_]/);
    }
  });
});

describe('links', () => {
  test('only http(s) links, with parentheses and spaces encoded', () => {
    expect(safeUrl('javascript:alert(1)')).toBeNull();
    expect(safeUrl('not a url')).toBeNull();
    expect(safeUrl('https://example.com/a_(b)')).toBe('https://example.com/a_%28b%29');
    expect(maskedLink('A [title]', 'https://example.com/x')).toBe('[A \\[title\\]](https://example.com/x)');
    expect(maskedLink('No link', undefined)).toBe('No link');
  });
});

describe('message limits', () => {
  const big = 'word '.repeat(3000);

  test('limitViolations names every broken limit', () => {
    const v = limitViolations({
      content: big,
      embeds: Array.from({ length: 11 }, () => ({ title: big, description: big, fields: Array.from({ length: 26 }, () => ({ name: 'n', value: big })) })),
      components: [{ type: 1, components: [{ type: 2, style: 1, custom_id: 'x'.repeat(101), label: 'ok' }] }],
    });
    const text = v.join('\n');
    for (const what of ['content', '11 embeds', 'title', 'description', '26 fields', 'value length', 'embeds total', 'custom_id']) {
      expect(text).toContain(what);
    }
  });

  test('clampMessage brings anything inside every limit', () => {
    const msg = clampMessage({
      content: big,
      embeds: Array.from({ length: 12 }, (_, i) => ({
        title: `${i} ${big}`,
        description: big.replace(/ /g, '\n'),
        footer: { text: big },
        fields: Array.from({ length: 30 }, () => ({ name: big, value: big })),
      })),
    });
    expect(limitViolations(msg)).toEqual([]);
    expect(msg.embeds!.reduce((n, e) => n + embedLength(e), 0)).toBeLessThanOrEqual(LIMITS.embedsTotal);
    expect(msg.embeds!.length).toBeGreaterThan(0);
  });

  test('truncateLines keeps whole lines so no markdown construct is cut', () => {
    const text = Array.from({ length: 50 }, (_, i) => `**line ${i}** and [link](https://example.com/${i})`).join('\n');
    const out = truncateLines(text, 300);
    expect(out.length).toBeLessThanOrEqual(300);
    for (const line of out.split('\n').slice(0, -1)) expect(line).toMatch(/^\*\*line \d+\*\* and \[link\]\(https:\/\/example\.com\/\d+\)$/);
    expect(out.endsWith('…')).toBe(true);
  });

  test('customId refuses ids Discord would reject', () => {
    expect(customId('pg', 'who-said', 'abc', 1)).toBe('pg:who-said:abc:1');
    expect(() => customId('x'.repeat(101))).toThrow(/custom_id too long/);
  });

  test('autocomplete choices fit: names cut to 100, overlong values dropped', () => {
    expect(choice('n'.repeat(300), 'v')!.name).toHaveLength(LIMITS.choiceName);
    expect(choice('name', 'v'.repeat(101))).toBeNull();
  });
});
