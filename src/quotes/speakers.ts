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
//   reg.suggest(prefix, limit)   → autocomplete: speakers with an alias having a word that starts with prefix;
//                                  names (or surnames) starting with it first, then most quoted.
//   reg.quoteCount(id)           → number of quotes attributed to the speaker.
//
// Ids. add() returns a *mention id* derived from the written name only ("p:volodymyr-zelensky", "p:zelensky",
// "o:institute-for-the-study-of-war"), so it is stable across runs and never changes for a stored quote.
// Several mention ids can belong to one speaker (a bare "Zelensky" joins "Volodymyr Zelensky" once the corpus
// has him); get(mentionId).id is the canonical id — group quotes by that. Canonical ids are derived from names
// too, so the same corpus always gives the same ids.
//
// Merging rules: same surname (after folding case, diacritics and transliteration: Zelenskyy/Zelenskiy/Zelensky)
// with compatible given names (Dmytro/Dmitry, initials, middle names) and the same generation (Jr., Sr., III) is
// one person; two different given names are two people, and a name compatible with both (an initial) joins
// neither. A surname alone first takes the full name its own article gives (one person with that surname in the
// article), else joins the only person with that surname in the corpus; when the corpus has several it stays
// apart rather than guessed. Organisations merge with their acronym when exactly one organisation has it; two
// names an article gives the same acronym ("War Research Institute (ISW)", "Institute for the Study of War")
// are one organisation when they share a word. Unnamed sources merge only on the same description.
// Indexes are brought up to date lazily, on the next lookup after a change, and only for the speakers the
// change can reach (same surname, same acronym, same previous cluster): a live change at 10k articles costs
// milliseconds, the first build is linear in the number of distinct names.
import type { ExtractedQuote, Speaker, SpeakerType } from '../types.js';
import { acronymOf, fold, givenNamesCompatible, isAcronym, nameKey, parsePersonName, stripTitles, translitKey, withoutMiddleNames } from './names.js';

