// The quote patterns news text uses, on made-up sentences (other names, verbs and orders than the seeds).
import { describe, expect, it } from 'vitest';
import { extractQuotes } from '../src/quotes/extract.js';
import { scanQuoteMarks } from '../src/quotes/marks.js';
import type { ExtractedQuote, QuoteKind } from '../src/types.js';

/**
 * The one quote whose text contains `snippet`. A reported clause that contains a quoted phrase is a row of its
 * own (kind indirect: "said the talks had been “frank and useful”"); it must name the phrase's speaker.
 */
function find(quotes: ExtractedQuote[], snippet: string): ExtractedQuote {
  const hits = quotes.filter((q) => q.text.includes(snippet));
  const own = hits.length > 1 ? hits.filter((q) => q.kind !== 'indirect') : hits;
  expect(own.map((q) => q.text), `quotes containing "${snippet}" in ${JSON.stringify(quotes.map((q) => q.text))}`).toHaveLength(1);
  for (const clause of hits.filter((q) => q !== own[0])) {
    expect(clause.text).toContain(own[0].text);
    expect(clause.speaker).toBe(own[0].speaker);
  }
  return own[0];
}

function speakerOf(paragraphs: string[], snippet: string): string | null {
  return find(extractQuotes(paragraphs), snippet).speaker;
}

describe('quote marks', () => {
  it('reads straight, curly and guillemet marks, mixed in one article', () => {
    const quotes = extractQuotes([
      '"We are ready to host both delegations," Hakan Fidan told reporters.',
      '“Talks must start now,” Antonio Costa said.',
      '«Nothing is agreed yet», Yuri Ushakov said.',
    ]);
    expect(find(quotes, 'ready to host').text).toBe('We are ready to host both delegations,');
    expect(find(quotes, 'ready to host').speaker).toBe('Hakan Fidan');
    expect(find(quotes, 'Talks must').speaker).toBe('Antonio Costa');
    expect(find(quotes, 'Nothing is agreed').speaker).toBe('Yuri Ushakov');
    for (const q of quotes) expect(q.marks).toBe('quotes');
  });

  it('keeps nested single quotes inside a quotation', () => {
    const q = find(extractQuotes(['“They keep saying ‘peace through strength’ but nothing changes,” Kaja Kallas said.']), 'peace through');
    expect(q.text).toBe('They keep saying ‘peace through strength’ but nothing changes,');
    expect(q.speaker).toBe('Kaja Kallas');
  });

  it('reads a quotation set off by single marks', () => {
    const q = find(extractQuotes(["EU foreign policy chief Kaja Kallas stressed that 'Russia is not interested in peace.'"]), 'not interested');
    expect(q.speaker).toBe('Kaja Kallas');
  });

  it('repairs machine-translation marks: a “ used as the closing mark, a missing opening mark', () => {
    const quotes = extractQuotes([
      'Moscow is using the talks to buy time for a new offensive.“, the Atlantic Council said in its report.',
      'The Foreign Office added.The Kremlin is not negotiating in good faith“.',
    ]);
    const a = find(quotes, 'buy time');
    expect(a.text).toBe('Moscow is using the talks to buy time for a new offensive.');
    expect(a.speaker).toBe('Atlantic Council');
    expect(a.marks).toBe('broken');
    const b = find(quotes, 'good faith');
    expect(b.text).toBe('The Kremlin is not negotiating in good faith');
    expect(b.speaker).toBe('Foreign Office');
  });

  it('reads German, Swedish and reversed guillemet styles as well-formed marks', () => {
    const quotes = extractQuotes(['Olaf Scholz said „we are ready to help Ukraine“.', '”We are ready to talk,” Peskov said.', '»We stand with Ukraine«, Friedrich Merz said.']);
    expect(find(quotes, 'help Ukraine')).toMatchObject({ speaker: 'Olaf Scholz', marks: 'quotes' });
    expect(find(quotes, 'ready to talk')).toMatchObject({ speaker: 'Peskov', marks: 'quotes' });
    expect(find(quotes, 'stand with')).toMatchObject({ speaker: 'Friedrich Merz', marks: 'quotes' });
  });

  it('starts a quote that lost its opening mark after the sentence reporting speech before it', () => {
    const quotes = extractQuotes(['Peskov said the talks were useful. We will continue the dialogue,” he added.', 'We are ready. We will continue,” Lavrov added.']);
    expect(find(quotes, 'continue the dialogue')).toMatchObject({ text: 'We will continue the dialogue,', speaker: 'Peskov', marks: 'broken' });
    expect(find(quotes, 'We are ready').text).toBe('We are ready. We will continue,');
  });

  it('scans pairs in linear time and never returns an empty or inverted span', () => {
    const text = '“'.repeat(3000) + ' a ' + '”'.repeat(3000) + '"'.repeat(3001);
    for (const s of scanQuoteMarks(text)) expect(s.end).toBeGreaterThan(s.start);
  });
});

describe('quotes over several paragraphs', () => {
  it('continues the speaker while each paragraph opens a mark and only the last one closes', () => {
    const quotes = extractQuotes([
      'Oleksandr Merezhko, chair of the parliament’s foreign affairs committee, said: “The first round achieved little.',
      '“The second round will show whether Moscow is serious.',
      '“We will not trade territory for promises.”',
      'Other lawmakers were less cautious.',
    ]);
    expect(quotes.map((q) => q.paragraph)).toEqual([1, 2, 3]);
    for (const q of quotes) {
      expect(q.speaker).toBe('Oleksandr Merezhko');
      expect(q.marks).toBe('quotes');
      expect(q.kind).toBe('direct');
    }
  });

  it('gives a quote with no verb in its paragraph to the speaker of the quote before', () => {
    expect(speakerOf(['"Peace is possible," Zelenskyy said.', '"But not at any price."'], 'any price')).toBe('Zelenskyy');
    const quotes = extractQuotes(['“This is a first step,” Umerov said. “More needs to be done.”']);
    expect(find(quotes, 'More needs').speaker).toBe('Umerov');
  });
});

