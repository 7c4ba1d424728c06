// Which paragraphs the reported-speech search looks at. Many paragraphs report nothing ("The talks resumed on
// Monday."): a fifth of PolNeAR's text, over half of the benchmark's. The search, sentence by sentence, is about a
// fifth of the extractor's time, and a cue check per word is far cheaper.
//
// Contract: a paragraph this predicate rejects must be one from which no rule for speech without quote marks
// can fire. Every such rule (extract.ts, and any module it calls for reported speech) needs a cue that is
// checked here: a reporting, speech-act or "indirect" verb, "according", or a colon (a lead-in such as
// "Peskov told reporters:"). A new rule that fires on another cue must add that cue here, or it will silently
// never run; test/quotes-may-quote.perf.test.ts extracts the labelled sets with and without this predicate and fails
// on any difference.
//
// Quoted spans (marks, dashes) and transcript labels are not affected: they are found on every paragraph.
import { REPORTING_VERBS, SPEECH_ACT_VERBS } from './lexicon.js';
import type { Token } from './mentions.js';

/** Off only in tests, to check that the predicate never changes what is extracted. */
export const reportedSpeechSkipping = { enabled: true };

/**
 * Whether the paragraph can hold speech reported without quote marks: it has a colon, or a token that is a
 * reporting or speech-act verb, one of `verbs` (the reported-speech rules' own verbs) or "according".
 */
export function mayReportSpeech(text: string, tokens: readonly Token[], verbs: ReadonlySet<string>): boolean {
  if (!reportedSpeechSkipping.enabled || text.includes(':')) return true;
  const cues = cueWords(verbs);
  for (const t of tokens) if (cues.has(t.low)) return true;
  return false;
}

// One set to look each word up in (most words are no cue, and three lookups each cost more than the skip saved).
const CUES = new WeakMap<ReadonlySet<string>, ReadonlySet<string>>();

function cueWords(verbs: ReadonlySet<string>): ReadonlySet<string> {
  let cues = CUES.get(verbs);
  if (!cues) {
    cues = new Set([...REPORTING_VERBS, ...SPEECH_ACT_VERBS, ...verbs, 'according']);
    CUES.set(verbs, cues);
  }
  return cues;
}
