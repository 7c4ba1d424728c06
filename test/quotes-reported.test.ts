// Reported speech without quote marks, on made-up sentences: each pattern a reader would call "X said …" comes
// back as an indirect row with the reported words and the person who said them.
import { describe, expect, it } from 'vitest';
import { extractQuotes } from '../src/quotes/extract.js';
import type { ExtractedQuote } from '../src/types.js';

/** The indirect rows of one article. */
function reported(paragraphs: string[], title?: string): Array<Pick<ExtractedQuote, 'text' | 'speaker'>> {
  return extractQuotes(paragraphs, title ? { title } : {}).filter((q) => q.kind === 'indirect').map((q) => ({ text: q.text, speaker: q.speaker }));
}

describe('reported speech: the attribution after the clause', () => {
  it('takes a noun phrase the mention finder does not know as the speaker ("…, the airline said Thursday.")', () => {
    expect(reported(['The morning flights to Odesa were cancelled because of fog, the airline said Thursday.'])).toEqual([
      { text: 'The morning flights to Odesa were cancelled because of fog', speaker: 'the airline' },
    ]);
    expect(reported(['Four men were detained near the border crossing overnight, police said.'])).toEqual([
      { text: 'Four men were detained near the border crossing overnight', speaker: 'police' },
    ]);
  });

  it('accepts a prepositional phrase after the verb ("…, she said after the vote.")', () => {
    expect(reported(['Grain exports would resume within a month, Olena Marchuk said after the vote in the regional assembly.'])).toEqual([
      { text: 'Grain exports would resume within a month', speaker: 'Olena Marchuk' },
    ]);
  });

  it('does not take an introductory phrase for what was said ("In a statement, the charity said that …")', () => {
    const rows = reported(['In a statement, the charity said that the convoy had reached the city.']);
    expect(rows.map((r) => r.text)).not.toContain('In a statement');
    expect(rows).toEqual([{ text: 'the convoy had reached the city', speaker: 'the charity' }]);
  });

  it('reads a closing attribution followed by a subordinate clause ("…, officials said Friday, as …")', () => {
    expect(reported(['The bridge will reopen next week, regional officials said Friday, as repair crews worked through the night.'])).toEqual([
      { text: 'The bridge will reopen next week', speaker: 'regional officials' },
    ]);
  });
});

describe('reported speech: a long description after the closing attribution', () => {
  it('reads "…, said X, <a description of up to twenty words>." and one that has its own relative clause', () => {
    expect(reported(['The convoy will need three more days to reach the port, said Marta Ilyenko, director of the Black Sea Logistics Council and an independent analyst in Odesa.'])).toEqual([
      { text: 'The convoy will need three more days to reach the port', speaker: 'Marta Ilyenko' },
    ]);
    expect(reported(['The drones were launched from the same field every night, said Petro Havryliuk, the head of the Coastal Monitoring Group, which tracks launches.'])).toEqual([
      { text: 'The drones were launched from the same field every night', speaker: 'Petro Havryliuk' },
    ]);
    expect(reported(['The fund has raised roughly $56 million for the rebuilding, said Irena Sokil, its president and chief executive.'])).toEqual([
      { text: 'The fund has raised roughly $56 million for the rebuilding', speaker: 'Irena Sokil' },
    ]);
  });
});

describe('reported speech: verbs that are not a report', () => {
  it('reads "…, X said." after a clause whose verb is an agreement ("The sides agreed to exchange …")', () => {
    expect(reported(['The sides agreed to exchange a thousand prisoners each, Vadym Orlyk said after the talks in Istanbul.'])).toEqual([
      { text: 'The sides agreed to exchange a thousand prisoners each', speaker: 'Vadym Orlyk' },
    ]);
  });

  it('takes no relative clause for a speaker ("Erdogan, who hosted the talks, said …" is Erdogan\'s)', () => {
    expect(reported(['Erdogan, who hosted the talks, said Turkey was ready to host a meeting of the leaders.'])).toEqual([
      { text: 'Turkey was ready to host a meeting of the leaders', speaker: 'Erdogan' },
    ]);
  });
});