describe('speaker before or after, any reporting verb, titles and appositions', () => {
  it.each([
    ['“There will be no deal without guarantees,” said Mykhailo Podolyak, an adviser to the presidential office.', 'no deal', 'Mykhailo Podolyak'],
    ['“Nobody wants this war to last forever,” a senior Ukrainian official told the BBC.', 'Nobody wants', 'a senior Ukrainian official'],
    ['Olga Stefanishyna, Ukraine’s ambassador to the United States, said: “Our position has not changed.”', 'Our position', 'Olga Stefanishyna'],
    ['Anton Gerashchenko, former deputy minister at the Ukrainian Ministry of Internal Affairs warned, “Winter will be hard.”', 'Winter', 'Anton Gerashchenko'],
    ['Ukrainian negotiator Rustem Umerov insisted: “Every prisoner must come home.”', 'Every prisoner', 'Rustem Umerov'],
    ['“We will not give up an inch of our land,” Zelensky wrote on Telegram.', 'an inch', 'Zelensky'],
    ['Sources familiar with the matter told Bloomberg that “a deal could be reached within weeks.”', 'a deal could', 'Sources familiar with the matter'],
    ['According to the Financial Times, “the negotiations have stalled over the question of territory.”', 'have stalled', 'Financial Times'],
    ['Reuters quoted a senior European diplomat as saying “the ceasefire is fragile at best.”', 'fragile', 'a senior European diplomat'],
    ['“The sanctions will stay,” the European Commission argued on Thursday.', 'sanctions will stay', 'European Commission'],
    ['Speaking alongside Chancellor Friedrich Merz, British Prime Minister Keir Starmer on Monday claimed “the coalition of the willing is ready.”', 'coalition of the willing', 'Keir Starmer'],
    ['Pentagon spokesman Sean Parnell noted that “no decision has been taken on new deliveries.”', 'no decision', 'Sean Parnell'],
    ['A statement by the Foreign Ministry, published on its website, said: “Kyiv is not ready for peace.”', 'not ready for peace', 'Foreign Ministry'],
    ['Zelensky’s chief of staff Andriy Yermak said the delegation would “defend every inch”.', 'every inch', 'Andriy Yermak'],
    ['US envoy Steve Witkoff, who met Putin in Moscow, told Fox News that “the president wants this war over.”', 'war over', 'Steve Witkoff'],
    ['Russian Foreign Ministry spokeswoman Maria Zakharova said the proposal was “a provocation designed to derail the talks.”', 'provocation', 'Maria Zakharova'],
    ['“Nothing has been decided yet,” Sybiha, who met Marco Rubio on Friday, said.', 'Nothing has been', 'Sybiha'],
    ['“The war must end this year,” said Ukrainian Foreign Minister Andrii Sybiha.', 'end this year', 'Andrii Sybiha'],
    ['Asked whether Moscow would attend, Peskov said: “We will decide in due course.”', 'due course', 'Peskov'],
    ['The Kremlin said on Monday it was “open to any format of talks.”', 'any format', 'Kremlin'],
    ['Kyiv has repeatedly said it will “never recognise occupied territories as Russian.”', 'never recognise', 'Kyiv'],
    ['Lavrov accused the West of “sabotaging every attempt at dialogue.”', 'sabotaging', 'Lavrov'],
    ['Ukraine’s defence intelligence agency, known as HUR, said that “Russia is preparing a new offensive.”', 'new offensive', 'Ukraine’s defence intelligence agency'],
    ['Putin’s spokesman said the Kremlin “does not see any grounds for optimism.”', 'optimism', 'Putin’s spokesman'],
    ['“We are ready,” Peskov said, “but Kyiv must show goodwill.”', 'goodwill', 'Peskov'],
    ['European Commission President Ursula von der Leyen said Europe “will not abandon Ukraine.”', 'abandon', 'Ursula von der Leyen'],
    ['Ukraine’s foreign ministry said the attack was “a cynical response to peace efforts.”', 'cynical', 'Ukraine’s foreign ministry'],
    ['Critics say the plan amounts to “a capitulation dressed up as peace”.', 'capitulation', 'Critics'],
    ['Dmitry Peskov, the Kremlin spokesman, said: “We will not comment on this.”', 'not comment', 'Dmitry Peskov'],
    ['“We will not trade land for peace,” Kuleba, Ukraine’s foreign minister, told the BBC.', 'trade land', 'Kuleba'],
    ['“We will not trade land for peace,” said Dmytro Kuleba, Ukraine’s foreign minister.', 'trade land', 'Dmytro Kuleba'],
    ['Peskov was quoted by TASS as saying “the door to negotiations remains open.”', 'door to', 'Peskov'],
    ['Peskov: “We are ready to talk at any level.”', 'any level', 'Peskov'],
    ['“The talks are off for now,” the sources said.', 'off for now', 'sources'],
    ['“Moscow is not serious,” Kyiv Independent reported, citing a source in the presidential office.', 'not serious', 'Kyiv Independent'],
  ])('%s', (paragraph, snippet, speaker) => {
    expect(speakerOf([paragraph], snippet)).toBe(speaker);
  });

  it('never takes a name inside a prepositional phrase for the speaker ("a minister to X")', () => {
    expect(speakerOf(['A longtime adviser to Viktor Orban has said that Hungary “will veto any new sanctions package.”'], 'veto')).toBe('A longtime adviser to Viktor Orban'.replace(/^A/, 'a'));
  });

  it('uses the fullest name the article gives for a later surname and reports the short name as an alias', () => {
    const q = find(extractQuotes(['Russian Foreign Minister Sergei Lavrov met his counterpart.', '“The West is not listening,” Lavrov said.']), 'not listening');
    expect(q.speaker).toBe('Sergei Lavrov');
    expect(q.speakerAliases).toContain('Lavrov');
  });
});

