// Site boilerplate that is not article content. One table, data only: add a rule here, nothing else changes.
//
// action:
//   drop      - drop the matching paragraph.
//   headlines - drop it and the related-headline lines that follow it (lines that do not read as sentences).
//   rest      - drop it and everything after it (comment forms, "you may also like" blocks end the article).

export type BoilerplateAction = 'drop' | 'headlines' | 'rest';

export interface BoilerplateRule {
  name: string;
  pattern: RegExp;
  action: BoilerplateAction;
}

// Patterns run on a paragraph whose quotes/dashes are normalised to ASCII and spaces collapsed.
export const BOILERPLATE_RULES: BoilerplateRule[] = [
  // Related-link blocks
  { name: 'read-more', pattern: /^(read|see) (more|also)\b.{0,40}:?$/i, action: 'headlines' },
  { name: 'read-more-inline', pattern: /^(read more|read also|see also|also read|related|more)\s*:\s*\S/i, action: 'drop' },
  { name: 'see-also-inline', pattern: /^see also\s+\S/i, action: 'drop' },
  { name: 'dont-miss', pattern: /^don'?t miss\b.{0,20}$/i, action: 'headlines' },
  { name: 'related', pattern: /^(related( posts| articles| stories| news| content| reading)?|more (on this|from)\b.{0,40}|trending( now)?|most read|top stories|recommended( for you)?)\s*:?$/i, action: 'headlines' },
  { name: 'tagged-headline', pattern: /\[(insight|explainer|analysis|video|pictures|photos|latest|reveal|live|poll|opinion|watch)\]\s*$/i, action: 'drop' },
  { name: 'you-may-also-like', pattern: /^(you (may|might) (also )?like|(more|other) stories|recommended stories)\b.{0,20}$/i, action: 'rest' },
  { name: 'source-footer', pattern: /^source:\s*read full article\.?$/i, action: 'drop' },
  // Comment forms
  { name: 'leave-a-reply', pattern: /^(leave a (reply|comment)|post a comment|\d+ comments?|comments)\s*:?$/i, action: 'rest' },
  { name: 'email-not-published', pattern: /^your email address will not be published/i, action: 'drop' },
  // Cookie, consent and sign-up notices
  { name: 'cookies', pattern: /\b(uses? cookies|cookie (policy|settings|preferences)|accept (all )?cookies)\b/i, action: 'drop' },
  { name: 'sign-up', pattern: /\b(we use your sign-?up|sign up (to|for) (our|the) newsletter|subscribe to our newsletter|you can unsubscribe at any time)\b/i, action: 'drop' },
  { name: 'advert', pattern: /^(advertisement|sponsored( content)?|ad)$/i, action: 'drop' },
  // Share prompts
  { name: 'share', pattern: /^(share( this( article| story)?)?( on)?|share on (facebook|twitter|x)|follow us on\b.{0,60}|click to share\b.{0,40}|tweet|email|print)\s*:?$/i, action: 'drop' },
  // Bylines and photo credits
  { name: 'byline', pattern: /^(by|written by|reporting by|editing by)\s+[A-Z][\w.'-]+(\s+[A-Z][\w.'-]+){0,3}(\s*(,|and|\|)\s*.{0,60})?$/, action: 'drop' },
  { name: 'photo-credit', pattern: /\b(mandatory credit|photo credit|image credit|getty images|image source|photo:|picture:|\(photo by\b|main image source)/i, action: 'drop' },
];

/** Lines that read as sentences end with terminal punctuation (possibly followed by a closing quote). */
export function readsAsSentence(paragraph: string): boolean {
  return /[.!?…]["'”’)\]]*\s*$/.test(paragraph) && paragraph.split(/\s+/).length > 5;
}