describe('reported speech: the outlet that carried it', () => {
  it('keeps ", TASS reported" and ", reports Ukrinform" out of what was said, the speaker unchanged', () => {
    expect(reported(['The Kremlin said Putin had no plans to meet Zelensky in Istanbul, TASS reported.'])).toEqual([
      { text: 'Putin had no plans to meet Zelensky in Istanbul', speaker: 'Kremlin' },
    ]);
    expect(reported(['Lavrov said Moscow would not consider any proposals for a ceasefire, reports Ukrinform.'])).toEqual([
      { text: 'Moscow would not consider any proposals for a ceasefire', speaker: 'Lavrov' },
    ]);
    expect(reported(['Lavrov said the figures were reported by the ministry.'])).toEqual([
      { text: 'the figures were reported by the ministry', speaker: 'Lavrov' },
    ]);
  });
});

describe('reported speech: the attribution inside the clause', () => {
  it('keeps the sentence around a comma-bounded "X said" ("The plan, Jane Roe said, would fail.")', () => {
    expect(reported(['The ceasefire, Tomas Berg said on Monday, would hold only if both sides pulled back their artillery.'])).toEqual([
      { text: 'The ceasefire, Tomas Berg said on Monday, would hold only if both sides pulled back their artillery', speaker: 'Tomas Berg' },
    ]);
  });

  it('leaves a quote after the attribution to the quote ("…, X said, “…”")', () => {
    const quotes = extractQuotes(['Sooner or later, Tomas Berg said, “the guns will fall silent.”']);
    expect(quotes.filter((q) => q.kind === 'indirect')).toEqual([]);
    expect(quotes.map((q) => q.speaker)).toEqual(['Tomas Berg']);
  });

  it('reads a relative clause of speech ("which X says …", "what the envoys said was …")', () => {
    expect(reported(['The port is run by a state company, which Maria Lind says is losing money every month.'])).toEqual([
      { text: 'which Maria Lind says is losing money every month', speaker: 'Maria Lind' },
    ]);
    expect(reported(['The new map amounts to what the envoys said was a partition of the region.'])).toEqual([
      { text: 'what the envoys said was a partition of the region', speaker: 'envoys' },
    ]);
  });
});

describe('reported speech: a wire headline "Name: statement"', () => {
  it('gives the headline\'s statement to the person or body the article names, never to a label', () => {
    const body = ['Foreign Minister Andrii Sybiha spoke after the talks, and the Kremlin replied on Monday.'];
    expect(reported(body, 'Sybiha: Ukraine is ready for a full ceasefire for 30 days')).toContainEqual({ text: 'Ukraine is ready for a full ceasefire for 30 days', speaker: 'Andrii Sybiha' });
    expect(reported(body, 'Kremlin: talks with Kyiv are possible in Istanbul')).toContainEqual({ text: 'talks with Kyiv are possible in Istanbul', speaker: 'Kremlin' });
    for (const title of ['Live: Russia launches a massive drone attack on Kyiv', 'Explainer: what is in the Istanbul memorandum', 'BOOM: Putin just made his move on the talks', 'Ukraine: Russia launched 100 drones overnight']) {
      expect(reported(body, title).filter((r) => title.includes(r.text)), title).toEqual([]);
    }
  });
});