describe('pronouns and role phrases resolve to the person they refer to', () => {
  it.each([
    [['Ukrainian Foreign Minister Andrii Sybiha spoke after the meeting.', 'He said: “Russia must stop its attacks first.”'], 'must stop', 'Andrii Sybiha'],
    [['Kremlin spokesman Dmitry Peskov spoke to journalists on Tuesday.', 'The press secretary added: "Moscow is open to contacts."'], 'open to contacts', 'Dmitry Peskov'],
    [['Russian President Vladimir Putin met his Belarusian counterpart on Monday.', '"The operation will continue," the Russian leader stressed.'], 'will continue', 'Vladimir Putin'],
    [['Turkish President Recep Tayyip Erdogan hosted the delegations.', 'The Turkish president warned that the region “cannot afford another year of war.”'], 'cannot afford', 'Recep Tayyip Erdogan'],
    [['Pope Leo said the Vatican was willing to host the talks.', 'He called for “a just and lasting peace”.'], 'lasting peace', 'Leo'],
    [['Marc Weller, a former UN mediation expert, spoke to the BBC.', '“Both sides are exhausted,” the expert said.'], 'exhausted', 'Marc Weller'],
    [['Vladimir Medinsky, an aide to President Vladimir Putin, led the delegation.', '“We are ready for a long war,” the presidential aide warned.'], 'long war', 'Vladimir Medinsky'],
    [['Polish Prime Minister Donald Tusk met Ukrainian President Volodymyr Zelensky in Warsaw.', 'Tusk said Poland would keep its border open.', '"We stand with Ukraine," he added.'], 'We stand', 'Donald Tusk'],
    // A pronoun opening a clause joined by ", and" / ", but" refers to the first clause's subject, not further back.
    [['Turkish President Recep Tayyip Erdogan hosted the delegations in Istanbul.', 'Kremlin aide Yuri Ushakov said the sides would meet again, and he urged Kyiv to accept the memorandum.'], 'urged Kyiv', 'Yuri Ushakov'],
    [['Foreign Minister Sergei Lavrov spoke first.', 'Rustem Umerov did not answer questions about the draft, but he said that the prisoner exchange would go ahead.'], 'prisoner exchange', 'Rustem Umerov'],
    // After ", and" a name opens a clause of its own: it is the subject, not the object of the clause before.
    [['The talks in Istanbul ended after two hours, and Umerov said: “We will keep talking.”'], 'keep talking', 'Umerov'],
  ])('%j', (paragraphs, snippet, speaker) => {
    expect(speakerOf(paragraphs, snippet)).toBe(speaker);
  });

  it('does not take a name in an introductory phrase for the speaker', () => {
    const quotes = extractQuotes([
      'Russian President Vladimir Putin hosted Turkish President Recep Tayyip Erdogan on Friday.',
      'After meeting Erdogan, the Russian president said the talks had been “frank and useful”.',
    ]);
    expect(find(quotes, 'frank').speaker).toBe('Vladimir Putin');
  });

  it('prefers the role with the right country over the nearest person', () => {
    const quotes = extractQuotes([
      'Russian President Vladimir Putin spoke by phone with US President Donald Trump.',
      'The American president later said the call was “very productive”.',
    ]);
    expect(find(quotes, 'productive').speaker).toBe('Donald Trump');
  });

  it('gives each of two quotes in one sentence to its own speaker', () => {
    const quotes = extractQuotes(['Peskov said the talks were “useful and constructive”, while Zelensky called them “a waste of time for everyone”.']);
    expect(find(quotes, 'useful').speaker).toBe('Peskov');
    expect(find(quotes, 'waste of time').speaker).toBe('Zelensky');
  });

  it('continues the speaker of reported speech into a quote standing alone in the next paragraph', () => {
    const quotes = extractQuotes(['Peskov told reporters the talks were useful.', '“We are satisfied with the results so far.”']);
    expect(find(quotes, 'talks were useful')).toMatchObject({ kind: 'indirect', speaker: 'Peskov' });
    expect(find(quotes, 'satisfied').speaker).toBe('Peskov');
  });

  it('takes the speaker of a lead-in that ends with a colon for the next paragraph', () => {
    const quotes = extractQuotes(['Speaking at a press conference, Dmitry Peskov said:', '“We are ready to continue the talks in Istanbul.”']);
    expect(quotes).toHaveLength(1);
    expect(quotes[0]).toMatchObject({ paragraph: 2, speaker: 'Dmitry Peskov', kind: 'direct' });
  });

  it('follows "she" through reported speech to a later quote', () => {
    const quotes = extractQuotes([
      'Yulia Svyrydenko, Ukraine’s prime minister, said: “We need sanctions that bite.”',
      'She added that the EU must act quickly.',
      '“Every week of delay costs lives,” she said.',
    ]);
    expect(quotes.map((q) => q.speaker)).toEqual(['Yulia Svyrydenko', 'Yulia Svyrydenko', 'Yulia Svyrydenko']);
    expect(quotes.map((q) => q.kind)).toEqual(['direct', 'indirect', 'direct']);
  });

  it('leaves a pronoun with nobody to refer to unattributed instead of naming "he"', () => {
    const [q] = extractQuotes(['"We want peace," he said.']);
    expect(q.speaker).toBeNull();
  });

  it('resolves "they" to the group mentioned before', () => {
    expect(speakerOf(['Speaking to officials in Brussels, they said the package would pass to “keep the pressure on Moscow”.'], 'pressure')).toBe('officials in Brussels');
  });
});

describe('dash quotes', () => {
  it('reads a dash-led quote with the attribution after a closing dash', () => {
    const quotes = extractQuotes(['The sources described the mood in Moscow. – Nobody expects a quick deal, everyone is tired – said one of the officials.']);
    const q = find(quotes, 'Nobody expects');
    expect(q.text).toBe('Nobody expects a quick deal, everyone is tired');
    expect(q.marks).toBe('dash');
    expect(q.speaker).toBe('one of the officials');
  });

  it('reads a paragraph opening with a dash whose attribution follows a quote', () => {
    const quotes = extractQuotes(['Russian Defence Minister Andrei Belousov visited the front.', '-We will hold the line. “We never retreat,” the minister said at the briefing.']);
    expect(find(quotes, 'hold the line').marks).toBe('dash');
    expect(find(quotes, 'hold the line').speaker).toBe('Andrei Belousov');
    expect(find(quotes, 'never retreat').speaker).toBe('Andrei Belousov');
  });

  it('reads "– quote, – Name said"', () => {
    const q = find(extractQuotes(['– We are not going to withdraw our troops, – Russian Defence Minister Andrei Belousov said.']), 'withdraw');
    expect(q.speaker).toBe('Andrei Belousov');
    expect(q.kind).toBe('direct');
  });

  it('does not read a parenthetical dash as speech', () => {
    expect(extractQuotes(['The talks – the first in three years – ended without a statement.'])).toEqual([]);
  });
});

describe('kinds', () => {
  it('marks a quoted phrase inside reported speech as partial', () => {
    const q = find(extractQuotes(['Finnish President Alexander Stubb said Moscow had “no intention of stopping the war”.']), 'no intention');
    expect(q.kind).toBe('partial');
    expect(q.speaker).toBe('Alexander Stubb');
  });

  it('keeps reported speech without marks as indirect, with the reported clause as text', () => {
    const [q] = extractQuotes(['Sergei Lavrov said that Moscow will not consider any proposal that ignores the realities on the ground.']);
    expect(q).toMatchObject({ kind: 'indirect', marks: 'none', speaker: 'Sergei Lavrov', text: 'Moscow will not consider any proposal that ignores the realities on the ground' });
    const [r] = extractQuotes(['The talks were postponed until next week, the Swiss foreign ministry said.']);
    expect(r).toMatchObject({ kind: 'indirect', speaker: 'Swiss foreign ministry', text: 'The talks were postponed until next week' });
  });

  it('ranks a quoted noun phrase inside the reporter’s sentence as partial', () => {
    const q = find(extractQuotes(['A US State Department spokesman stressed that any deal must respect “Ukraine’s territorial integrity within its borders”.']), 'territorial');
    expect(q.kind).toBe('partial');
    expect(q.speaker).toBe('a US State Department spokesman');
  });

  it('ranks a full sentence introduced by a reporting clause as direct', () => {
    expect(find(extractQuotes(['Keir Starmer said: “We will keep supporting Ukraine.”']), 'keep supporting').kind).toBe('direct');
  });
});

describe('a capital at a sentence start is not a name', () => {
  it('takes no speaker from a common word the article writes in lower case elsewhere', () => {
    const quotes = extractQuotes([
      'Ceasefire said the talks in Istanbul would go on. Nobody could say when the ceasefire would start.',
      'Liberal “Europe is disintegrating,” the leaflet read.',
      'The party called itself liberal. Rutte said: “We will keep talking.”',
    ]);
    expect(quotes.map((q) => q.speaker)).not.toContain('Ceasefire');
    expect(quotes.map((q) => q.speaker)).not.toContain('Liberal');
    expect(find(quotes, 'keep talking').speaker).toBe('Rutte');
  });

  it('still takes a name that opens a sentence when the article never writes it in lower case', () => {
    const quotes = extractQuotes(['Medinsky said the sides agreed to exchange prisoners. The talks lasted two hours.']);
    expect(quotes.map((q) => q.speaker)).toEqual(['Medinsky']);
  });

  it('keeps a name the article also capitalises mid-sentence, though a word like it is written in lower case', () => {
    const quotes = extractQuotes([
      'The envoy met Susan Rice on Monday, as rice prices rose.',
      'Rice said the corridor would open once the shelling had stopped.',
    ]);
    expect(quotes.map((q) => q.speaker)).toEqual(['Susan Rice']);
  });
});

