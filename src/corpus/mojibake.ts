// Text that was UTF-8 but got read as Windows-1252 somewhere on its way (a scraper, a CMS export): “ becomes
// "â€œ", ’ becomes "â€™", é becomes "Ã©", Cyrillic becomes "Ð¿Ñ€". Each such run is turned back into the bytes
// it came from and decoded again; a run that does not decode as UTF-8 is left as it is.

/** Windows-1252's characters for bytes 0x80–0x9F (the rest of 0x80–0xFF are Latin-1's own). */
const CP1252_HIGH: Record<string, number> = {
  '\u20AC': 0x80, '\u201A': 0x82, '\u0192': 0x83, '\u201E': 0x84, '\u2026': 0x85, '\u2020': 0x86, '\u2021': 0x87,
  '\u02C6': 0x88, '\u2030': 0x89, '\u0160': 0x8a, '\u2039': 0x8b, '\u0152': 0x8c, '\u017D': 0x8e, '\u2018': 0x91,
  '\u2019': 0x92, '\u201C': 0x93, '\u201D': 0x94, '\u2022': 0x95, '\u2013': 0x96, '\u2014': 0x97, '\u02DC': 0x98,
  '\u2122': 0x99, '\u0161': 0x9a, '\u203A': 0x9b, '\u0153': 0x9c, '\u017E': 0x9e, '\u0178': 0x9f,
};
const CONTINUATION = `[\\u0080-\\u00BF${Object.keys(CP1252_HIGH).join('')}]`;
/** A lead byte read as a character (Â–ô), then the continuation bytes its UTF-8 sequence needs. */
const RUN = new RegExp(`[\\u00C2-\\u00DF]${CONTINUATION}|[\\u00E0-\\u00EF]${CONTINUATION}{2}|[\\u00F0-\\u00F4]${CONTINUATION}{3}`, 'g');
/**
 * "â€" whose last byte (0x9D, which Windows-1252 leaves undefined) was dropped, where a closing ” stands: at a
 * word's end. Inside a word ("realâ€world") some other mark was lost; that is left alone.
 */
const LOST_CLOSE = new RegExp(`\\u00E2\\u20AC(?!${CONTINUATION})(?=[\\s.,;:!?)\\]]|$)`, 'g');
const SUSPECT = new RegExp(`[\\u00C2-\\u00F4]${CONTINUATION}`);

const utf8 = new TextDecoder('utf-8', { fatal: true });

function byteOf(ch: string): number {
  return CP1252_HIGH[ch] ?? ch.charCodeAt(0);
}

/** `text` with its mis-decoded UTF-8 runs repaired; text without any is returned as is. */
export function repairMojibake(text: string): string {
  if (!SUSPECT.test(text)) return text;
  return text
    .replace(RUN, (run) => {
      try {
        return utf8.decode(Uint8Array.from([...run].map(byteOf)));
      } catch {
        return run;
      }
    })
    .replace(LOST_CLOSE, '\u201D');
}