describe('reported speech: a sentence that says who said the one before ("This was stated by X")', () => {
  it('gives the sentence before to the speaker named after "by", or to the subject of "said this"', () => {
    expect(reported([
      'Ukraine is ready for a full ceasefire for 30 days if Russia agrees. This was stated by Foreign Minister Andrii Sybiha during a press conference in Kyiv.',
      'Moscow is ready to resume the talks in Istanbul next week. Peskov said this at a briefing.',
    ])).toEqual([
      { text: 'Ukraine is ready for a full ceasefire for 30 days if Russia agrees', speaker: 'Andrii Sybiha' },
      { text: 'Moscow is ready to resume the talks in Istanbul next week', speaker: 'Peskov' },
    ]);
  });

  it('reads a paragraph that opens with it as pointing at the last sentence of the paragraph before', () => {
    const quotes = extractQuotes([
      'The talks were short. Ukraine is ready to exchange all prisoners for all before the end of the year.',
      'This was stated by President Volodymyr Zelensky in his evening address, an Ukrinform correspondent reports.',
    ]).filter((q) => q.kind === 'indirect');
    expect(quotes.map((q) => ({ paragraph: q.paragraph, text: q.text, speaker: q.speaker }))).toEqual([
      { paragraph: 1, text: 'Ukraine is ready to exchange all prisoners for all before the end of the year', speaker: 'Volodymyr Zelensky' },
    ]);
  });

  it('leaves "said this week that …" to its own clause, and a sentence with quote marks to its quote', () => {
    expect(reported(['The talks stalled again. Zelensky said this week that the partners must press Russia harder.'])).toEqual([
      { text: 'the partners must press Russia harder', speaker: 'Zelensky' },
    ]);
    expect(reported(['“We are ready for a long war,” the envoy wrote on Monday. This was stated by Vladimir Medinsky.'])).toEqual([]);
  });
});

describe('reported speech: "according to X" set off inside the sentence', () => {
  it('gives the sentence to X, the source left in place', () => {
    expect(reported(['The Russian side, according to Medinsky, is ready to continue contacts in Istanbul.'])).toEqual([
      { text: 'The Russian side, according to Medinsky, is ready to continue contacts in Istanbul', speaker: 'Medinsky' },
    ]);
  });
});

describe('reported speech: a statement after a colon, without marks', () => {
  it('gives "X told journalists: …" and "X said in a commentary: …" to X', () => {
    expect(reported([
      'Ushakov told journalists: Moscow has received the American proposals and is studying them.',
      'Zakharova said in a commentary: the West is not interested in peace at all.',
    ])).toEqual([
      { text: 'Moscow has received the American proposals and is studying them', speaker: 'Ushakov' },
      { text: 'the West is not interested in peace at all', speaker: 'Zakharova' },
    ]);
  });

  it('reads no statement into a list after a colon, a verb with its own object, or a clock time', () => {
    expect(reported([
      'Russia has taken several villages this week: Novomykhailivka, Kurakhove and two hamlets near Pokrovsk.',
      'The envoy has added another task to his job: mediator between the two delegations in Geneva.',
      'The delegations met at 10:30 in the Dolmabahce palace for talks.',
    ])).toEqual([]);
  });
});

describe('reported speech: "As X said, …"', () => {
  it('gives the clause after the comma to the speaker after "As", and reads no speech into "As expected" or "As he said this"', () => {
    expect(reported([
      'As Zelensky noted, the talks in Istanbul gave no result.',
      'As Kremlin spokesman Dmitry Peskov told reporters on Monday, Moscow is ready to continue the talks.',
    ])).toEqual([
      { text: 'the talks in Istanbul gave no result', speaker: 'Zelensky' },
      { text: 'Moscow is ready to continue the talks', speaker: 'Dmitry Peskov' },
    ]);
    expect(reported([
      'As expected, the talks ended without a deal.',
      'As the talks began, Russia launched new strikes on Kharkiv.',
      'As he said this, the crowd began to cheer loudly.',
    ])).toEqual([]);
  });
});