describe('text that is not speech', () => {
  it.each([
    ['The Ukrainian army said 1,200 Russian “occupiers” were killed this week.'],
    ['The novel “War and Peace” was quoted in the speech.'],
    ['Ukraine’s President Volodymyr Zelenskyy said the so-called “peace plan” was unacceptable.'],
    ['Moscow wants to keep the current “dynamics” on the battlefield.'],
    ['Read also: “Five things to know about the Istanbul talks”'],
  ])('%s', (paragraph) => {
    expect(extractQuotes([paragraph]).filter((q) => q.kind !== 'indirect')).toEqual([]);
  });
});

describe('bad input', () => {
  it('handles empty, blank and missing paragraphs', () => {
    expect(extractQuotes([])).toEqual([]);
    expect(extractQuotes(['', '   ', '\n'])).toEqual([]);
    expect(extractQuotes(['“', '”', '" "', '«»'])).toEqual([]);
  });

  it('survives unbalanced marks and keeps every text inside its paragraph', () => {
    const paragraphs = ['He said “yes and “no” and ” then', '”””“““ """', '“Unclosed quote by Dmitry Peskov', 'Closed only”, said Peskov.'];
    for (const q of extractQuotes(paragraphs)) {
      expect(paragraphs[q.paragraph - 1].includes(q.text)).toBe(true);
      expect(q.text.length).toBeGreaterThan(0);
    }
  });

  it('processes a 1 MB paragraph and thousands of quote marks', () => {
    const sentence = 'Kremlin spokesman Dmitry Peskov said, “We are ready to talk about peace,” adding that the West must listen. ';
    const big = sentence.repeat(Math.ceil(1_000_000 / sentence.length));
    const quotes = extractQuotes([big, '“'.repeat(5000) + '”'.repeat(5000), '"a" '.repeat(20000), 'x'.repeat(1_000_000)]);
    const fromBig = quotes.filter((q) => q.paragraph === 1);
    expect(fromBig.length).toBeGreaterThan(1000);
    expect(fromBig.every((q) => q.speaker === 'Dmitry Peskov')).toBe(true);
  });

  it('resolves thousands of pronouns in one huge paragraph, each to the person named before them', () => {
    const sentence = 'The talks ended without a deal in the city. “We tried,” he said. ';
    const quotes = extractQuotes(['Dmitry Peskov arrived. ' + sentence.repeat(8000), 'Officials met in Geneva. '.repeat(20000) + '“We tried,” she said. '.repeat(2000)]);
    const first = quotes.filter((q) => q.paragraph === 1);
    expect(first).toHaveLength(8000);
    expect(first.every((q) => q.speaker === 'Dmitry Peskov')).toBe(true);
    // Nobody fitting "she" anywhere near: unattributed, never "she".
    expect(quotes.filter((q) => q.paragraph === 2).every((q) => q.speaker === null)).toBe(true);
  });

  it('survives binary junk', () => {
    let seed = 7;
    const junk = Array.from({ length: 50_000 }, () => String.fromCharCode((seed = (seed * 48271) % 2147483647) % 0xffff)).join('');
    const quotes = extractQuotes([junk, junk.replace(/[\ud800-\udfff]/g, '')]);
    for (const q of quotes) expect([junk, junk.replace(/[\ud800-\udfff]/g, '')][q.paragraph - 1].includes(q.text)).toBe(true);
  });
});

describe('a whole made-up wire story', () => {
  const story = [
    'ISTANBUL, June 2 (Reuters) - Russian and Ukrainian negotiators met in Istanbul on Monday for a second round of direct peace talks.',
    "Ukrainian Defence Minister Rustem Umerov, who led Kyiv's delegation, said Ukraine had handed over a list of children it wants returned.",
    '"We proposed the next meeting to be held before the end of June," Umerov told reporters after the talks. "Russia must show it is serious."',
    'Vladimir Medinsky, an aide to President Vladimir Putin who headed the Russian delegation, said Moscow had proposed a short ceasefire in certain areas of the front.',
    '"We have proposed a specific ceasefire for two to three days in certain areas," Medinsky said.',
    'Kremlin spokesman Dmitry Peskov said it would be wrong to expect any immediate breakthroughs.',
    '"It would be wrong to expect immediate decisions," the Kremlin spokesman told reporters.',
    'Ukrainian President Volodymyr Zelenskiy called the Russian memorandum an "ultimatum".',
    '"They want us to give up," the president said in his nightly video address. "We will not."',
    'U.S. Secretary of State Marco Rubio told CBS News that Washington "will judge Russia by its actions, not its words."',
  ];
  const quotes = extractQuotes(story, { title: '“Russia must show it is serious”: Umerov after Istanbul talks' });

  it('attributes every quotation to the right person', () => {
    const who = (snippet: string) => find(quotes.filter((q) => q.paragraph > 0), snippet).speaker;
    expect(who('next meeting')).toBe('Rustem Umerov');
    expect(who('Russia must show')).toBe('Rustem Umerov');
    expect(who('specific ceasefire')).toBe('Vladimir Medinsky');
    expect(who('immediate decisions')).toBe('Dmitry Peskov');
    expect(who('give up')).toBe('Volodymyr Zelenskiy');
    expect(who('We will not')).toBe('Volodymyr Zelenskiy');
    expect(who('judge Russia')).toBe('Marco Rubio');
    expect(who('short ceasefire')).toBe('Vladimir Medinsky');
  });

  it('names a speaker the headline alone names', () => {
    const [q] = extractQuotes(['The talks ended without a deal.'], { title: 'Donald Trump: “Putin wants peace, I think”' });
    expect(q).toMatchObject({ paragraph: 0, text: 'Putin wants peace, I think', speaker: 'Donald Trump' });
  });

  it('reads the headline quote as paragraph 0', () => {
    const q = quotes.find((x) => x.paragraph === 0);
    expect(q).toMatchObject({ text: 'Russia must show it is serious', speaker: 'Rustem Umerov' });
  });

  it('keeps a one-word quote that completes a speech act as partial ("called … an “ultimatum”")', () => {
    expect(find(quotes, 'ultimatum')).toMatchObject({ text: 'ultimatum', kind: 'partial', speaker: 'Volodymyr Zelenskiy' });
  });
});

describe('a made-up machine-translated story', () => {
  const story = [
    'President of Ukraine Volodymyr Zelensky stated this during a press conference in Kyiv, reports Ukrinform.',
    '"We are going to Istanbul. It is a chance. But we are not naive," – said the head of state.',
    'According to him, Ukraine is ready for a complete ceasefire for 30 days.',
    '– We have shown that we want peace. The ball is on the Russian side, – Zelensky emphasized.',
    'Earlier, the spokesman of the Ministry of Foreign Affairs of Ukraine Heorhii Tykhyi said that the Ukrainian delegation is formed.',
    '"The composition of the delegation will be announced later," Tykhyi said.',
  ];
  const quotes = extractQuotes(story);

  it('attributes dash quotes, role phrases and "according to him"', () => {
    expect(find(quotes, 'not naive').speaker).toBe('Volodymyr Zelensky');
    expect(find(quotes, 'complete ceasefire')).toMatchObject({ kind: 'indirect', speaker: 'Volodymyr Zelensky' });
    expect(find(quotes, 'ball is on')).toMatchObject({ marks: 'dash', speaker: 'Volodymyr Zelensky' });
    expect(find(quotes, 'composition').speaker).toBe('Heorhii Tykhyi');
  });

  it('does not make a quote of a sentence that only names its source', () => {
    expect(quotes.some((q) => q.text.includes('press conference'))).toBe(false);
  });
});

