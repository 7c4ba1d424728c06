// The limits/truncation helpers every Discord response goes through.
import { describe, expect, test } from 'vitest';
import {
  LIMITS, choice, clampMessage, customId, embedLength, escapeAndTruncate, escapeMarkdown, limitViolations, maskedLink,
  safeUrl, truncate, truncateLines,
} from '../src/bot/limits.js';

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
