// The learned choice among the rules' candidates, and the name fixes it rests on, on made-up sentences.
import { describe, expect, it } from 'vitest';
import { modelLoaded } from '../src/quotes/attribution-model.js';
import { extractQuotes } from '../src/quotes/extract.js';

function speakerOf(paragraphs: string[], snippet: string, title?: string): string | null | undefined {
  const q = extractQuotes(paragraphs, { title }).find((x) => x.text.includes(snippet));
  return q ? q.speaker : undefined;
}

describe('the learned speaker choice', () => {
  it('is loaded from the committed weights', () => {
    expect(modelLoaded()).toBe(true);
  });

  it('never overrules "according to X": the person spoken about is not the speaker', () => {
    const text = [
      'Talks between the two delegations resumed in Geneva on Monday.',
      'According to Western diplomats briefed on the talks, Viktor Hallan “can wait as long as necessary, but he is also prepared to sign.”',
    ];
    expect(speakerOf(text, 'can wait as long', 'Diplomats: Hallan is ready to sign')).toBe('Western diplomats');
  });

  it('keeps the speaker named by the verb after the quote when another person is named before it', () => {
    const text = ['Viktor Hallan met Oskar Brandt in Geneva. “We are close to a deal on prisoners,” Brandt said after the meeting.'];
    expect(speakerOf(text, 'close to a deal')).toMatch(/Brandt/);
  });
});

describe('names around a quote', () => {
  it('keeps a middle initial inside the name', () => {
    const text = ['“The vote was never in doubt,” said Gregory T. Ansel, who leads the group.'];
    expect(speakerOf(text, 'never in doubt')).toBe('Gregory T. Ansel');
  });

  it('takes the last name of a long phrase after "said"', () => {
    const text = ['“It is a gamble with other people’s lives,” said former Obama adviser Daniel Axworth.'];
    expect(speakerOf(text, 'a gamble')).toMatch(/Daniel Axworth$/);
  });

  it('reads "Mr. King" as a person, though "king" is a title', () => {
    const text = ['Ronald King chairs the committee.', '“We will not be rushed,” Mr. King said on Tuesday.'];
    expect(speakerOf(text, 'not be rushed')).toMatch(/King/);
  });

  it('reads through a long apposition to the speaker', () => {
    const text = ['“I never thought I would see this,” Margaret Olden, now 81 and retired in Boston, Mass., said of the accord.'];
    expect(speakerOf(text, 'never thought')).toBe('Margaret Olden');
  });
});
