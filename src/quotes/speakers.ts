// The corpus-wide speaker registry: one speaker for one person (or organisation, or unnamed source) under
// every name the articles use.
//
// API (used by the engine):
//   const reg = new SpeakerRegistry();
//   reg.add(articleId, quotes)   → speaker id for each quote (null when quote.speaker is null). Adding an article
//                                  again replaces it.
//   reg.remove(articleId)        → forgets the article; speakers left with no quote disappear.
//   reg.get(id)                  → the Speaker (always with its *current canonical* id; see below).
//   reg.resolve(nameOrAlias)     → case/diacritics/transliteration-insensitive lookup; a surname alone works
//                                  when only one speaker has it.
//   reg.list()                   → every speaker, most quoted first.
//   reg.suggest(prefix, limit)   → autocomplete: speakers with an alias having a word that starts with prefix.
//   reg.quoteCount(id)           → number of quotes attributed to the speaker.
//
// Ids. add() returns a *mention id* derived from the written name only ("p:volodymyr-zelensky", "p:zelensky",
// "o:institute-for-the-study-of-war"), so it is stable across runs and never changes for a stored quote.
// Several mention ids can belong to one speaker (a bare "Zelensky" joins "Volodymyr Zelensky" once the corpus
// has him); get(mentionId).id is the canonical id — group quotes by that. Canonical ids are derived from names
// too, so the same corpus always gives the same ids.
//
// Merging rules: same surname (after folding case, diacritics and transliteration: Zelenskyy/Zelenskiy/Zelensky)
// with compatible given names (Dmytro/Dmitry, initials, middle names) is one person; a surname alone joins the
// only person with that surname; two different given names are two people. Organisations merge with their
// acronym when exactly one organisation has it. Unnamed sources merge only on the same description.
// Work is linear in the number of distinct names; indexes are rebuilt lazily after changes.
import type { ExtractedQuote, Speaker, SpeakerType } from '../types.js';
import { acronymOf, fold, givenNamesCompatible, isAcronym, nameKey, parsePersonName, stripTitles, translitKey } from './names.js';

interface Rec {
  key: string;
  type: SpeakerType;
  /** Proper-name parts for people. */
  surname?: string;
  given?: string[];
  /** Written names (the quote's speaker) with how often each was used. */
  names: Map<string, number>;
  /** Other names the articles used (speakerAliases). */
  aliases: Map<string, number>;
  quotes: number;
}

interface ArticleEntry {
  key: string;
  name: string;
  aliases: string[];
}