// Made-up paragraphs in the style of wire copy (Reuters/AP/BBC/Kyiv Independent/Meduza), none from the seeds.
// Each lists every quotation the extractor must return for it: speaker, kind and exact text, nothing more.
const WIRE_CASES: Array<[string, string[], Array<[string | null, QuoteKind, string]>]> = [
  ['pronoun after a person newly named in an earlier paragraph', [
    '“We are ready to sign,” Zelensky said on Monday.',
    'Hungarian Prime Minister Viktor Orban, a long-time critic of military aid to Kyiv, arrived in Moscow on Friday.',
    '“Peace will not come from the battlefield,” he said after meeting Putin.',
  ], [['Zelensky', 'direct', 'We are ready to sign,'], ['Viktor Orban', 'direct', 'Peace will not come from the battlefield,']]],
  ['pronoun after a person newly named in the same paragraph', [
    '“Our doors stay open,” Sybiha said.',
    'NATO Secretary General Mark Rutte arrived in Kyiv on Tuesday. “Ukraine’s future is in NATO,” he told a news conference.',
  ], [['Sybiha', 'direct', 'Our doors stay open,'], ['Mark Rutte', 'direct', 'Ukraine’s future is in NATO,']]],
  ['pronoun skips a named object for the subject', [
    'Kremlin aide Yuri Ushakov met Steve Witkoff for five hours. “The conversation was useful,” he told state television.',
  ], [['Yuri Ushakov', 'direct', 'The conversation was useful,']]],
  ['a quote before its speaker, named in the next sentence', [
    '“Russia is not interested in peace.” Estonian Prime Minister Kristen Michal made the remark after talks in Tallinn on Thursday.',
  ], [['Kristen Michal', 'direct', 'Russia is not interested in peace.']]],
  ['a quote before its speaker, who wrote it in the next sentence', [
    '“There will be no concessions on Crimea.” Presidential adviser Mykhailo Podolyak wrote this on X on Sunday.',
  ], [['Mykhailo Podolyak', 'direct', 'There will be no concessions on Crimea.']]],
  ['"said in a statement" with a partial quote', [
    'Ukraine’s foreign ministry said in a statement that the strike on Odesa “once again shows Moscow’s true intentions”.',
  ], [['Ukraine’s foreign ministry', 'partial', 'once again shows Moscow’s true intentions']]],
  ['"said in a statement" after the quote', [
    '“The aggressor must be stopped before it is too late,” the Polish government said in a statement.',
  ], [['Polish government', 'direct', 'The aggressor must be stopped before it is too late,']]],
  ['"said in his nightly video address"', [
    '“Every day without a ceasefire is a choice Moscow makes,” Zelenskyy said in his nightly video address.',
  ], [['Zelenskyy', 'direct', 'Every day without a ceasefire is a choice Moscow makes,']]],
  ['"told the BBC" after an apposition', [
    '“We need more air defence, and we need it now,” Valerii Zaluzhnyi, Ukraine’s ambassador to the UK, told the BBC.',
  ], [['Valerii Zaluzhnyi', 'direct', 'We need more air defence, and we need it now,']]],
  ['"wrote on X that" with a partial quote', [
    'EU foreign policy chief Kaja Kallas wrote on X that Russia “is not serious about peace”.',
  ], [['Kaja Kallas', 'partial', 'is not serious about peace']]],
  ['"wrote on Telegram:" with a long title', [
    'Dmitry Medvedev, deputy chairman of Russia’s Security Council, wrote on Telegram: “Europe is playing with fire.”',
  ], [['Dmitry Medvedev', 'direct', 'Europe is playing with fire.']]],
  ['"in an interview with" before the speaker', [
    'In an interview with the Financial Times, Finnish President Alexander Stubb said the coming weeks would be “decisive for Europe”.',
  ], [['Alexander Stubb', 'indirect', 'the coming weeks would be “decisive for Europe”'], ['Alexander Stubb', 'partial', 'decisive for Europe']]],
  ['"in an interview with" after the quote', [
    '“We are not there yet,” Stubb said in an interview with Le Monde published on Sunday.',
  ], [['Stubb', 'direct', 'We are not there yet,']]],
  ['a long apposition with a relative clause', [
    'Kyrylo Budanov, the head of Ukraine’s military intelligence agency, who has overseen several prisoner swaps with Russia since 2022, said: “The next exchange is being prepared.”',
  ], [['Kyrylo Budanov', 'direct', 'The next exchange is being prepared.']]],
  ['a long apposition before "told reporters that"', [
    'Andriy Yermak, the head of the Ukrainian presidential office and one of Zelensky’s closest aides, told reporters that “no one will negotiate behind Ukraine’s back”.',
  ], [['Andriy Yermak', 'partial', 'no one will negotiate behind Ukraine’s back']]],
  ['two speakers in one paragraph', [
    '“We want a just peace,” Emmanuel Macron said. “So do we, but not at any price,” Giorgia Meloni replied.',
  ], [['Emmanuel Macron', 'direct', 'We want a just peace,'], ['Giorgia Meloni', 'direct', 'So do we, but not at any price,']]],
  ['two speakers with one-word quotes in one sentence', [
    'Rubio said the talks were “productive”, but Lavrov called them “premature”.',
  ], [['Rubio', 'partial', 'productive'], ['Lavrov', 'partial', 'premature']]],
  ['a question in quotes', [
    '“Who will guarantee that Russia does not attack again?” Zelensky asked.',
  ], [['Zelensky', 'direct', 'Who will guarantee that Russia does not attack again?']]],
  ['a question after "replied:"', [
    'Asked whether Moscow would accept European troops in Ukraine, Peskov replied: “Why should we?”',
  ], [['Peskov', 'direct', 'Why should we?']]],
  ['ellipses inside a quote', [
    '“We are ready ... to meet at any level,” Peskov said. “We will continue… we have no other choice,” Ukrainian commander Oleksandr Syrskyi said.',
  ], [['Peskov', 'direct', 'We are ready ... to meet at any level,'], ['Oleksandr Syrskyi', 'direct', 'We will continue… we have no other choice,']]],
  ['brackets inside a quote', [
    '“They [the Russians] are not interested in a ceasefire,” a senior EU official told reporters in Brussels.',
  ], [['a senior EU official', 'direct', 'They [the Russians] are not interested in a ceasefire,']]],
  ['an official body as speaker', [
    '“Air defence destroyed 48 of 52 drones overnight,” Russia’s defence ministry said.',
  ], [['Russia’s defence ministry', 'direct', 'Air defence destroyed 48 of 52 drones overnight,']]],
  ['"the ministry said" refers back to the ministry named before', [
    'Ukraine’s foreign ministry summoned the Hungarian ambassador on Tuesday.',
    '“Such statements are unacceptable,” the ministry said.',
  ], [['Ukraine’s foreign ministry', 'direct', 'Such statements are unacceptable,']]],
  ['Moscow as speaker of reported speech', [
    'Moscow has said it will not accept European peacekeepers in Ukraine under any circumstances.',
  ], [['Moscow', 'indirect', 'it will not accept European peacekeepers in Ukraine under any circumstances']]],
  ['the Kremlin, Washington and Kyiv as speakers', [
    '“This is an unfriendly step,” the Kremlin said.',
    'Washington said it was “reviewing all options”.',
    'Kyiv called the proposal “absurd”.',
  ], [['Kremlin', 'direct', 'This is an unfriendly step,'], ['Washington', 'partial', 'reviewing all options'], ['Kyiv', 'indirect', 'called the proposal “absurd”'], ['Kyiv', 'partial', 'absurd']]],
  ['"she" after a man spoke last', [
    'Ukraine’s Deputy Prime Minister Olha Stefanishyna met EU officials in Brussels on Monday.',
    'Kremlin spokesman Dmitry Peskov said on Monday that the talks were premature.',
    '“We expect the first cluster to open this year,” she said.',
  ], [['Dmitry Peskov', 'indirect', 'the talks were premature'], ['Olha Stefanishyna', 'direct', 'We expect the first cluster to open this year,']]],
  ['"She added:" continues a woman speaker', [
    'Russian Foreign Ministry spokeswoman Maria Zakharova told reporters that “the West has chosen escalation”. She added: “Europe will pay the price.”',
  ], [['Maria Zakharova', 'partial', 'the West has chosen escalation'], ['Maria Zakharova', 'direct', 'Europe will pay the price.']]],
  ['"the Ukrainian president" after Zelensky was named', [
    'Volodymyr Zelensky met Donald Trump at the White House on Friday.',
    'The talks lasted more than two hours, officials said.',
    '“We had a frank conversation,” the Ukrainian president said afterwards.',
  ], [['officials', 'indirect', 'The talks lasted more than two hours'], ['Volodymyr Zelensky', 'direct', 'We had a frank conversation,']]],
  ['reported speech cut at the sentence end, not at a relative "that"', [
    'Turkish Foreign Minister Hakan Fidan told reporters on Friday that Ankara was ready to host a meeting that would bring both leaders together.',
  ], [['Hakan Fidan', 'indirect', 'Ankara was ready to host a meeting that would bring both leaders together']]],
  ['reported speech after "warned that"', [
    'Lithuanian President Gitanas Nauseda warned that Russia could test NATO’s resolve within two years.',
  ], [['Gitanas Nauseda', 'indirect', 'Russia could test NATO’s resolve within two years']]],
  ['reported speech before ", X said."', [
    'Moscow would not consider any truce that allowed Kyiv to rearm, Lavrov said.',
  ], [['Lavrov', 'indirect', 'Moscow would not consider any truce that allowed Kyiv to rearm']]],
  ['a one-word quote after "described it as"', [
    'German Chancellor Friedrich Merz described the Russian offer as “insufficient”.',
  ], [['Friedrich Merz', 'indirect', 'described the Russian offer as “insufficient”'], ['Friedrich Merz', 'partial', 'insufficient']]],
  ['title of a book, a film and a military operation are not speech', [
    'In his book “The Road to Unfreedom”, historian Timothy Snyder argued that Russia had long prepared the war.',
    'The documentary “20 Days in Mariupol” was screened at the European Parliament on Tuesday.',
    'Ukraine’s SBU security service said “Operation Spiderweb” had taken 18 months to prepare.',
  ], [['Timothy Snyder', 'indirect', 'Russia had long prepared the war'], ['Ukraine’s SBU security service', 'indirect', '“Operation Spiderweb” had taken 18 months to prepare']]],
  ['a nickname is not speech', [
    'Yevgeny Prigozhin, known as “Putin’s chef”, said his fighters would leave Bakhmut.',
  ], [['Yevgeny Prigozhin', 'indirect', 'his fighters would leave Bakhmut']]],
  ['a wire dateline is not part of reported speech', [
    'KYIV, Nov 3 (Reuters) - Ukraine and Russia exchanged 300 prisoners of war on Monday, the first swap in two months, officials from both sides said.',
  ], [['officials', 'indirect', 'Ukraine and Russia exchanged 300 prisoners of war on Monday, the first swap in two months']]],
  ['an apposition with a role outside the lexicon, then "he"', [
    'Dmytro Lubinets, Ukraine’s human rights commissioner, said more than 8,000 Ukrainians remained in Russian captivity. “We will bring every one of them back,” he said.',
  ], [['Dmytro Lubinets', 'indirect', 'more than 8,000 Ukrainians remained in Russian captivity'], ['Dmytro Lubinets', 'direct', 'We will bring every one of them back,']]],
  ['"told TASS that" after an apposition, then "she"', [
    'Tatiana Moskalkova, Russia’s human rights ombudswoman, told TASS that Moscow had handed Kyiv a new list. “The ball is now in Ukraine’s court,” she said.',
  ], [['Tatiana Moskalkova', 'indirect', 'Moscow had handed Kyiv a new list'], ['Tatiana Moskalkova', 'direct', 'The ball is now in Ukraine’s court,']]],
  ['a participle reports for the subject of its clause', [
    'Russia’s defence ministry confirmed the swap in a statement, saying the returned servicemen would receive medical care in Belarus.',
  ], [['Russia’s defence ministry', 'indirect', 'confirmed the swap in a statement'], ['Russia’s defence ministry', 'indirect', 'the returned servicemen would receive medical care in Belarus']]],
  ['"She said" after a woman named with her title, reporting on a man', [
    'White House press secretary Karoline Leavitt said President Donald Trump welcomed the exchange. She said Trump “wants the killing to stop”.',
  ], [['Karoline Leavitt', 'indirect', 'President Donald Trump welcomed the exchange'], ['Karoline Leavitt', 'partial', 'wants the killing to stop']]],
  ['"she" skips a man who spoke in between; "Von der Leyen" at a sentence start is Ursula von der Leyen', [
    'European Commission President Ursula von der Leyen announced a new 90-billion-euro loan for Ukraine on Thursday.',
    '“Ukraine’s fight is Europe’s fight,” she told the European Parliament in Strasbourg.',
    'Hungarian Prime Minister Viktor Orban immediately criticised the plan. “This money will be wasted,” he wrote on Facebook.',
    'Von der Leyen dismissed the criticism. Orban’s government has blocked several aid packages in the past.',
    '“We will find a way with or without Budapest,” she said.',
    'Putin’s foreign policy aide Yuri Ushakov said Moscow had “noted” the decision.',
  ], [
    ['Ursula von der Leyen', 'indirect', 'announced a new 90-billion-euro loan for Ukraine on Thursday'],
    ['Ursula von der Leyen', 'direct', 'Ukraine’s fight is Europe’s fight,'],
    ['Viktor Orban', 'direct', 'This money will be wasted,'],
    ['Ursula von der Leyen', 'direct', 'We will find a way with or without Budapest,'],
    ['Yuri Ushakov', 'indirect', 'Moscow had “noted” the decision'],
    ['Yuri Ushakov', 'partial', 'noted'],
  ]],
  ['"adding that" belongs to the short "X said" clause before it, not the first name of the sentence', [
    'Zelensky met Trump in Rome, officials said, adding that “the talks were good and useful”.',
  ], [['officials', 'indirect', 'Zelensky met Trump in Rome'], ['officials', 'partial', 'the talks were good and useful']]],
  ['"said on Saturday it would …": a clause after a time adverbial, its source tail left out', [
    'The Kremlin said on Saturday it would study the US proposal, according to Interfax.',
    'Peskov said at the briefing he had nothing to add.',
  ], [['Kremlin', 'indirect', 'it would study the US proposal'], ['Peskov', 'indirect', 'he had nothing to add']]],
  ['scare quotes without attribution are not speech', [
    'Residents of Kherson have grown used to the nightly “visits” from Russian drones.',
    'Moscow has sent thousands of so-called “volunteers” to the front.',
    'The “peace” on offer looks like surrender to many in Kyiv.',
  ], []],
];

