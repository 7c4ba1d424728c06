// English function words: they match nearly every passage, cost the most at query time, and carry no topic.
export const STOP_WORDS: ReadonlySet<string> = new Set(
  `a an and are as at be been being but by can could did do does for from had has have he her hers him his i if in
  into is it its me my no nor not of on or our ours she so than that the their theirs them then there these they
  this those to too us was we were what when where which while will with would you your yours also just very
  should may might must shall about after before over under again further once here all any both each few more
  most other some such only own same until against between through during above below up down out off`
    .split(/\s+/)
    .filter(Boolean),
);