const PROPER_WORD = /^(?:\p{Lu}[\p{L}'’.\-]*|de|da|di|du|von|van|der|den|al|bin|la|le)$/u;

function isProperName(name: string): boolean {
  const words = name.split(/\s+/);
  return words.length >= 1 && words.length <= 5 && words.every((w) => PROPER_WORD.test(w)) && /^\p{Lu}/u.test(name);
}

function slug(text: string): string {
  return text.replace(/\s+/g, '-');
}

// Names repeat across thousands of articles: their derived keys are computed once.
const keyMemo = new Map<string, string>();
const aliasMemo = new Map<string, { keys: string[]; tails: string[] }>();
const plainMemo = new Map<string, string>();
const MEMO_LIMIT = 500_000;

function remember<V>(memo: Map<string, V>, key: string, make: () => V): V {
  let v = memo.get(key);
  if (v === undefined) {
    if (memo.size >= MEMO_LIMIT) memo.clear();
    v = make();
    memo.set(key, v);
  }
  return v;
}

/** Lookup keys (folded, transliterated, with and without titles) and word-suffixes for autocomplete of one alias. */
function aliasForms(alias: string): { keys: string[]; tails: string[] } {
  return remember(aliasMemo, alias, () => {
    const keys = [...new Set([nameKey(alias), nameKey(stripTitles(alias))])].filter(Boolean);
    const tails = new Set<string>();
    for (const form of [...keys, fold(alias)]) {
      const words = form.split(' ');
      for (let w = 0; w < words.length; w++) tails.add(words.slice(w).join(' '));
    }
    return { keys, tails: [...tails] };
  });
}

/** The mention id for a quote's speaker: derived from the name alone. */
export function speakerKey(name: string, type: SpeakerType | undefined): string {
  return remember(keyMemo, `${type ?? 'person'}\u0000${name}`, () => computeKey(name, type));
}

function computeKey(name: string, type: SpeakerType | undefined): string {
  const t = type ?? 'person';
  if (t === 'person') {
    const plain = stripTitles(name);
    if (isProperName(plain)) {
      const parsed = parsePersonName(plain);
      if (parsed) return `p:${slug(parsed.given.length ? `${parsed.given[0]} ${parsed.surname}` : parsed.surname)}`;
    }
    return `d:${slug(nameKey(name))}`;
  }
  if (t === 'organization') return `o:${slug(nameKey(name.replace(/^the\s+/i, '')))}`;
  return `g:${slug(nameKey(name))}`;
}

class UnionFind {
  private readonly parent = new Map<string, string>();
  find(x: string): string {
    let root = x;
    while (this.parent.has(root) && this.parent.get(root) !== root) root = this.parent.get(root)!;
    let cur = x;
    while (cur !== root) {
      const next = this.parent.get(cur) ?? root;
      this.parent.set(cur, root);
      cur = next;
    }
    return root;
  }
  union(a: string, b: string): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent.set(ra < rb ? rb : ra, ra < rb ? ra : rb);
  }
}

export class SpeakerRegistry {
  private readonly recs = new Map<string, Rec>();
  private readonly articles = new Map<string, ArticleEntry[]>();
  private dirty = true;
  // Derived indexes, rebuilt on demand.
  private canonOf = new Map<string, string>();
  private speakers = new Map<string, Speaker>();
  private counts = new Map<string, number>();
  private aliasIndex = new Map<string, Set<string>>();
  private surnameIndex = new Map<string, Set<string>>();
  /** "tail\u0001speakerId" for every word-suffix of every alias, sorted: a prefix is a contiguous range. */
  private prefixIndex: string[] = [];

  add(articleId: string, quotes: readonly ExtractedQuote[]): Array<string | null> {
    if (this.articles.has(articleId)) this.remove(articleId);
    const entries: ArticleEntry[] = [];
    const ids = quotes.map((q) => {
      const name = q.speaker?.trim();
      if (!name) return null;
      const type = q.speakerType ?? 'person';
      const key = speakerKey(name, type);
      let rec = this.recs.get(key);
      if (!rec) {
        rec = { key, type, names: new Map(), aliases: new Map(), quotes: 0 };
        if (key.startsWith('p:')) {
          const parsed = parsePersonName(stripTitles(name));
          rec.surname = parsed?.surname;
          rec.given = parsed?.given;
        }
        this.recs.set(key, rec);
      }
      const written = type === 'person' && key.startsWith('p:') ? remember(plainMemo, name, () => stripTitles(name)) : name;
      rec.quotes++;
      rec.names.set(written, (rec.names.get(written) ?? 0) + 1);
      const aliases = (q.speakerAliases ?? []).filter((a) => a && a !== name);
      for (const a of aliases) rec.aliases.set(a, (rec.aliases.get(a) ?? 0) + 1);
      entries.push({ key, name: written, aliases });
      return key;
    });
    this.articles.set(articleId, entries);
    this.dirty = true;
    return ids;
  }

  remove(articleId: string): void {
    const entries = this.articles.get(articleId);
    if (!entries) return;
    this.articles.delete(articleId);
    for (const e of entries) {
      const rec = this.recs.get(e.key);
      if (!rec) continue;
      rec.quotes--;
      decrement(rec.names, e.name);
      for (const a of e.aliases) decrement(rec.aliases, a);
      if (rec.quotes <= 0) this.recs.delete(e.key);
    }
    this.dirty = true;
  }

  get(id: string): Speaker | undefined {
    this.rebuild();
    const canon = this.canonOf.get(id) ?? id;
    return this.speakers.get(canon);
  }

  quoteCount(id: string): number {
    this.rebuild();
    return this.counts.get(this.canonOf.get(id) ?? id) ?? 0;
  }

  list(): Speaker[] {
    this.rebuild();
    return [...this.speakers.values()].sort((a, b) => this.rank(a, b));
  }

  resolve(nameOrAlias: string): Speaker | undefined {
    this.rebuild();
    const q = nameOrAlias.trim();
    if (!q) return undefined;
    const direct = this.get(q);
    if (direct) return direct;
    const key = nameKey(stripTitles(q));
    const hits = this.aliasIndex.get(key) ?? this.aliasIndex.get(nameKey(q));
    if (hits) {
      if (hits.size === 1) return this.speakers.get([...hits][0]);
      // Ambiguous alias: only a speaker whose display name is exactly that name.
      const exact = [...hits].filter((id) => nameKey(this.speakers.get(id)!.name) === key);
      return exact.length === 1 ? this.speakers.get(exact[0]) : undefined;
    }
    // "Dmytro Peskov", "V. Putin": a person by surname with compatible given names.
    const parsed = parsePersonName(stripTitles(q));
    if (parsed) {
      const ids = this.surnameIndex.get(parsed.surname);
      if (ids) {
        const fit = [...ids].filter((id) => {
          const rec = this.recs.get(id);
          return rec?.given && rec.given.length > 0 && givenNamesCompatible(parsed.given, rec.given);
        }).map((id) => this.canonOf.get(id)!);
        const unique = [...new Set(fit)];
        if (unique.length === 1) return this.speakers.get(unique[0]);
      }
    }
    return undefined;
  }

  suggest(prefix: string, limit = 25): Speaker[] {
    this.rebuild();
    const p = fold(prefix).split(' ').filter(Boolean).map(translitKey).join(' ');
    if (!p) return this.list().slice(0, limit);
    const found = new Set<string>();
    for (const form of new Set([p, fold(prefix)])) {
      // A transliterated prefix may differ from the raw one ("zelenskyi" → "zelensky"): look both up.
      let lo = 0;
      let hi = this.prefixIndex.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (this.prefixIndex[mid] < form) lo = mid + 1;
        else hi = mid;
      }
      for (let i = lo; i < this.prefixIndex.length && this.prefixIndex[i].startsWith(form); i++) {
        found.add(this.prefixIndex[i].slice(this.prefixIndex[i].indexOf('\u0001') + 1));
      }
    }
    return [...found].map((id) => this.speakers.get(id)!).filter(Boolean).sort((a, b) => this.rank(a, b)).slice(0, limit);
  }

  private rank(a: Speaker, b: Speaker): number {
    return (this.counts.get(b.id) ?? 0) - (this.counts.get(a.id) ?? 0) || a.name.localeCompare(b.name);
  }

  /** Recomputes clusters, display names and lookup indexes after changes: linear in distinct names. */
  private rebuild(): void {
    if (!this.dirty) return;
    this.dirty = false;
    const uf = new UnionFind();
    const bySurname = new Map<string, Rec[]>();
    const orgsByAcronym = new Map<string, Set<string>>();
    for (const rec of this.recs.values()) {
      uf.find(rec.key);
      if (rec.surname) {
        let list = bySurname.get(rec.surname);
        if (!list) bySurname.set(rec.surname, (list = []));
        list.push(rec);
      }
      if (rec.type === 'organization') {
        for (const name of [...rec.names.keys(), ...rec.aliases.keys()]) {
          const acr = isAcronym(name.replace(/^the\s+/i, '')) ? '' : acronymOf(name.replace(/^the\s+/i, ''));
          if (acr) addTo(orgsByAcronym, acr.toLowerCase(), rec.key);
          for (const alias of rec.aliases.keys()) if (isAcronym(alias)) addTo(orgsByAcronym, fold(alias).replace(/\s/g, ''), rec.key);
        }
      }
    }
    // People: compatible given names under one surname; a bare surname joins the only named person.
    for (const list of bySurname.values()) {
      const named = list.filter((r) => r.given && r.given.length > 0);
      for (let i = 0; i < named.length; i++) {
        for (let j = i + 1; j < named.length; j++) {
          if (givenNamesCompatible(named[i].given!, named[j].given!)) uf.union(named[i].key, named[j].key);
        }
      }
      const roots = new Set(named.map((r) => uf.find(r.key)));
      if (roots.size === 1) {
        const root = [...roots][0];
        for (const r of list) if (!r.given || r.given.length === 0) uf.union(root, r.key);
      }
    }
    // Organisations: an acronym joins the one spelled-out organisation that has it.
    for (const rec of this.recs.values()) {
      if (rec.type !== 'organization') continue;
      const name = [...rec.names.keys()][0] ?? '';
      if (!isAcronym(name.replace(/^the\s+/i, ''))) continue;
      const owners = orgsByAcronym.get(fold(name).replace(/\s/g, ''));
      if (owners && owners.size === 1) uf.union([...owners][0], rec.key);
    }

    // Clusters → speakers.
    const clusters = new Map<string, Rec[]>();
    for (const rec of this.recs.values()) {
      const root = uf.find(rec.key);
      let list = clusters.get(root);
      if (!list) clusters.set(root, (list = []));
      list.push(rec);
    }
    this.canonOf = new Map();
    this.speakers = new Map();
    this.counts = new Map();
    this.aliasIndex = new Map();
    this.surnameIndex = new Map();
    const tails: string[] = [];
    for (const recs of clusters.values()) {
      const id = canonicalId(recs);
      const names = new Map<string, number>();
      let quotes = 0;
      for (const r of recs) {
        quotes += r.quotes;
        for (const [n, c] of r.names) names.set(n, (names.get(n) ?? 0) + c);
      }
      const display = displayName(names, recs[0].type);
      const aliases = new Set<string>([display, ...names.keys()]);
      for (const r of recs) for (const a of r.aliases.keys()) aliases.add(a);
      const type = recs.find((r) => r.key === id)?.type ?? recs[0].type;
      const speaker: Speaker = { id, name: display, aliases: [...aliases], type };
      this.speakers.set(id, speaker);
      this.counts.set(id, quotes);
      for (const r of recs) {
        this.canonOf.set(r.key, id);
        if (r.surname) addTo(this.surnameIndex, r.surname, r.key);
      }
      const keys = new Set<string>();
      const tailSet = new Set<string>();
      for (const a of aliases) {
        const forms = aliasForms(a);
        for (const k of forms.keys) keys.add(k);
        // Raw folded forms too, so a prefix typed in another transliteration still finds it.
        for (const t of forms.tails) tailSet.add(t);
      }
      if (type === 'person') for (const r of recs) if (r.surname) keys.add(r.surname);
      for (const k of keys) addTo(this.aliasIndex, k, id);
      for (const t of tailSet) tails.push(`${t}\u0001${id}`);
    }
    tails.sort();
    this.prefixIndex = tails;
  }
}

