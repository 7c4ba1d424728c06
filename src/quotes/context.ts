// Per-article knowledge about who is who: every mention in order, people by surname (with the fullest
// name the article gives, their roles and country), organisations with their acronyms. Resolves
// pronouns and role phrases ("the Russian leader", "the press secretary") to the right named speaker.
import type { SpeakerType } from '../types.js';
import {
  FEMALE_GIVEN_NAMES, FEMALE_SURNAME_ENDINGS, FEMALE_WORDS, FIRST_NAME_VARIANTS, KNOWN_ORGS, KNOWN_PEOPLE, MALE_GIVEN_NAMES, MALE_WORDS, PLACES,
} from './lexicon.js';
import { acronymOf, fold, givenNamesCompatible, isAcronym, nameKey, parsePersonName, withoutMiddleNames } from './names.js';
import type { Mention } from './mentions.js';
import { expandRoles } from './mentions.js';

export interface SpeakerRef {
  /** Identity within the article. */
  key: string;
  name: string;
  type: SpeakerType;
  aliases: string[];
}

interface Entity {
  key: string;
  type: SpeakerType;
  names: Map<string, number>;
  roles: Set<string>;
  country?: string;
  /** Unnamed people and groups ("a senior aide to …") are known only by their description. */
  described: boolean;
  /** From a title, a role noun or a given name; unknown for most. */
  gender?: Gender;
  /** A person's given names as written in full mentions ("ted"), to tell Ted Cruz from Rafael Cruz. */
  given?: string[][];
}

type Gender = 'f' | 'm';

const MALE_VARIANTS = new Set(FIRST_NAME_VARIANTS.flat().filter((n) => !FEMALE_GIVEN_NAMES.has(n)));

/** Gender told by the words of a title or description ("spokeswoman", "Ms"), if any. */
function genderOfWords(text: string): Gender | undefined {
  const words = fold(text).split(' ').map((w) => w.replace(/\.$/, ''));
  for (let i = 0; i < words.length; i++) {
    const two = i + 1 < words.length ? `${words[i]} ${words[i + 1]}` : '';
    if (FEMALE_WORDS.has(words[i]) || FEMALE_WORDS.has(two)) return 'f';
    if (MALE_WORDS.has(words[i])) return 'm';
  }
  return undefined;
}

/** Gender told by a person's written name: a known given name, else a Slavic women's surname ending. */
function genderOfName(plain: string): Gender | undefined {
  const words = fold(plain).split(' ').filter(Boolean);
  if (words.length > 1) {
    const first = words[0].replace(/\.$/, '');
    if (FEMALE_GIVEN_NAMES.has(first)) return 'f';
    if (MALE_GIVEN_NAMES.has(first) || MALE_VARIANTS.has(first)) return 'm';
  }
  const surname = words[words.length - 1] ?? '';
  return surname.length > 5 && FEMALE_SURNAME_ENDINGS.test(surname) ? 'f' : undefined;
}

/** Introductory phrase before the subject ("After meeting Erdogan, …"): its names are not the subject. */
const INTRO_PHRASE = /^\s*(?:after|before|asked|speaking|following|despite|while|when|during|in|on|at|as|amid|unlike|like|with|without|according|alongside|since|until|hours|days|minutes)\b[^,.]{0,160},/i;

export interface PlacedMention {
  m: Mention;
  para: number;
  /** Global order key: paragraph and offset. */
  pos: number;
}