interface Rec {
  key: string;
  type: SpeakerType;
  /** Proper-name parts for people. */
  surname?: string;
  given?: string[];
  /** Generation suffix ("jr", "iii"), part of who the person is: Donald Trump Jr. is not Donald Trump. */
  suffix?: string;
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

const PROPER_WORD = /^(?:\p{Lu}[\p{L}'’.-]*|de|da|di|du|von|van|der|den|al|bin|la|le)$/u;

function isProperName(name: string): boolean {
  const words = name.split(/\s+/);
  return words.length >= 1 && words.length <= 5 && words.every((w) => PROPER_WORD.test(w)) && /^\p{Lu}/u.test(name);
}

const GENERATION = /\s+(jr|sr|ii|iii|iv)\.?$/i;

/** The generation suffix of a written name, folded ("jr"), or undefined. */
function generationOf(name: string): string | undefined {
  return GENERATION.exec(name.trim())?.[1].toLowerCase();
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
      if (parsed) {
        const gen = generationOf(plain);
        const base = parsed.given.length ? `${parsed.given[0]} ${parsed.surname}` : parsed.surname;
        return `p:${slug(gen ? `${base} ${gen}` : base)}`;
      }
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

/** What a record was indexed under, so that a change can find the clusters it touches. */
interface Relations {
  surname?: string;
  /** Acronyms this organisation's spelled-out names or aliases give ("isw"). */
  owns: string[];
  /** Of those, the ones an article gave as an alias ("War Research Institute (ISW)"), not just initials. */
  given: string[];
  /** Content words of its spelled-out names, folded: two translations of one name share some. */
  words: string[];
  /** The acronym this record's own name is ("isw" for a speaker written "ISW"). */
  acronym?: string;
}

export class SpeakerRegistry {
  private readonly recs = new Map<string, Rec>();
  private readonly articles = new Map<string, ArticleEntry[]>();
  /** Records changed since the indexes were last brought up to date. */
  private readonly pending = new Set<string>();
  // Relations between records (the only ways two records can join one speaker).
  private readonly relations = new Map<string, Relations>();
  private readonly bySurname = new Map<string, Set<string>>();
  private readonly acronymOwners = new Map<string, Set<string>>();
  private readonly acronymRecs = new Map<string, Set<string>>();
  // Clusters and the lookup indexes derived from them, updated only where a change reaches.
  private readonly canonOf = new Map<string, string>();
  private readonly members = new Map<string, string[]>();
  private readonly speakers = new Map<string, Speaker>();
  private readonly counts = new Map<string, number>();
  private readonly aliasIndex = new Map<string, Set<string>>();
  private readonly keysOf = new Map<string, string[]>();
  private readonly tailsOf = new Map<string, string[]>();
  /** Folded forms a prefix must start to rank first in suggest(): the display name, surnames, acronyms. */
  private readonly leadsOf = new Map<string, string[]>();
  /** Every word-suffix of every alias → speakers; `tails` keeps the suffixes sorted so a prefix is a contiguous range. */
  private readonly tailIds = new Map<string, Set<string>>();
  private tails: string[] = [];

  add(articleId: string, quotes: readonly ExtractedQuote[]): Array<string | null> {
    if (this.articles.has(articleId)) this.remove(articleId);
    const entries: ArticleEntry[] = [];
    const fullNames = articleFullNames(quotes);
    const ids = quotes.map((q) => {
      const written0 = q.speaker?.trim();
      if (!written0) return null;
      // A bare surname is first the person its own article names in full.
      const name = (q.speakerType ?? 'person') === 'person' ? (fullNames.get(bareSurnameOf(written0) ?? '') ?? written0) : written0;
      const type = q.speakerType ?? 'person';
      const key = speakerKey(name, type);
      let rec = this.recs.get(key);
      if (!rec) {
        rec = { key, type, names: new Map(), aliases: new Map(), quotes: 0 };
        if (key.startsWith('p:')) {
          const plain = stripTitles(name);
          const parsed = parsePersonName(plain);
          rec.surname = parsed?.surname;
          rec.given = parsed?.given;
          rec.suffix = generationOf(plain);
        }
        this.recs.set(key, rec);
      }
      const written = type === 'person' && key.startsWith('p:') ? remember(plainMemo, name, () => stripTitles(name)) : name;
      rec.quotes++;
      rec.names.set(written, (rec.names.get(written) ?? 0) + 1);
      const aliases = (q.speakerAliases ?? []).filter((a) => a && a !== name);
      if (name !== written0 && !aliases.includes(written0)) aliases.push(written0);
      for (const a of aliases) rec.aliases.set(a, (rec.aliases.get(a) ?? 0) + 1);
      entries.push({ key, name: written, aliases });
      this.pending.add(key);
      return key;
    });
    this.articles.set(articleId, entries);
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
      this.pending.add(e.key);
    }
  }

  get(id: string): Speaker | undefined {
    this.refresh();
    const canon = this.canonOf.get(id) ?? id;
    return this.speakers.get(canon);
  }

  quoteCount(id: string): number {
    this.refresh();
    return this.counts.get(this.canonOf.get(id) ?? id) ?? 0;
  }

  list(): Speaker[] {
    this.refresh();
    return [...this.speakers.values()].sort((a, b) => this.rank(a, b));
  }

  resolve(nameOrAlias: string): Speaker | undefined {
    this.refresh();
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
      const ids = this.bySurname.get(parsed.surname);
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

  /**
   * Autocomplete. Speakers whose display name, or a person's surname, starts with the prefix come first
   * ("ze" → Volodymyr Zelensky before "a trusted former minister to Volodymyr Zelensky"); then any alias with a
   * word starting with it. Within each group, most quoted first.
   */
  suggest(prefix: string, limit = 25): Speaker[] {
    this.refresh();
    const p = fold(prefix).split(' ').filter(Boolean).map(translitKey).join(' ');
    if (!p) return this.list().slice(0, limit);
    const forms = [...new Set([p, fold(prefix)])];
    const found = new Set<string>();
    for (const form of forms) {
      // A transliterated prefix may differ from the raw one ("zelenskyi" → "zelensky"): look both up.
      let lo = 0;
      let hi = this.tails.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (this.tails[mid] < form) lo = mid + 1;
        else hi = mid;
      }
      for (let i = lo; i < this.tails.length && this.tails[i].startsWith(form); i++) {
        for (const id of this.tailIds.get(this.tails[i]) ?? []) found.add(id);
      }
    }
    // Top `limit` in one pass: a broad prefix can match most of the corpus, and only a page is shown.
    const top: Array<{ s: Speaker; tier: number }> = [];
    const better = (a: { s: Speaker; tier: number }, b: { s: Speaker; tier: number }): number => a.tier - b.tier || this.rank(a.s, b.s);
    for (const id of found) {
      const s = this.speakers.get(id);
      if (!s) continue;
      const item = { s, tier: (this.leadsOf.get(id) ?? []).some((l) => forms.some((f) => l.startsWith(f))) ? 0 : 1 };
      if (top.length === limit && better(item, top[top.length - 1]) >= 0) continue;
      let i = top.length;
      while (i > 0 && better(item, top[i - 1]) < 0) i--;
      top.splice(i, 0, item);
      if (top.length > limit) top.pop();
    }
    return top.map((x) => x.s);
  }

  private rank(a: Speaker, b: Speaker): number {
    return (this.counts.get(b.id) ?? 0) - (this.counts.get(a.id) ?? 0) || collator.compare(a.name, b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  }

  /**
   * Brings clusters, display names and lookup indexes up to date with the changed records. Two records can only
   * join through a shared surname or acronym, so only the clusters reachable that way from a changed record are
   * recomputed: a live change costs about the size of the speakers it touches, not the corpus.
   */
  private refresh(): void {
    if (this.pending.size === 0) return;
    const changed = [...this.pending];
    this.pending.clear();
    // 1. Re-index each changed record's relations, remembering the groups it left and joined.
    const seeds = new Set<string>(changed);
    const surnames = new Set<string>();
    const acronyms = new Set<string>();
    for (const key of changed) {
      const old = this.relations.get(key);
      if (old) {
        if (old.surname) {
          surnames.add(old.surname);
          removeFrom(this.bySurname, old.surname, key);
        }
        for (const a of old.owns) {
          acronyms.add(a);
          removeFrom(this.acronymOwners, a, key);
        }
        if (old.acronym) {
          acronyms.add(old.acronym);
          removeFrom(this.acronymRecs, old.acronym, key);
        }
        this.relations.delete(key);
      }
      const rec = this.recs.get(key);
      if (!rec) continue;
      const rel = relationsOf(rec);
      this.relations.set(key, rel);
      if (rel.surname) {
        surnames.add(rel.surname);
        addTo(this.bySurname, rel.surname, key);
      }
      for (const a of rel.owns) {
        acronyms.add(a);
        addTo(this.acronymOwners, a, key);
      }
      if (rel.acronym) {
        acronyms.add(rel.acronym);
        addTo(this.acronymRecs, rel.acronym, key);
      }
    }
    // 2. Everything that may now cluster differently: the closure over old clusters, surnames and acronyms.
    const scope = new Set<string>();
    const queue: string[] = [...seeds];
    for (const s of surnames) for (const k of this.bySurname.get(s) ?? []) queue.push(k);
    for (const a of acronyms) {
      for (const k of this.acronymOwners.get(a) ?? []) queue.push(k);
      for (const k of this.acronymRecs.get(a) ?? []) queue.push(k);
    }
    while (queue.length) {
      const key = queue.pop()!;
      if (scope.has(key)) continue;
      scope.add(key);
      const canon = this.canonOf.get(key);
      if (canon) for (const k of this.members.get(canon) ?? []) if (!scope.has(k)) queue.push(k);
      const rel = this.relations.get(key);
      if (!rel) continue;
      if (rel.surname) for (const k of this.bySurname.get(rel.surname) ?? []) if (!scope.has(k)) queue.push(k);
      for (const a of rel.acronym ? [...rel.owns, rel.acronym] : rel.owns) {
        for (const k of this.acronymOwners.get(a) ?? []) if (!scope.has(k)) queue.push(k);
        for (const k of this.acronymRecs.get(a) ?? []) if (!scope.has(k)) queue.push(k);
      }
    }
    // 3. Drop the speakers those records formed.
    const added: string[] = [];
    const removedTails = new Set<string>();
    for (const key of scope) {
      const canon = this.canonOf.get(key);
      this.canonOf.delete(key);
      if (canon && this.speakers.has(canon)) this.dropSpeaker(canon, removedTails);
    }
    // 4. Cluster the records that still exist and index the speakers they form.
    const live = [...scope].map((k) => this.recs.get(k)).filter((r): r is Rec => r !== undefined);
    for (const recs of this.clusters(live)) this.addSpeaker(recs, added);
    this.updateTails(added, removedTails);
  }

  /** Clusters of records (all their surname- and acronym-relatives are among them). */
  private clusters(recs: Rec[]): Rec[][] {
    const uf = new UnionFind();
    const bySurname = new Map<string, Rec[]>();
    for (const rec of recs) {
      uf.find(rec.key);
      if (rec.surname) {
        let list = bySurname.get(rec.surname);
        if (!list) bySurname.set(rec.surname, (list = []));
        list.push(rec);
      }
    }
    // People: compatible given names under one surname, and only when every member of both groups is compatible
    // (an initial "J. Smith" must not chain John Smith and Jane Smith into one); most specific names first, in key
    // order, so the result does not depend on the order articles came in. A bare surname joins the only person.
    for (const list of bySurname.values()) {
      const named = list.filter((r) => r.given && r.given.length > 0)
        .sort((a, b) => b.given!.length - a.given!.length || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
      const given = effectiveGivenNames(named);
      const same = (a: Rec, b: Rec): boolean => a.suffix === b.suffix && givenNamesCompatible(given.get(a.key)!, given.get(b.key)!);
      const groupOf = new Map<string, Rec[]>(named.map((r) => [r.key, [r]]));
      for (let i = 0; i < named.length; i++) {
        for (let j = i + 1; j < named.length; j++) {
          if (!same(named[i], named[j])) continue;
          const gi = groupOf.get(uf.find(named[i].key))!;
          const gj = groupOf.get(uf.find(named[j].key))!;
          if (gi === gj || !gi.every((a) => gj.every((b) => same(a, b)))) continue;
          uf.union(named[i].key, named[j].key);
          const merged = [...gi, ...gj];
          groupOf.set(uf.find(named[i].key), merged);
        }
      }
      const roots = new Set(named.map((r) => uf.find(r.key)));
      if (roots.size === 1) {
        const root = [...roots][0];
        for (const r of list) if (!r.given || r.given.length === 0) uf.union(root, r.key);
      }
    }
    // Organisations: names an article gave one acronym, sharing a word, are one organisation (translations:
    // "War Research Institute (ISW)" and "Institute for the Study of War"); an acronym written alone joins the one
    // organisation that has it.
    const orgs = recs.filter((r) => r.type === 'organization').sort((a, b) => (a.key < b.key ? -1 : 1));
    for (const rec of orgs) {
      const rel = this.relations.get(rec.key);
      if (!rel) continue;
      for (const acr of rel.given) {
        for (const other of this.acronymOwners.get(acr) ?? []) {
          if (other === rec.key) continue;
          const o = this.relations.get(other);
          if (o && o.owns.includes(acr) && rel.words.some((w) => o.words.includes(w))) uf.union(rec.key, other);
        }
      }
    }
    for (const rec of recs) {
      const acr = this.relations.get(rec.key)?.acronym;
      if (!acr) continue;
      const owners = this.acronymOwners.get(acr);
      const roots = new Set([...owners ?? []].map((k) => uf.find(k)));
      if (roots.size === 1) uf.union([...roots][0], rec.key);
    }
    const out = new Map<string, Rec[]>();
    for (const rec of recs) {
      const root = uf.find(rec.key);
      let list = out.get(root);
      if (!list) out.set(root, (list = []));
      list.push(rec);
    }
    return [...out.values()];
  }

  private addSpeaker(recs: Rec[], addedTails: string[]): void {
    // Sorted so that the same records give the same speaker whatever order they were added in.
    recs.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    const id = canonicalId(recs);
    const names = new Map<string, number>();
    let quotes = 0;
    for (const r of recs) {
      quotes += r.quotes;
      for (const [n, c] of r.names) names.set(n, (names.get(n) ?? 0) + c);
    }
    const display = displayName(names, recs[0].type);
    const others = new Set<string>(names.keys());
    for (const r of recs) for (const a of r.aliases.keys()) others.add(a);
    others.delete(display);
    const aliases = [display, ...[...others].sort()];
    const type = recs.find((r) => r.key === id)?.type ?? recs[0].type;
    this.speakers.set(id, { id, name: display, aliases, type });
    this.counts.set(id, quotes);
    this.members.set(id, recs.map((r) => r.key));
    for (const r of recs) this.canonOf.set(r.key, id);
    const keys = new Set<string>();
    const tails = new Set<string>();
    for (const a of aliases) {
      const forms = aliasForms(a);
      for (const k of forms.keys) keys.add(k);
      // Raw folded forms too, so a prefix typed in another transliteration still finds it.
      for (const t of forms.tails) tails.add(t);
    }
    if (type === 'person') for (const r of recs) if (r.surname) keys.add(r.surname);
    for (const k of keys) addTo(this.aliasIndex, k, id);
    for (const t of tails) {
      let set = this.tailIds.get(t);
      if (!set) {
        this.tailIds.set(t, (set = new Set()));
        addedTails.push(t);
      }
      set.add(id);
    }
    this.keysOf.set(id, [...keys]);
    this.tailsOf.set(id, [...tails]);
    const leads = new Set([fold(display), nameKey(display)]);
    for (const r of recs) if (r.surname) leads.add(r.surname);
    if (type !== 'person') for (const a of aliases) if (isAcronym(a)) leads.add(fold(a));
    this.leadsOf.set(id, [...leads]);
  }

  private dropSpeaker(id: string, removedTails: Set<string>): void {
    this.speakers.delete(id);
    this.counts.delete(id);
    this.members.delete(id);
    for (const k of this.keysOf.get(id) ?? []) removeFrom(this.aliasIndex, k, id);
    for (const t of this.tailsOf.get(id) ?? []) {
      const set = this.tailIds.get(t);
      if (!set) continue;
      set.delete(id);
      if (set.size === 0) {
        this.tailIds.delete(t);
        removedTails.add(t);
      }
    }
    this.keysOf.delete(id);
    this.tailsOf.delete(id);
    this.leadsOf.delete(id);
  }

  /** Keeps `tails` sorted: a few changes are spliced in place, many are re-sorted at once. */
  private updateTails(added: string[], removed: Set<string>): void {
    const gone = [...removed].filter((t) => !this.tailIds.has(t));
    const fresh = added.filter((t) => this.tailIds.has(t));
    if (gone.length + fresh.length === 0) return;
    if (gone.length + fresh.length > 2000) {
      this.tails = [...this.tailIds.keys()].sort();
      return;
    }
    for (const t of gone) {
      const i = lowerBound(this.tails, t);
      if (this.tails[i] === t) this.tails.splice(i, 1);
    }
    for (const t of fresh) {
      const i = lowerBound(this.tails, t);
      if (this.tails[i] !== t) this.tails.splice(i, 0, t);
    }
  }
}

/**
 * Given names to compare people by. Leading words caught with a name ("Republican Donald Trump", "Rival Hillary
 * Clinton") are dropped when the name without them is a more quoted person of the same surname: otherwise two
 * such descriptions would look like two different first names.
 */
function effectiveGivenNames(named: Rec[]): Map<string, string[]> {
  const byKey = new Map(named.map((r) => [r.key, r]));
  const out = new Map<string, string[]>();
  for (const r of named) {
    let given = r.given!;
    for (let i = 1; i < r.given!.length; i++) {
      const base = `${r.given![i]} ${r.surname}`;
      const shorter = byKey.get(`p:${slug(r.suffix ? `${base} ${r.suffix}` : base)}`);
      if (shorter && shorter.quotes > r.quotes) {
        given = r.given!.slice(i);
        break;
      }
    }
    out.set(r.key, given);
  }
  return out;
}

/** A written person name that is a surname alone ("Cruz", "Mr. Lynch"): its surname key; else undefined. */
function bareSurnameOf(name: string): string | undefined {
  const plain = stripTitles(name);
  if (!isProperName(plain)) return undefined;
  const parsed = parsePersonName(plain);
  return parsed && parsed.given.length === 0 && !generationOf(plain) ? parsed.surname : undefined;
}

/**
 * Surname → the one full name an article gives a person with that surname (among its quotes' speakers and their
 * aliases). A surname two people in the article share (Ted and Rafael Cruz) maps to nothing.
 */
function articleFullNames(quotes: readonly ExtractedQuote[]): Map<string, string> {
  const found = new Map<string, string[]>();
  for (const q of quotes) {
    if ((q.speakerType ?? 'person') !== 'person' || !q.speaker) continue;
    for (const written of [q.speaker, ...(q.speakerAliases ?? [])]) {
      const plain = stripTitles(written.trim());
      if (!isProperName(plain)) continue;
      const parsed = parsePersonName(plain);
      if (!parsed || parsed.given.length === 0) continue;
      let list = found.get(parsed.surname);
      if (!list) found.set(parsed.surname, (list = []));
      if (!list.includes(plain)) list.push(plain);
    }
  }
  const out = new Map<string, string>();
  for (const [surname, names] of found) {
    const people = names.map((n) => ({ n, p: parsePersonName(n)!, g: generationOf(n) }));
    const onePerson = people.every((a) => people.every((b) => a.g === b.g && givenNamesCompatible(a.p.given, b.p.given)));
    if (!onePerson) continue;
    // The fullest of its names: most words, then alphabetical (deterministic).
    out.set(surname, names.sort((a, b) => b.split(/\s+/).length - a.split(/\s+/).length || (a < b ? -1 : 1))[0]);
  }
  return out;
}

const ORG_STOP = new Set(['the', 'of', 'for', 'and', 'on', 'in', 'to', 'a', 'an', 'de', 'la', 'le', 'du', 'des']);

/** The surname and acronyms a record can join others by. */
function relationsOf(rec: Rec): Relations {
  const rel: Relations = { surname: rec.surname, owns: [], given: [], words: [] };
  if (rec.type === 'organization') {
    const owns = new Set<string>();
    const given = new Set<string>();
    const words = new Set<string>();
    for (const name of rec.names.keys()) {
      const plain = name.replace(/^the\s+/i, '');
      const acr = isAcronym(plain) ? '' : acronymOf(plain);
      if (acr) owns.add(acr.toLowerCase());
      if (!isAcronym(plain)) for (const w of fold(plain).split(' ')) if (w.length > 2 && !ORG_STOP.has(w)) words.add(w);
    }
    const spelledOut = [...rec.names.keys()].some((n) => !isAcronym(n.replace(/^the\s+/i, '')));
    if (spelledOut) {
      for (const alias of rec.aliases.keys()) {
        if (!isAcronym(alias)) continue;
        const a = fold(alias).replace(/\s/g, '');
        owns.add(a);
        given.add(a);
      }
    }
    rel.owns = [...owns];
    rel.given = [...given];
    rel.words = [...words];
    // Its own name is an acronym ("ISW"): the smallest such name, so the answer does not depend on order.
    const written = [...rec.names.keys()].filter((n) => isAcronym(n.replace(/^the\s+/i, ''))).sort()[0];
    if (written) rel.acronym = fold(written).replace(/\s/g, '');
  }
  return rel;
}

const collator = new Intl.Collator();

function lowerBound(sorted: string[], value: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function removeFrom(map: Map<string, Set<string>>, key: string, value: string): void {
  const set = map.get(key);
  if (!set) return;
  set.delete(value);
  if (set.size === 0) map.delete(key);
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

/**
 * A person's name with extra leading words that the articles use less often than the name without them
 * ("Republican Donald Trump", "Using Ted Cruz" beside a more used "Donald Trump", "Ted Cruz"): a description
 * caught with the name, not a fuller name. "Recep Tayyip Erdoğan", used as often as "Tayyip Erdogan", stays full.
 */
function decorated(name: string, count: number, byKey: Map<string, number>): boolean {
  const words = name.split(/\s+/);
  for (let i = 1; i <= words.length - 2; i++) {
    if ((byKey.get(nameKey(words.slice(i).join(' '))) ?? 0) > count) return true;
  }
  return false;
}

/** Fullest proper name: most words, then most used, then alphabetical; an acronym never wins over a full name. */
function displayName(names: Map<string, number>, type: SpeakerType): string {
  let best = '';
  let bestScore: [number, number, number, number, number] = [-1, -1, -1, -1, -1];
  const byKey = new Map<string, number>();
  if (type === 'person') for (const [n, c] of names) byKey.set(nameKey(n), (byKey.get(nameKey(n)) ?? 0) + c);
  for (const [n, c] of names) {
    const words = n.split(/\s+/).length;
    const plain = type === 'person' && words > 2 && decorated(n, byKey.get(nameKey(n)) ?? c, byKey) ? 0 : 1;
    // "Paul D. Ryan" gives way to "Paul Ryan" when the articles write that too.
    const short = type === 'person' && words > 2 ? withoutMiddleNames(n) : undefined;
    const full = short !== undefined && byKey.has(nameKey(short)) ? 0 : 1;
    const score: [number, number, number, number, number] = [isAcronym(n) ? 0 : 1, plain, full, type === 'person' || type === 'organization' ? words : 0, c];
    let better = false;
    for (let k = 0; k < score.length; k++) {
      if (score[k] !== bestScore[k]) {
        better = score[k] > bestScore[k];
        break;
      }
      if (k === score.length - 1) better = n < best;
    }
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