function decrement(map: Map<string, number>, key: string): void {
  const n = (map.get(key) ?? 0) - 1;
  if (n <= 0) map.delete(key);
  else map.set(key, n);
}

function addTo(map: Map<string, Set<string>>, key: string, value: string): void {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  set.add(value);
}

/** Fullest proper name: most words, then most used, then alphabetical; an acronym never wins over a full name. */
function displayName(names: Map<string, number>, type: SpeakerType): string {
  let best = '';
  let bestScore: [number, number, number] = [-1, -1, -1];
  for (const [n, c] of names) {
    const words = n.split(/\s+/).length;
    const score: [number, number, number] = [isAcronym(n) ? 0 : 1, type === 'person' || type === 'organization' ? words : 0, c];
    const better = score[0] !== bestScore[0] ? score[0] > bestScore[0] : score[1] !== bestScore[1] ? score[1] > bestScore[1] : score[2] !== bestScore[2] ? score[2] > bestScore[2] : n < best;
    if (better) {
      best = n;
      bestScore = score;
    }
  }
  return best;
}

/** The cluster's id: its person key with the most given names, else its spelled-out organisation, else the smallest key. */
function canonicalId(recs: Rec[]): string {
  const sorted = [...recs].sort((a, b) => {
    const ga = a.given?.length ?? 0;
    const gb = b.given?.length ?? 0;
    if (ga !== gb) return gb - ga;
    const aa = a.type === 'organization' && isAcronym([...a.names.keys()][0] ?? '') ? 1 : 0;
    const ab = b.type === 'organization' && isAcronym([...b.names.keys()][0] ?? '') ? 1 : 0;
    if (aa !== ab) return aa - ab;
    return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
  });
  return sorted[0].key;
}