describe('wire-copy patterns: every quotation with its speaker, kind and exact text', () => {
  it.each(WIRE_CASES)('%s', (_name, paragraphs, expected) => {
    const got = extractQuotes(paragraphs).map((q) => [q.speaker, q.kind, q.text]);
    expect(got).toHaveLength(expected.length);
    for (const e of expected) expect(got).toContainEqual(e);
  });
});

describe('a made-up article read in order', () => {
  const article = [
    'Ukraine\'s foreign minister Andrii Sybiha said on Friday that Kyiv was ready for "a full and unconditional ceasefire" if Moscow agreed.',
    '"We will not trade territory for peace," Sybiha told reporters in Brussels. "Our position is clear."',
    'Kremlin spokesman Dmitry Peskov dismissed the proposal. "This is not serious," he said.',
    'Russian Foreign Minister Sergei Lavrov said Moscow would not consider any truce that allowed Kyiv to rearm.',
    'According to the Financial Times, European officials are drafting a new sanctions package.',
    'US envoy Steve Witkoff, who met Putin in St Petersburg last week, said the talks were "constructive".',
    '“There is no military solution,” the German chancellor Friedrich Merz said, adding that Europe “must stand firm”.',
    'The chancellor later stressed: “Peace cannot be dictated from Moscow.”',
    'President Zelenskyy wrote on Telegram that the attack showed Russia "does not want peace".',
  ];

  it('resolves "he" to the person just named, keeps whole reported clauses and one-word partial quotes', () => {
    expect(extractQuotes(article).map((q) => [q.paragraph, q.kind, q.speaker, q.text])).toEqual([
      // a reported clause is a row of its own, and so is the phrase quoted inside it
      [1, 'indirect', 'Andrii Sybiha', 'Kyiv was ready for "a full and unconditional ceasefire" if Moscow agreed'],
      [1, 'partial', 'Andrii Sybiha', 'a full and unconditional ceasefire'],
      [2, 'direct', 'Andrii Sybiha', 'We will not trade territory for peace,'],
      [2, 'direct', 'Andrii Sybiha', 'Our position is clear.'],
      [3, 'direct', 'Dmitry Peskov', 'This is not serious,'],
      [4, 'indirect', 'Sergei Lavrov', 'Moscow would not consider any truce that allowed Kyiv to rearm'],
      [5, 'indirect', 'Financial Times', 'European officials are drafting a new sanctions package'],
      [6, 'indirect', 'Steve Witkoff', 'the talks were "constructive"'],
      [6, 'partial', 'Steve Witkoff', 'constructive'],
      [7, 'direct', 'Friedrich Merz', 'There is no military solution,'],
      [7, 'partial', 'Friedrich Merz', 'must stand firm'],
      [8, 'direct', 'Friedrich Merz', 'Peace cannot be dictated from Moscow.'],
      [9, 'indirect', 'Zelenskyy', 'the attack showed Russia "does not want peace"'],
      [9, 'partial', 'Zelenskyy', 'does not want peace'],
    ]);
  });
});