describe('reported speech: the clause after the verb', () => {
  it('reads "told <outlet> <time> <clause>" without "that"', () => {
    expect(reported(['Andriy Koval told The Daily Courier last week he would not run again.'])).toEqual([
      { text: 'he would not run again', speaker: 'Andriy Koval' },
    ]);
  });

  it('reads "said, however, that …" and "told <outlet>, however, that …"', () => {
    expect(reported(['Peskov said, however, that the Kremlin had not received the memorandum.'])).toEqual([
      { text: 'the Kremlin had not received the memorandum', speaker: 'Peskov' },
    ]);
    expect(reported(['Sybiha told Reuters, however, that the memorandum had arrived late.'])).toEqual([
      { text: 'the memorandum had arrived late', speaker: 'Sybiha' },
    ]);
  });

  it('reads "said <prepositional phrase> that …"', () => {
    expect(reported(['Irena Vasko said in her closing remarks that the treaty should be ratified this year.'])).toEqual([
      { text: 'the treaty should be ratified this year', speaker: 'Irena Vasko' },
    ]);
  });

  it('reads speech verbs whose object is what was said, verb kept (called for, urged, asked whether, dismissed)', () => {
    expect(reported(['Pavel Hrubý called for an immediate exchange of all prisoners.'])).toEqual([
      { text: 'called for an immediate exchange of all prisoners', speaker: 'Pavel Hrubý' },
    ]);
    expect(reported(['Lena Sorel urged both delegations to return to the table.'])).toEqual([
      { text: 'urged both delegations to return to the table', speaker: 'Lena Sorel' },
    ]);
    expect(reported(['Omar Haddad asked whether the monitors would be allowed into the zone.'])).toEqual([
      { text: 'asked whether the monitors would be allowed into the zone', speaker: 'Omar Haddad' },
    ]);
    // Without the verb the row would say the opposite of what he said.
    expect(reported(['Viktor Hallan dismissed the request for a thirty-day truce.'])).toEqual([
      { text: 'dismissed the request for a thirty-day truce', speaker: 'Viktor Hallan' },
    ]);
  });

  it('reads no speech into what was not said, or into an agreement ("did not confirm whether …", "agreed to host")', () => {
    expect(reported(['Lena Sorel did not confirm whether the minister would attend the summit.'])).toEqual([]);
    expect(reported(['Pavel Hrubý never denied the reports of a second meeting in Vienna.'])).toEqual([]);
    expect(reported(['The envoy had threatened new sanctions if the republic did not agree to a truce by the end of the day.'])).toEqual([]);
    const rows = reported(['President Ayla Demir, who agreed to host the talks after a call with the envoy last week, has told both delegations that they bear the responsibility to stop the war.']);
    expect(rows.filter((r) => r.text.includes('host the talks'))).toEqual([]);
  });

  it('does not read a name given ("a group called …"), an intention ("plans to call for") or a text written ("wrote an essay")', () => {
    expect(reported(['Activists formed a new group called Citizens for the Coast last spring.'])).toEqual([]);
    expect(reported(['Pavel Hrubý plans to call for a new round of talks in March.'])).toEqual([]);
    expect(reported(['Lena Sorel wrote an essay about the history of the region.'])).toEqual([]);
  });

  it('reads the wire\'s bare day, a gerund clause and verbs that report only with "that" (replied, pointed out, wrote)', () => {
    expect(reported(['Marta Ilves said Thursday her biggest worry is the coming winter.'])).toEqual([
      { text: 'her biggest worry is the coming winter', speaker: 'Marta Ilves' },
    ]);
    expect(reported(['Jonas Pekkala says running a hospital near the front is exhausting.'])).toEqual([
      { text: 'running a hospital near the front is exhausting', speaker: 'Jonas Pekkala' },
    ]);
    expect(reported(['Anna Brook replied that the offer had never reached her office.'])).toEqual([
      { text: 'the offer had never reached her office', speaker: 'Anna Brook' },
    ]);
    expect(reported(['Karl Weiss pointed out that the corridor had been shelled twice that week.'])).toEqual([
      { text: 'the corridor had been shelled twice that week', speaker: 'Karl Weiss' },
    ]);
    expect(reported(['Sofia Brandt wrote that the convoy reached Kherson before dawn.'])).toEqual([
      { text: 'the convoy reached Kherson before dawn', speaker: 'Sofia Brandt' },
    ]);
  });

  it('reads a named speaker\'s statement inside another\'s clause ("X replied that the institute said …")', () => {
    const rows = reported(['Lena Sorel replied that the Baltic Policy Institute said the troops should be withdrawn from the island.']);
    expect(rows).toEqual([
      { text: 'the Baltic Policy Institute said the troops should be withdrawn from the island', speaker: 'Lena Sorel' },
      { text: 'the troops should be withdrawn from the island', speaker: 'Baltic Policy Institute' },
    ]);
    // A pronoun inside the clause is the outer speaker's word, not a new speaker.
    expect(reported(['Lena Sorel replied that she said the troops should be withdrawn from the island.']).map((r) => r.speaker)).toEqual(['Lena Sorel']);
  });

  it('ends the clause where a new clause with its own subject and verb begins (", and he walked out"), and reads "said half of …"', () => {
    expect(reported(['Darius Holm said the offer was a trap, and he walked out of the hall.'])).toEqual([
      { text: 'the offer was a trap', speaker: 'Darius Holm' },
    ]);
    // "would return" may still be what he said: the clause stays whole.
    expect(reported(['Darius Holm said the plan would fail, and they would return within a year.'])).toEqual([
      { text: 'the plan would fail, and they would return within a year', speaker: 'Darius Holm' },
    ]);
    expect(reported(['Viktor Hallan said half of the shells had missed the city.'])).toEqual([
      { text: 'half of the shells had missed the city', speaker: 'Viktor Hallan' },
    ]);
  });

  it('gives a second verb ("… became a delegate and said …") to the subject that opens the sentence, and no other', () => {
    expect(reported(['Oksana Demchuk, a former city councillor, joined the delegation and said the talks would resume in June.'])).toEqual([
      { text: 'the talks would resume in June', speaker: 'Oksana Demchuk' },
    ]);
    // The verb before "and said" belongs to a relative clause: its subject is not the sentence's.
    expect(reported(['Oksana Demchuk met an envoy who nodded and said the talks would resume in June.']).map((r) => r.speaker)).not.toContain('Oksana Demchuk');
  });

  it('ends a relative clause\'s statement at the main verb ("X, who estimated that A, said B")', () => {
    expect(reported(['Taras Bondar, who estimated that half of the convoy had arrived, said the rest would cross on Sunday.'])).toEqual([
      { text: 'half of the convoy had arrived', speaker: 'Taras Bondar' },
      { text: 'the rest would cross on Sunday', speaker: 'Taras Bondar' },
    ]);
    // Outside a relative, ", said that" is the clause's own speaker speaking: no clause ends before it.
    const rows = reported(['Reuters highlights that on May 17, Taras Bondar, speaking in Odesa, said that “the corridor will stay open through the winter.”']);
    expect(rows.map((r) => r.text)).not.toContain('on May 17, Taras Bondar, speaking in Odesa');
  });

  it('gives a group\'s statement to the group, not to the example set off by commas ("Diplomats, like Sen. X, say")', () => {
    expect(reported(['Several diplomats, like Sen. Ilse Varga, say the ceasefire line would be monitored from the air.'])).toEqual([
      { text: 'the ceasefire line would be monitored from the air', speaker: 'several diplomats' },
    ]);
  });

  it('reads no clause into a gerund that is an object, or into "pointed" without "out that"', () => {
    expect(reported(['Jonas Pekkala says nothing about shipping.'])).toEqual([]);
    expect(reported(['Karl Weiss pointed to the map on the wall.'])).toEqual([]);
  });

  it('keeps a reported clause whose scare quotes are the reporter\'s words', () => {
    expect(reported(['Darius Holm said the current “dynamics” favour the defenders along the river.'])).toEqual([
      { text: 'the current “dynamics” favour the defenders along the river', speaker: 'Darius Holm' },
    ]);
  });
});

describe('reported speech in the headline', () => {
  it('reads "X Says …" and "…, X Says"', () => {
    expect(reported(['The talks ended late on Tuesday.'], 'Borisenko Says Second Round of Talks Will Open in Geneva')).toEqual([
      { text: 'Second Round of Talks Will Open in Geneva', speaker: 'Borisenko' },
    ]);
    expect(reported(['The talks ended late on Tuesday.'], 'Prisoner Exchange Is Close, Karin Aalto Says')).toEqual([
      { text: 'Prisoner Exchange Is Close', speaker: 'Karin Aalto' },
    ]);
  });

  it('reads no speech into a headline without a speech verb', () => {
    expect(reported(['The talks ended late on Tuesday.'], 'Second Round of Talks Will Open in Geneva')).toEqual([]);
  });
});