/** Three or more words, nearly all capitalised, no full stop at the end: a heading, not a sentence. */
function isTitleCase(text: string): boolean {
  if (text.length > 200 || /[.!?]["”’]?\s*$/.test(text)) return false;
  const words = text.split(/\s+/).filter((w) => /^\p{L}/u.test(w));
  if (words.length < 3) return false;
  const caps = words.filter((w) => /^\p{Lu}/u.test(w)).length;
  return caps / words.length >= 0.7;
}

export function posOf(para: number, offset: number): number {
  return para * 100_000_000 + offset;
}

const NEWS_ROLES = ['agency', 'outlet', 'newspaper', 'publication', 'broadcaster', 'channel', 'site', 'media'];

export class ArticleContext {
  readonly mentions: PlacedMention[] = [];
  private readonly entities = new Map<string, Entity>();
  private readonly surnames = new Map<string, string>();
  /** Other people sharing the surname of the entity `p:<surname>` in this article. */
  private readonly namesakes = new Map<string, Entity[]>();
  private readonly acronyms = new Map<string, string>();
  lastSpeaker: { ref: SpeakerRef; para: number; pos: number } | null = null;
  private readonly headingPersons: Mention[] = [];
  /** Sentence start offsets and text of each paragraph, for "the subject of the previous sentence". */
  private readonly sentences = new Map<number, readonly number[]>();
  private readonly texts = new Map<number, string>();
  /** Guards nested pronoun resolution ("He met … . “…,” he said." resolves the first "he" too). */
  private pronounDepth = 0;
  private readonly pronounMemo = new Map<string, SpeakerRef | null>();

  /** Pre-pass: records every mention of the article (in order) before any quote is attributed. */
  addParagraph(para: number, text: string, mentions: Mention[], sentences: readonly number[] = [0]): void {
    this.refs.clear();
    this.sentences.set(para, sentences);
    this.texts.set(para, text);
    // A Title Case heading ("Kremlin Confirms Putin’s Istanbul Talks Proposal") makes up names: it names nobody.
    const heading = isTitleCase(text);
    // "Marc Weller, former UN mediation expert, said": the apposition gives the person a role ("the expert").
    for (let i = 0; i + 1 < mentions.length; i++) {
      const m = mentions[i];
      if (m.kind !== 'person' || heading) continue;
      let j = i + 1;
      while (j < mentions.length && mentions[j].start < m.end) j++;
      const next = mentions[j];
      if (next && (next.kind === 'role' || next.kind === 'desc') && /^\s*,\s*$/.test(text.slice(m.end, next.start))) {
        m.roles = [...new Set([...m.roles, ...next.roles])];
        next.apposition = true;
        if (!m.country && next.country && next.roles.length) m.country = next.country;
      }
    }
    for (const m of mentions) {
      this.mentions.push({ m, para, pos: posOf(para, m.start) });
      if (m.kind === 'person') {
        if (heading) this.headingPersons.push(m);
        else this.notePerson(m);
      }
      else if (m.kind === 'org') this.noteOrg(m, text);
      // Unnamed people are candidates for later role phrases ("a US State Department spokesman" → "the spokesman").
      else if (m.kind === 'desc' && !m.apposition) this.describedRef(m, 'person');
    }
  }

  /** After the pre-pass: single capitalised words that are known surnames become people. */
  finish(): void {
    this.refs.clear();
    this.mentions.sort((a, b) => a.pos - b.pos);
    // Names from headings count only for people the text itself never names.
    for (const m of this.headingPersons) {
      const parsed = parsePersonName(m.text);
      if (parsed && !this.entities.has(`p:${parsed.surname}`)) this.notePerson(m);
    }
    for (const pm of this.mentions) {
      if (pm.m.kind === 'name1') {
        const key = nameKey(pm.m.text);
        if (this.surnames.has(key)) pm.m.kind = 'person';
        else if (this.acronyms.has(fold(pm.m.text))) pm.m.kind = 'org';
      }
    }
  }

  /**
   * The people of this article with `surname`: one entity per given name ("Ted Cruz" and "Rafael Cruz" are two);
   * a full name goes to the one whose given names fit, a bare surname to the one introduced first.
   */
  private personEntity(surname: string, given: readonly string[]): Entity | undefined {
    const first = this.entities.get(`p:${surname}`) ?? this.entities.get(this.surnames.get(surname) ?? '');
    const all = first ? [first, ...(this.namesakes.get(first.key) ?? [])] : [];
    if (all.length <= 1) return all[0];
    if (given.length) return all.find((e) => (e.given ?? []).some((g) => givenNamesCompatible(g, given))) ?? all[0];
    // A bare surname is the person the article introduced first with it: a namesake brought in later ("his
    // father, Rafael Cruz") is written out in full when meant (measured on PolNeAR: better than the latest).
    return all[0];
  }

  private notePerson(m: Mention): void {
    const parsed = parsePersonName(m.text);
    if (!parsed) return;
    let key = `p:${parsed.surname}`;
    let e = this.entities.get(key);
    if (e && parsed.given.length && (e.given ?? []).length && !(e.given ?? []).some((g) => givenNamesCompatible(g, parsed.given))) {
      // Same surname, another given name: another person, unless a namesake already fits.
      const others = this.namesakes.get(key) ?? [];
      const fit = others.find((o) => (o.given ?? []).some((g) => givenNamesCompatible(g, parsed.given)));
      if (fit) e = fit;
      else {
        key = `p:${parsed.surname}#${parsed.given.join(' ')}`;
        e = { key, type: 'person', names: new Map(), roles: new Set(), described: false };
        this.entities.set(key, e);
        others.push(e);
        this.namesakes.set(`p:${parsed.surname}`, others);
      }
    }
    if (!e) {
      e = { key, type: 'person', names: new Map(), roles: new Set(), described: false };
      this.entities.set(key, e);
      this.surnames.set(parsed.surname, key);
      // "von der Leyen" is also "Von der Leyen" at a sentence start, where the particles are read as words.
      const tail = parsed.surname.split(' ').pop();
      if (tail && tail !== parsed.surname && !this.surnames.has(tail)) this.surnames.set(tail, key);
    }
    e.names.set(parsed.plain, (e.names.get(parsed.plain) ?? 0) + 1);
    if (parsed.given.length) (e.given ??= []).push(parsed.given);
    e.gender ??= (m.title ? genderOfWords(m.title) : undefined) ?? genderOfName(parsed.plain);
    for (const r of m.roles) e.roles.add(r);
    if (m.country && m.roles.length) e.country ??= m.country;
  }

  private noteOrg(m: Mention, text: string): void {
    const key = this.orgKey(m.text);
    let e = this.entities.get(key);
    if (!e) {
      e = { key, type: 'organization', names: new Map(), roles: new Set(m.roles), described: false, country: m.country };
      this.entities.set(key, e);
    }
    e.names.set(m.text, (e.names.get(m.text) ?? 0) + 1);
    if (KNOWN_ORGS.has(fold(m.text)) || m.roles.some((r) => ['news', 'times', 'post', 'journal', 'press'].includes(r))) for (const r of NEWS_ROLES) e.roles.add(r);
    for (const r of m.roles) e.roles.add(r);
    const head = fold(m.text).split(' ').pop();
    if (head) e.roles.add(head);
    // "Institute for the Study of War (ISW)": the acronym in brackets names the same organisation.
    const after = /^\s*\(\s*(\p{Lu}[\p{Lu}\p{N}&.-]{1,9})\s*\)/u.exec(text.slice(m.end, m.end + 16));
    const acr = after ? after[1] : acronymOf(m.text);
    if (acr && !isAcronym(m.text)) {
      this.acronyms.set(fold(acr), key);
      // Only an acronym the article writes is a name of the organisation; a derived one only links mentions.
      if (after) e.names.set(acr, e.names.get(acr) ?? 0);
    }
  }

  private orgKey(name: string): string {
    const f = fold(name.replace(/^the\s+/i, ''));
    if (isAcronym(name.replace(/^the\s+/i, '')) && this.acronyms.has(f)) return this.acronyms.get(f)!;
    return `o:${nameKey(name.replace(/^the\s+/i, ''))}`;
  }

  /** Mentions of a paragraph lying in [from, to). */
  mentionsIn(para: number, from: number, to: number): Mention[] {
    const lo = this.lowerBound(posOf(para, from));
    const out: Mention[] = [];
    for (let i = lo; i < this.mentions.length; i++) {
      const pm = this.mentions[i];
      if (pm.pos >= posOf(para, to)) break;
      if (pm.m.end <= to) out.push(pm.m);
    }
    return out;
  }

  private lowerBound(pos: number): number {
    let lo = 0;
    let hi = this.mentions.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.mentions[mid].pos < pos) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Each entity's ref, built once: its names are all known after the pre-pass, and quotes ask for it often. */
  private readonly refs = new Map<Entity, SpeakerRef>();

  private entityRef(e: Entity): SpeakerRef {
    let ref = this.refs.get(e);
    if (!ref) this.refs.set(e, (ref = this.buildRef(e)));
    return ref;
  }

  private buildRef(e: Entity): SpeakerRef {
    const names = [...e.names.keys()];
    // Fullest name: a spelled-out name before an acronym, then most words, most uses, longest.
    // A name with middle names or initials gives way to its short form when the article writes that too.
    const keys = new Set(names.map((n) => nameKey(n)));
    const shortWritten = (n: string): number => {
      const short = e.type === 'person' ? withoutMiddleNames(n) : undefined;
      return short !== undefined && keys.has(nameKey(short)) ? 0 : 1;
    };
    const score = (n: string): number[] => [isAcronym(n) ? 0 : 1, shortWritten(n), n.split(/\s+/).length, e.names.get(n) ?? 0, n.length];
    let best = names[0];
    for (const n of names) {
      const a = score(n);
      const b = score(best);
      const k = a.findIndex((v, i) => v !== b[i]);
      if (k >= 0 && a[k] > b[k]) best = n;
    }
    const aliases = names.filter((n) => n !== best);
    if (e.type === 'person') {
      const surname = best.split(/\s+/).pop();
      if (surname && surname !== best && !aliases.includes(surname)) aliases.push(surname);
    }
    return { key: e.key, name: best, type: e.type, aliases };
  }

  /**
   * A transcript's speaker label ("PENCE", "CHRIS WALLACE"): the person the article names with that surname,
   * else the label in title case.
   */
  resolveLabel(label: string): SpeakerRef {
    const plain = label.toLowerCase().replace(/(^|[\s\-'’])(\p{L})/gu, (_, sep: string, c: string) => sep + c.toUpperCase());
    const surname = plain.split(/\s+/).pop() ?? plain;
    const key = this.surnames.get(nameKey(surname));
    const e = key ? this.entities.get(key) : undefined;
    return e ? this.entityRef(e) : { key: `p:${nameKey(surname)}`, name: plain, type: 'person', aliases: [] };
  }

  /** Names resolve the same wherever they are asked about (pronouns and role phrases do not): asked once. */
  private readonly named = new WeakMap<Mention, SpeakerRef | null>();

  /** The speaker a mention names, resolving pronouns and role phrases; null when it names no one. */
  resolve(m: Mention, para: number): SpeakerRef | null {
    if (m.kind !== 'person' && m.kind !== 'name1' && m.kind !== 'org') return this.resolveAt(m, para);
    let ref = this.named.get(m);
    if (ref === undefined) this.named.set(m, (ref = this.resolveAt(m, para)));
    return ref;
  }

  private resolveAt(m: Mention, para: number): SpeakerRef | null {
    const pos = posOf(para, m.start);
    switch (m.kind) {
      case 'person': {
        const parsed = parsePersonName(m.text);
        if (!parsed) return null;
        const e = this.personEntity(parsed.surname, parsed.given);
        // Named only in a heading or the headline: the name as written.
        return e ? this.entityRef(e) : { key: `p:${parsed.surname}`, name: parsed.plain, type: 'person', aliases: [] };
      }
      case 'name1': {
        const f = fold(m.text);
        if (this.acronyms.has(f)) return this.entityRef(this.entities.get(this.acronyms.get(f)!)!);
        if (isAcronym(m.text) || KNOWN_ORGS.has(f)) return this.orgRef(m.text);
        const key = this.surnames.get(nameKey(m.text));
        if (key) return this.entityRef(this.personEntity(nameKey(m.text), []) ?? this.entities.get(key)!);
        if (PLACES.has(f)) return this.orgRef(m.text);
        // An unknown single capitalised word in subject position of a reporting verb: a person's surname.
        return { key: `p:${nameKey(m.text)}`, name: m.text, type: 'person', aliases: [] };
      }
      case 'org':
        return this.orgRef(m.text);
      case 'place':
        return { key: `o:${nameKey(m.text)}`, name: m.text, type: 'organization', aliases: [] };
      case 'group':
        // "the sources" refers back; with nothing to refer to, the group itself ("sources") is still a speaker.
        if (m.definite) return this.resolveGroup(pos) ?? this.describedRef({ ...m, text: m.text.replace(/^(the|these|those)\s+/i, '') }, 'group');
        return this.describedRef(m, 'group');
      case 'desc':
        return this.describedRef(m, 'person');
      case 'role':
        // Unresolved: a long description ("the head of the presidential office") or one with a named owner
        // ("Putin’s spokesman") still says who spoke; a bare "the president" does not.
        return this.resolveRole(m, pos) ?? ((m.tokEnd - m.tokStart >= 4 && !m.definite) || /^\p{Lu}\S*['’]s\s/u.test(m.text) ? this.describedRef(m, 'person') : null);
      case 'pronoun':
        return this.resolvePronoun(m.text, para, pos);
    }
  }

  private orgRef(name: string): SpeakerRef {
    const key = this.orgKey(name);
    const e = this.entities.get(key);
    if (e) return this.entityRef(e);
    return { key, name: name.replace(/^the\s+/i, ''), type: 'organization', aliases: [] };
  }

  private describedRef(m: Mention, type: SpeakerType): SpeakerRef {
    const name = m.text.replace(/^(The|A|An|One|Some|Several|Two|Three|Four|Five)\b/, (w) => w.toLowerCase());
    const key = `d:${nameKey(name)}`;
    let e = this.entities.get(key);
    if (!e) {
      e = { key, type, names: new Map([[name, 1]]), roles: new Set(m.roles), country: m.country, described: true, gender: genderOfWords(name) };
      this.entities.set(key, e);
    }
    return { key, name, type, aliases: [] };
  }

  /** The gender the article gives the entity behind `key`, when it gives one. */
  genderOf(key: string): 'f' | 'm' | undefined {
    return this.entities.get(key)?.gender;
  }

  /** How many times the article names the entity behind `key` (0 when it has no such entity). */
  mentionCount(key: string): number {
    const e = this.entities.get(key);
    let n = 0;
    if (e) for (const c of e.names.values()) n += c;
    return n;
  }

  /** Records who spoke last: pronouns ("he said") and continued quotes refer back to them. */
  noteSpeaker(ref: SpeakerRef, para: number, offset: number): void {
    this.lastSpeaker = { ref, para, pos: posOf(para, offset) };
  }

  private resolvePronoun(p: string, para: number, pos: number): SpeakerRef | null {
    const last = this.lastSpeaker;
    if (p === 'he' || p === 'she' || p === 'him' || p === 'her') {
      // Each pronoun is resolved once: an earlier "he" met while reading back is looked up, not re-read.
      const gender = p === 'she' || p === 'her' ? 'f' : 'm';
      const memo = `${gender}${pos}`;
      if (this.pronounMemo.has(memo)) return this.pronounMemo.get(memo) ?? null;
      if (this.pronounDepth > 2) return null;
      this.pronounDepth++;
      try {
        const ref = this.resolvePersonPronoun(gender, para, pos);
        this.pronounMemo.set(memo, ref);
        return ref;
      } finally {
        this.pronounDepth--;
      }
    }
    if (p === 'they' || p === 'them') {
      const group = this.nearestBefore(pos, para, (m) => m.kind === 'group' && !m.definite);
      if (group) return group;
      if (last && last.ref.type !== 'person' && last.para >= para - 2 && last.pos < pos) return last.ref;
      return this.nearestBefore(pos, para - 1, (m) => m.kind === 'group' || m.kind === 'org');
    }
    if (p === 'it') {
      if (last && last.ref.type === 'organization' && last.para >= para - 2 && last.pos < pos) return last.ref;
      return this.nearestBefore(pos, para - 1, (m) => m.kind === 'org');
    }
    return null;
  }

  /**
   * "he"/"she": the most recent fitting person before the pronoun's sentence. Sentences are read backwards
   * (this paragraph, then the previous one): a sentence that holds the last attributed speech gives its speaker,
   * otherwise its subject if that is a person of a compatible gender. Then any person named earlier in the
   * paragraph, then the last speaker, then the last person named.
   */
  private resolvePersonPronoun(gender: Gender, para: number, pos: number): SpeakerRef | null {
    const last = this.lastSpeaker;
    const fitsRef = (ref: SpeakerRef | null): ref is SpeakerRef => {
      if (!ref || ref.type !== 'person') return false;
      const g = this.entities.get(ref.key)?.gender;
      return g === undefined || g === gender;
    };
    const offset = pos - posOf(para, 0);
    // "Sanders hasn't said whether …, and he insisted …": a pronoun opening a clause joined by "and"/"but" is
    // the subject of the clause before it.
    const own = this.texts.get(para) ?? '';
    if (/,\s*(?:and|but)\s+$/i.test(own.slice(Math.max(0, offset - 8), offset))) {
      const starts = this.sentences.get(para) ?? [0];
      let k = starts.length - 1;
      while (k > 0 && starts[k] > offset) k--;
      const subject = this.sentenceSubject(para, own, starts[k], offset);
      const ref = subject?.kind === 'person' ? this.resolve(subject, para) : null;
      if (fitsRef(ref)) return ref;
    }
    for (const q of [para, para - 1]) {
      const starts = this.sentences.get(q);
      if (!starts) continue;
      const text = this.texts.get(q) ?? '';
      let k = starts.length - 1;
      if (q === para) while (k >= 0 && starts[k] > offset) k--;
      // The pronoun's own sentence ("Asked about Trump, he said") names no one it refers to.
      const own = q === para ? k : k + 1;
      // A few dozen sentences back at most: a pronoun refers to someone recent, and walls of text stay linear.
      const stop = Math.max(0, own - 30);
      for (let s = own - 1; s >= stop; s--) {
        const from = starts[s];
        const to = s + 1 < starts.length ? starts[s + 1] : text.length;
        if (last && last.pos >= posOf(q, from) && last.pos < posOf(q, to) && last.pos < pos) {
          if (fitsRef(last.ref)) return last.ref;
        }
        const subject = this.sentenceSubject(q, text, from, to);
        if (subject) {
          const ref = this.resolve(subject, q);
          if (fitsRef(ref)) return ref;
        }
      }
      if (q === para && own > 0) {
        // Someone named earlier in this paragraph, though not as its sentence's subject ("Reporters said that
        // Zelensky refused …"); names after a preposition ("including the Crimean Peninsula") are places and objects.
        const sentStart = starts[own] ?? offset;
        const named = this.mentionsIn(para, starts[stop] ?? 0, sentStart).filter((m) => (m.kind === 'person' || m.kind === 'name1') && m.subjectOk && !m.possessive && !m.apposition);
        for (let i = named.length - 1; i >= 0; i--) {
          const ref = this.resolve(named[i], para);
          if (fitsRef(ref)) return ref;
        }
      }
    }
    if (last && last.para >= para - 3 && last.pos < pos && fitsRef(last.ref)) return last.ref;
    // The last person named nearby; a few paragraphs back when gender rules out the nearer ones.
    const hi = this.lowerBound(pos);
    for (let i = hi - 1, seen = 0; i >= 0 && seen < 300; i--, seen++) {
      const pm = this.mentions[i];
      if (pm.para < para - 3) break;
      if (pm.m.kind !== 'person' || pm.m.possessive) continue;
      if (pm.para < para - 1 && this.entityOf(pm.m)?.gender !== gender) continue;
      const ref = this.resolve(pm.m, pm.para);
      if (fitsRef(ref)) return ref;
    }
    return null;
  }

  /** The subject of a sentence: its first mention that is not after a preposition, possessive or in an introductory phrase. */
  private sentenceSubject(para: number, text: string, from: number, to: number): Mention | undefined {
    const intro = INTRO_PHRASE.exec(text.slice(from, Math.min(to, from + 200)));
    const start = intro ? from + intro[0].length : from;
    for (const m of this.mentionsIn(para, start, to)) {
      if (m.possessive || !m.subjectOk || m.apposition) continue;
      return m;
    }
    return undefined;
  }

  private resolveGroup(pos: number): SpeakerRef | null {
    const last = this.lastSpeaker;
    if (last && last.ref.type === 'group' && last.pos < pos) return last.ref;
    const para = Math.floor(pos / 100_000_000);
    return this.nearestBefore(pos, para - 2, (m) => m.kind === 'group' && !m.definite);
  }

  private nearestBefore(pos: number, minPara: number, ok: (m: Mention) => boolean): SpeakerRef | null {
    const hi = this.lowerBound(pos);
    for (let i = hi - 1, seen = 0; i >= 0 && seen < 300; i--, seen++) {
      const pm = this.mentions[i];
      if (pm.para < minPara) break;
      if (ok(pm.m)) return this.resolve(pm.m, pm.para);
    }
    return null;
  }

  /** "the Russian leader" → the person last mentioned with a matching role and country. */
  private resolveRole(m: Mention, pos: number): SpeakerRef | null {
    const wanted = new Set(m.roles.flatMap(expandRoles));
    if (wanted.size === 0) {
      // "the agency", "the ministry": an organisation by its kind.
      const head = fold(m.text).split(' ').pop() ?? '';
      return this.nearestOrgWithRole(head, pos);
    }
    const fits = (e: Entity): boolean => {
      if (![...e.roles].some((r) => wanted.has(r))) return false;
      const country = e.country ?? this.knownCountry(e);
      return !m.country || !country || country === m.country;
    };
    const last = this.lastSpeaker;
    if (last && last.pos < pos && last.para >= Math.floor(pos / 100_000_000) - 3) {
      const e = this.entities.get(last.ref.key);
      if (e && fits(e)) return last.ref;
    }
    const hi = this.lowerBound(pos);
    for (let i = hi - 1; i >= 0 && i >= hi - 3000; i--) {
      const e = this.entityOf(this.mentions[i].m);
      if (e && fits(e)) return this.entityRef(e);
    }
    // Not named yet: someone named later with that role ("the Ukrainian President … President Zelensky").
    for (let i = hi; i < this.mentions.length && i < hi + 3000; i++) {
      const e = this.entityOf(this.mentions[i].m);
      if (e && fits(e) && (m.country ? (e.country ?? this.knownCountry(e)) === m.country : true)) return this.entityRef(e);
    }
    if (m.country) {
      const known = KNOWN_PEOPLE.find((k) => k.country === m.country && k.roles.some((r) => wanted.has(r)));
      if (known) {
        const parsed = parsePersonName(known.name);
        const e = parsed && this.entities.get(`p:${parsed.surname}`);
        return e ? this.entityRef(e) : { key: `p:${parsed?.surname ?? fold(known.name)}`, name: known.name, type: 'person', aliases: [] };
      }
    }
    return null;
  }

  private nearestOrgWithRole(head: string, pos: number): SpeakerRef | null {
    const hi = this.lowerBound(pos);
    for (let i = hi - 1; i >= 0 && i >= hi - 3000; i--) {
      const m = this.mentions[i].m;
      if (m.kind !== 'org' && m.kind !== 'name1') continue;
      const e = this.entities.get(this.orgKey(m.text)) ?? (this.acronyms.has(fold(m.text)) ? this.entities.get(this.acronyms.get(fold(m.text))!) : undefined);
      if (e && e.roles.has(head)) return this.entityRef(e);
    }
    return null;
  }

  private entityOf(m: Mention): Entity | undefined {
    if (m.kind === 'person' || (m.kind === 'name1' && this.surnames.has(nameKey(m.text)))) {
      const parsed = parsePersonName(m.text);
      return parsed ? this.entities.get(`p:${parsed.surname}`) : undefined;
    }
    if (m.apposition) return undefined; // describes a named person, who is the candidate
    if (m.kind === 'desc' || (m.kind === 'role' && !m.definite && m.tokEnd - m.tokStart >= 3)) {
      const name = m.text.replace(/^(The|A|An|One)\b/, (w) => w.toLowerCase());
      return this.entities.get(`d:${nameKey(name)}`);
    }
    return undefined;
  }

  private knownCountry(e: Entity): string | undefined {
    if (e.type !== 'person' || e.described) return undefined;
    const surname = e.key.slice(2);
    const known = KNOWN_PEOPLE.find((k) => parsePersonName(k.name)?.surname === surname);
    return known?.country;
  }
}