// Layouts and attributions measured on real news (each rule general, each sentence made up here).
describe('attribution rules measured on real news', () => {
  const one = (paragraphs: string[], snippet: string): ExtractedQuote => find(extractQuotes(paragraphs), snippet);

  it("reads two apostrophes ('') as quote marks, as some newspapers print them", () => {
    const q = one(["''We will keep talking,'' said Jane Roe, a union leader. ''Nothing is settled.''"], 'keep talking');
    expect(q).toMatchObject({ text: 'We will keep talking,', speaker: 'Jane Roe', marks: 'quotes', rule: 'after-close-said-X' });
    expect(one(["''We will keep talking,'' said Jane Roe, a union leader. ''Nothing is settled.''"], 'Nothing is settled').speaker).toBe('Jane Roe');
  });

  it('reads past titles, honorifics and modifiers after "said"', () => {
    expect(one(['“The vote was close,” said former Ohio congressman John Doe.'], 'vote was close').speaker).toBe('John Doe');
    expect(one(['Mark Brown owns the farm.', '“There is always resistance,” said Mr. Brown, who bought it ten years ago.'], 'resistance').speaker).toBe('Mark Brown');
    expect(one(['“It is a start,” said undecided voter Mary Poe of Derry, before the rally.'], 'a start').speaker).toBe('Mary Poe');
  });

  it('takes the name before an apposition or a party tag and its verb', () => {
    expect(one(['“Turnout was the story,” Jane Roe, director of research at a polling firm, said at the time.'], 'Turnout').speaker).toBe('Jane Roe');
    expect(one(['“It is a dog whistle,” Sen. Jane Roe (R-Utah) said.'], 'dog whistle').speaker).toBe('Jane Roe');
    expect(one(['“He is right,” Flynn, a top Smith surrogate, said on Thursday.'], 'He is right').speaker).toBe('Flynn');
  });

  it('finds an attribution later in the quote’s sentence', () => {
    const q = one(['“We are extremely happy” about the decision, said Mary Poe, the director of a nurses’ union.'], 'extremely happy');
    expect(q).toMatchObject({ speaker: 'Mary Poe', rule: 'later-comma-said-X' });
  });

  it('takes the subject of a verb the lexicon lacks, tagged as a verb, or of the verb the quote complements', () => {
    expect(one(['“Would it be negotiable?” Hannah Smith pressed.'], 'negotiable').speaker).toBe('Hannah Smith');
    expect(one(['As Tom Ridge put it, “The barbarians are no longer at the gate.”'], 'barbarians')).toMatchObject({ speaker: 'Tom Ridge', rule: 'clause-verb-subject' });
    expect(one(['Mayor Ann Lee thanked the volunteers for “stepping up when nobody else would.”'], 'stepping up').speaker).toBe('Ann Lee');
  });

  it('gives a transcript line to its speaker label, which is not part of the quote', () => {
    const quotes = extractQuotes(['The host Chris Wallace spoke to the governor.', 'WALLACE: Will she be there tomorrow night?', '“PENCE: She will not be attending.”', 'UPDATE: The interview ended early.']);
    expect(find(quotes, 'be there')).toMatchObject({ text: 'Will she be there tomorrow night?', speaker: 'Chris Wallace', rule: 'qa-label' });
    expect(find(quotes, 'not be attending')).toMatchObject({ text: 'She will not be attending.', speaker: 'Pence' });
    expect(quotes.some((q) => q.text.includes('interview ended'))).toBe(false);
  });

  it('gives the paragraph after a colon lead-in, whatever its verb, to the lead-in’s subject', () => {
    const quotes = extractQuotes(['Senator Jane Roe released the following statement:', '“We mourn a friend of this state and of this country.”']);
    expect(find(quotes, 'We mourn').speaker).toBe('Jane Roe');
  });

  it('credits a quote in a list to the name after a dash', () => {
    const quotes = extractQuotes(['“He does not understand our lives.” ― Paula Reyes “Nobody asked us first.” ― Tomas Vidal']);
    expect(find(quotes, 'understand our lives')).toMatchObject({ speaker: 'Paula Reyes', rule: 'dash-credit' });
    expect(find(quotes, 'Nobody asked').speaker).toBe('Tomas Vidal');
  });

  it('credits a quote to a dash credit with initials or four names the mentions do not read as one name', () => {
    const quotes = extractQuotes([
      '“The river rose faster than anyone said it would.” ― Marta Q. Ibarra',
      '“We rebuilt the bridge ourselves.” ― Lena N Sofia Arrieta',
    ]);
    expect(find(quotes, 'river rose')).toMatchObject({ speaker: 'Marta Q. Ibarra', rule: 'dash-credit' });
    expect(find(quotes, 'rebuilt the bridge').speaker).toContain('Arrieta');
  });

  it('gives reported speech to the name before a description with capitalised words ("a Republican", "the head of X in Y")', () => {
    expect(one(['The mayor of Eastfield, Dana Kowalczyk, a Republican, said Monday that she would veto the budget.'], 'veto the budget').speaker).toBe('Dana Kowalczyk');
    expect(one(['Omar Haddad, the president of Harbor Local 12 in Portside, said that his members would strike next week.'], 'strike next week').speaker).toBe('Omar Haddad');
  });

  it('reads past a party/state tag after the name and a debate or rally before "that"', () => {
    expect(one(['Sen. Ruth Alvarado (D-Vt.) said she will publish her medical records next month.'], 'medical records')).toMatchObject({ kind: 'indirect', speaker: 'Ruth Alvarado' });
    expect(one(['Paul Denning said during last night’s televised debate that he would cut the sales tax.'], 'cut the sales tax')).toMatchObject({ kind: 'indirect', speaker: 'Paul Denning' });
  });

  it('reads reported speech of poll shares ("Nearly half said", "Twenty-four percent said", "In May, 47 percent said")', () => {
    expect(one(['Nearly half said they would rather stay home on election day.'], 'stay home')).toMatchObject({ kind: 'indirect', speaker: 'Nearly half' });
    expect(one(['Twenty-four percent said they trusted the new council more.'], 'trusted the new council')).toMatchObject({ kind: 'indirect' });
    expect(one(['In May, 47 percent said they would back the harbour plan.'], 'back the harbour plan')).toMatchObject({ kind: 'indirect', speaker: '47 percent' });
  });

  it('reads clauses opening with a contraction and "told" with a longer listener phrase', () => {
    expect(one(['Ines Moretti says she’d sign the treaty if elected.'], 'sign the treaty')).toMatchObject({ kind: 'indirect', speaker: 'Ines Moretti' });
    expect(one(['Tomas Brandt told a packed union hall in northern Eastfield that he would not quit the race.'], 'not quit the race')).toMatchObject({ kind: 'indirect', speaker: 'Tomas Brandt' });
    expect(one(['Ada Lindqvist told a news conference they are close to a deal on fishing rights.'], 'close to a deal')).toMatchObject({ kind: 'indirect', speaker: 'Ada Lindqvist' });
  });

  it('credits a quote broken by inner marks to the credit at its end, not to the previous paragraph’s speaker', () => {
    const quotes = extractQuotes([
      '“The harbour will reopen in May,” Jo Roe said.',
      '“As a fisher I would rather live in what she calls “chaos” than in a town run by him.” ― Ana Soto',
    ]);
    expect(find(quotes, 'As a fisher').speaker).toBe('Ana Soto');
    expect(find(quotes, 'harbour will reopen').speaker).toBe('Jo Roe');
  });

  it('never takes a title abbreviation alone ("Del.", "Amb.") for the speaker', () => {
    const quotes = extractQuotes([
      '"This hearing is a waste of everyone\'s time," said Del. Rosa Tenorio of Guam.',
      '"The embassy stays open," said Amb. Piet Lindqvist.',
    ]);
    expect(find(quotes, 'waste of everyone').speaker).toBe('Rosa Tenorio');
    expect(find(quotes, 'embassy stays open').speaker).toBe('Piet Lindqvist');
  });

  it('never takes a verb, an adjective, a title or a party tag for the speaker', () => {
    const speakers = extractQuotes([
      'Fighting: “It was a big mistake, and everyone knows it.”',
      'Chastened, the minister said: “We will do better next time.”',
      'Democratic: “The plan fails working families.”',
    ]).map((q) => q.speaker);
    for (const bad of ['Fighting', 'Chastened', 'Democratic']) expect(speakers).not.toContain(bad);
  });

  it('reads reported clauses opening with "if" or "too", and skips an address before the verb', () => {
    expect(one(['Jane Roe said if the talks fail the sanctions would stay in place.'], 'sanctions would stay')).toMatchObject({ kind: 'indirect', speaker: 'Jane Roe' });
    expect(one(['Mary Poe, 59, of Ashton, Md., said the event brought back memories of her father.'], 'memories').speaker).toBe('Mary Poe');
  });

  it('records the rule behind every speaker, and "none" when there is none', () => {
    const quotes = extractQuotes(['“We are ready,” Peskov said.', 'Kremlin aide Yuri Ushakov said the talks would resume next week in Istanbul.', 'The weather was “unusually warm” for the season.', '“Nobody knows what comes next.”']);
    expect(quotes.length).toBeGreaterThan(0);
    for (const q of quotes) {
      expect(typeof q.rule).toBe('string');
      expect(q.rule === 'none').toBe(q.speaker === null);
    }
    expect(find(quotes, 'We are ready').rule).toBe('after-close-X-said');
    expect(find(quotes, 'talks would resume').rule).toBe('reported-X-said-that');
  });
});

describe('two people with one surname in one article', () => {
  it('keeps them apart, and a bare surname is the one the article introduced first', () => {
    const quotes = extractQuotes([
      'Senator Ted Cruz spoke in Iowa on Monday. His father, Rafael Cruz, a pastor, joined him on stage.',
      '“We are winning this state,” Cruz said.',
      '“My son will win,” Rafael Cruz said.',
    ]);
    expect(find(quotes, 'winning this state').speaker).toBe('Ted Cruz');
    expect(find(quotes, 'My son').speaker).toBe('Rafael Cruz');
  });
});

describe('titles of shows and books in marks', () => {
  it('are not quotations, even with the comma or full stop set inside the marks', () => {
    const quotes = extractQuotes(['The senator appeared on “Meet the Press.” She later told NBC’s “Morning Joe,” that the bill “will pass before the summer recess.”']);
    expect(quotes.some((q) => q.text.includes('Meet the Press'))).toBe(false);
    expect(quotes.some((q) => q.text.includes('Morning Joe'))).toBe(false);
    expect(quotes.some((q) => q.text.includes('summer recess'))).toBe(true);
  });
});
