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

/**
 * Words of a site's interface (navigation, widgets, forms). A short line made only of these is furniture, never
 * a sentence: "Skip to Main Content", "Latest news", "view all", "Avatar photo", "Sign in", "Load more".
 */
export const UI_WORDS = [
  'skip', 'to', 'main', 'content', 'navigation', 'menu', 'search', 'home', 'homepage', 'latest', 'news', 'view', 'all',
  'show', 'hide', 'more', 'less', 'sign', 'log', 'in', 'out', 'up', 'register', 'subscribe', 'account', 'profile',
  'avatar', 'photo', 'photos', 'image', 'gallery', 'submit', 'a', 'comment', 'comments', 'reply', 'replies', 'close',
  'open', 'toggle', 'back', 'top', 'next', 'previous', 'prev', 'page', 'load', 'expand', 'collapse', 'continue',
  'reading', 'print', 'copy', 'link', 'facebook', 'twitter', 'whatsapp', 'telegram', 'linkedin', 'reddit', 'x',
  'email', 'share', 'follow', 'us', 'on', 'the', 'and', 'or', 'of', 'your', 'my', 'me', 'sidebar', 'footer', 'header',
  'breadcrumb', 'listen', 'article', 'audio', 'video', 'videos', 'play', 'watch', 'tags', 'tag', 'topics', 'categories',
  'category', 'archive', 'archives', 'feed', 'rss', 'newsletter', 'newsletters', 'notifications', 'settings',
] as const;
const UI_LINE = new RegExp(`^(?:(?:${UI_WORDS.join('|')})(?:\\s+|\\s*[:|/>»›•·-]\\s*|$)){1,6}$`, 'i');

/** One word of a date or time: 15:07, 12.05.2025, 12th, May, Monday, at, pm, GMT. */
const TIME_TOKEN = '(?:\\d{1,4}(?:[:./-]\\d{1,4}){0,2}(?:st|nd|rd|th|h)?|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\\.?'
  + '|(?:mon|tues|wednes|thurs|fri|satur|sun)day|mon|tue|wed|thu|fri|sat|sun|at|on|am|pm|a\\.m\\.|p\\.m\\.'
  + '|gmt|utc|bst|cet|cest|eet|eest|msk|est|edt|cst|cdt|pst|pdt|local|time)';
const TIMESTAMP_LINE = new RegExp(`^(?:last )?(?:updated?|updates|published|posted|modified)(?:\\s*:\\s*|\\s+(?:on|at)\\s+|\\s+(?=\\d))${TIME_TOKEN}(?:[ ,]+${TIME_TOKEN}){0,9}[ .]*$`, 'i');

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
  { name: 'leave-a-reply', pattern: /^(leave a (reply|comment)|post a comment|submit a comment|add a comment|join the (conversation|discussion)|\d+ comments?|comments)\s*:?$/i, action: 'rest' },
  { name: 'email-not-published', pattern: /^your email address will not be published/i, action: 'drop' },
  // Cookie, consent and sign-up notices
  { name: 'cookies', pattern: /\b(uses? cookies|cookie (policy|settings|preferences)|accept (all )?cookies)\b/i, action: 'drop' },
  // Anchored at the start: the same words pasted inside an embedded post or quote leave that paragraph content.
  { name: 'sign-up', pattern: /^(we use your sign-?up|sign up (to|for) (our|the) newsletter|subscribe to our newsletter)\b|\byou can unsubscribe at any time\b/i, action: 'drop' },
  { name: 'advert', pattern: /^(advertisement|sponsored( content)?|ad)$/i, action: 'drop' },
  // Share prompts
  { name: 'share', pattern: /^(share( this( article| story)?)?( on)?|share on (facebook|twitter|x)|follow us on\b.{0,60}|click to share\b.{0,40}|tweet|email|print)\s*:?$/i, action: 'drop' },
  // Bylines and photo credits
  { name: 'byline', pattern: /^(by|written by|reporting by|editing by)\s+[A-Z][\w.'-]+(\s+[A-Z][\w.'-]+){0,3}(\s*(,|and|\|)\s*.{0,60})?$/, action: 'drop' },
  { name: 'credit-label', pattern: /^((photo|image|picture|video|cover|header|top|main) )?credits?\s*:\s*.{0,150}$/i, action: 'drop' },
  { name: 'author-label', pattern: /^(authors?|posted by|published by|words by)\s*:\s*.{0,60}$/i, action: 'drop' },
  // A label with a date or time and nothing else: "LAST UPDATE: 15:07", "Published on 12 May 2025, 10:03 GMT".
  { name: 'timestamp', pattern: TIMESTAMP_LINE, action: 'drop' },
  // General shapes of furniture rather than phrases: interface words only, tag lists with counts, link lists.
  { name: 'ui-words', pattern: UI_LINE, action: 'drop' },
  // Each item starts with a letter or digit (link items: a non-space) so that a line that fails to match cannot be
  // split into items in many ways (no exponential backtracking on a long line).
  { name: 'tag-counts', pattern: /^(?:[\p{L}\p{N}][^()]{0,39}\(\d[\d,.]*\)\s*(?:[,|/•·]\s*)?){2,}$/u, action: 'drop' },
  { name: 'link-list', pattern: /^(?:[^|•·»›\s][^|•·»›]{0,29}\s[|•·»›] ){2,}[^|•·»›\s][^|•·»›]{0,29}$/, action: 'drop' },
  { name: 'photo-credit', pattern: /\b(mandatory credit|photo credit|image credit|getty images|image source|photo:|picture:|\(photo by\b|main image source)/i, action: 'drop' },
];

/** Lines that read as sentences end with terminal punctuation (possibly followed by a closing quote). */
export function readsAsSentence(paragraph: string): boolean {
  return /[.!?…]["'”’)\]]*\s*$/.test(paragraph) && paragraph.split(/\s+/).length > 5;
}
