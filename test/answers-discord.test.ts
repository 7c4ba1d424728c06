// The Discord side of trusted answers: what the reader sees for a context match, a correction, a speaker in
// the topic, wire copies and a cited paragraph; every page within Discord's limits, article text escaped.
import { describe, expect, it } from 'vitest';
import type { PagedReply, Reply } from '../src/bot/command.js';
import { limitViolations } from '../src/bot/limits.js';
import { renderParagraph, renderQuotes, renderWhoSaid } from '../src/bot/render.js';
import { parseArticle } from '../src/corpus/read.js';
import { Engine } from '../src/engine.js';
import { filterOptions } from '../commands/filters.js';
import quotes from '../commands/quotes.js';
import whoSaid from '../commands/who-said.js';
import article from '../commands/article.js';

const e = Engine.fromArticles([
  parseArticle('w1', '---\ntitle: Talks one\nsource: Wire One\ndate: 2025-05-12\n---\nMaria Zakharova spoke about the **embargo**, saying: “Nothing will change.”\n\nSergei Lavrov said: “The truce holds.”', 'md'),
  parseArticle('w2', '---\ntitle: Talks two\nsource: Wire Two\n---\nSergei Lavrov said: “The truce holds.”', 'md'),
]);

const pages = (r: Reply | PagedReply): Reply[] => ('pages' in r ? r.pages : [r]);
const text = (r: Reply | PagedReply): string => pages(r).map((p) => [p.content ?? '', ...(p.embeds ?? []).map((x) => `${x.title ?? ''}\n${x.description ?? ''}`)].join('\n')).join('\n');
const within = (r: Reply | PagedReply) => {
  for (const p of pages(r)) expect(limitViolations({ content: p.content, embeds: p.embeds as never, components: p.components as never })).toEqual([]);
};

describe('Discord answers', () => {
  it('a context match shows the reporting sentence, its match in bold and the article’s markdown escaped', () => {
    const reply = renderWhoSaid(e.whoSaid('embargo'));
    within(reply);
    expect(text(reply)).toContain('-# matched in: Maria Zakharova spoke about the \\*\\***embargo**\\*\\*, saying: \\[…\\]');
  });

  it('a correction and a speaker in the topic are said in the heading', () => {
    const corrected = renderWhoSaid(e.whoSaid('embarrgo'));
    expect(text(corrected)).toMatch(/read as: embarrgo → embargo/);
    const named = renderWhoSaid(e.whoSaid('what did Lavrov say about the truce'));
    expect(text(named)).toMatch(/What \*\*Sergei Lavrov\*\* said about \*\*truce\*\*/);
    const topic = renderQuotes(e.quotes('Lavrov', { topic: 'truce' }));
    expect(text(topic)).toMatch(/What \*\*Sergei Lavrov\*\* said about \*\*truce\*\*/);
  });

  it('wire copies are one block that says where else the statement appears', () => {
    const reply = renderWhoSaid(e.whoSaid('truce'));
    expect(text(reply).match(/The \*\*truce\*\* holds/g)).toHaveLength(1);
    expect(text(reply)).toMatch(/also in 1 article: Wire (One|Two)/);
  });

  it('a paragraph is shown as the article has it, escaped, with its quotes', () => {
    const reply = renderParagraph(e.paragraph('w1', 1));
    within(reply);
    expect(text(reply)).toMatch(/Talks one — ¶1 of 2/);
    expect(text(reply)).toContain('\\*\\*embargo\\*\\*');
    expect(text(reply)).toMatch(/Quotes here: Maria Zakharova/);
  });

  it('the commands offer since, until, source (autocomplete), sort; /quotes topic; /article paragraph', () => {
    for (const command of [whoSaid, quotes]) {
      const names = (command.data.options ?? []).map((o) => o.name);
      for (const o of filterOptions) expect(names).toContain(o.name);
    }
    expect((quotes.data.options ?? []).map((o) => o.name)).toContain('topic');
    expect((article.data.options ?? []).map((o) => o.name)).toContain('paragraph');
    expect(e.sourceNames('wire').map((s) => s.name)).toEqual(['Wire One', 'Wire Two']);
  });
});

describe('Discord search', () => {
  it('says when a word was read as another', async () => {
    const { renderSearch } = await import('../src/bot/render.js');
    const reply = renderSearch(e.search('embarrgo'));
    expect(text(reply)).toMatch(/^-# Not in the articles, so read as: embarrgo → embargo\./);
    expect(pages(renderSearch(e.search('embargo')))[0].content ?? '').toBe('');
  });
});
