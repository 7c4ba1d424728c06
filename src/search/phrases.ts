// A positional index for quoted-phrase checks: each document's words as small integer ids, so checking
// whether a candidate holds "peace talks" compares integers instead of re-tokenizing, folding and stemming
// its text. Gives exactly the answer of containsPhrases (src/search/index.ts) for the text a document was
// added with: a word id stands for phraseWord(token) of each token of tokenize(text), which is what
// containsPhrases compares.
import { phraseWord } from './query.js';
import { tokenize } from './text.js';
import { VarintReader, VarintWriter } from './varint.js';

/** Phrases resolved to word ids for one query (see PhraseIndex.compile). */
export interface CompiledPhrases {
  /** Each phrase as word ids; empty when there is no phrase (every document matches). */
  readonly phrases: readonly Int32Array[];
  /** Some phrase has a word no document ever held: no document matches. */
  readonly impossible: boolean;
}

export interface PhraseIndexStats {
  documents: number;
  /** Word positions held for indexed documents. */
  tokens: number;
  /** Arena positions left by removed or replaced documents, reclaimed by the next compaction. */
  holes: number;
  /** Bytes of the typed arrays (arena and per-document offsets/lengths): exact. */
  arrayBytes: number;
  distinctWords: number;
  cachedTokens: number;
  compactions: number;
  /** Typed arrays plus an estimate of the maps (ids, word dictionary, token cache). */
  estimatedBytes: number;
}

export interface PhraseIndexOptions {
  /** Compaction waits until at least this many positions are holes (tiny indexes are not worth copying). */
  minCompactHoles?: number;
  /** Raw tokens cached with their word id before the cache is dropped (default 200,000). */
  maxCachedTokens?: number;
}

/** A phrase index as a snapshot stores it (see PhraseIndex.exportState). */
export interface PhraseIndexState {
  words: string[];
  lengths: number[];
  data: string;
}

/** A stored phrase index that does not hold together: the snapshot is not used. */
export class PhraseStateError extends Error {}

/** Raw tokens seen are cached with their word id; the cache is dropped when it reaches this size. */
const DEFAULT_MAX_CACHED_TOKENS = 200_000;
const DEFAULT_MIN_COMPACT_HOLES = 1 << 16;
const INITIAL_ARENA = 1 << 12;
const INITIAL_SLOTS = 1 << 8;
// Rough V8 costs for the estimate: a Map entry, and a string's header (chars are 1 byte for Latin-1).
const MAP_ENTRY_BYTES = 40;
const STRING_HEADER_BYTES = 20;

export class PhraseIndex {
  /** Document id → slot (index into offsets/lengths). */
  private readonly docs = new Map<string, number>();
  private offsets: Int32Array = new Int32Array(INITIAL_SLOTS);
  private lengths: Int32Array = new Int32Array(INITIAL_SLOTS);
  private readonly freeSlots: number[] = [];
  private slotCount = 0;
  /** Every document's word ids, one after another; [used, capacity) is free. */
  private arena = new Int32Array(INITIAL_ARENA);
  private used = 0;
  private holes = 0;
  private compactions = 0;
  /** phraseWord(token) → word id. Never shrinks, so compiled phrases and stored ids stay valid. */
  private readonly wordIds = new Map<string, number>();
  private wordChars = 0;
  private idChars = 0;
  /** Raw token → word id: phraseWord runs once per distinct spelling, not once per occurrence. */
  private readonly tokenIds = new Map<string, number>();
  private readonly minCompactHoles: number;
  private readonly maxCachedTokens: number;

  constructor(opts: PhraseIndexOptions = {}) {
    this.minCompactHoles = Math.max(0, opts.minCompactHoles ?? DEFAULT_MIN_COMPACT_HOLES);
    this.maxCachedTokens = Math.max(1, opts.maxCachedTokens ?? DEFAULT_MAX_CACHED_TOKENS);
  }

  get size(): number {
    return this.docs.size;
  }

  has(id: string): boolean {
    return this.docs.has(id);
  }

  /** Indexes `text` under `id`, replacing what the id held. */
  add(id: string, text: string): void {
    const tokens = tokenize(text);
    const n = tokens.length;
    let slot = this.docs.get(id);
    let at: number;
    if (slot !== undefined && n <= this.lengths[slot]) {
      // The new words fit where the old ones were: overwrite in place.
      at = this.offsets[slot];
      this.holes += this.lengths[slot] - n;
    } else {
      if (slot === undefined) {
        slot = this.newSlot();
        this.docs.set(id, slot);
        this.idChars += id.length;
      } else {
        this.holes += this.lengths[slot];
      }
      this.reserve(n);
      at = this.used;
      this.used += n;
    }
    const arena = this.arena;
    for (let i = 0; i < n; i++) arena[at + i] = this.tokenId(tokens[i]);
    this.offsets[slot] = at;
    this.lengths[slot] = n;
    this.maybeCompact();
  }

  remove(id: string): void {
    const slot = this.docs.get(id);
    if (slot === undefined) return;
    this.docs.delete(id);
    this.idChars -= id.length;
    this.holes += this.lengths[slot];
    this.lengths[slot] = 0;
    this.freeSlots.push(slot);
    if (this.docs.size === 0) {
      this.used = 0;
      this.holes = 0;
    } else this.maybeCompact();
  }

  /**
   * The query's phrases as word ids: done once per query, so checking each candidate is integer compares
   * only. Valid until the next add (a word first added after compiling would count as unknown).
   */
  compile(phrases: readonly (readonly string[])[]): CompiledPhrases {
    const out: Int32Array[] = [];
    for (const phrase of phrases) {
      const ids = new Int32Array(phrase.length);
      for (let j = 0; j < phrase.length; j++) {
        const wordId = this.wordIds.get(phrase[j]);
        // A word no document has: no document can hold the phrase.
        if (wordId === undefined) return { phrases: [], impossible: true };
        ids[j] = wordId;
      }
      out.push(ids);
    }
    return { phrases: out, impossible: false };
  }

  /**
   * Whether document `id` holds every phrase as consecutive words: containsPhrases's answer for the text it
   * was added with. Undefined when `id` is not indexed (check its text instead). An empty phrase is held by
   * every document.
   */
  containsCompiled(id: string, compiled: CompiledPhrases): boolean | undefined {
    const slot = this.docs.get(id);
    return slot === undefined ? undefined : this.containsAt(slot, compiled);
  }

  /**
   * The slot of document `id` (-1 when not indexed): stable while the document stays indexed, so a caller
   * checking the same documents query after query can keep it and skip the lookup by id (see containsAt).
   */
  slotOf(id: string): number {
    return this.docs.get(id) ?? -1;
  }

  /** containsCompiled for the document now in `slot` (from slotOf, while that document is indexed). */
  containsAt(slot: number, compiled: CompiledPhrases): boolean {
    if (compiled.impossible) return false;
    const arena = this.arena;
    const start = this.offsets[slot];
    const end = start + this.lengths[slot];
    for (const phrase of compiled.phrases) {
      const n = phrase.length;
      if (n === 0) continue;
      const first = phrase[0];
      let found = false;
      outer: for (let i = start, last = end - n; i <= last; i++) {
        if (arena[i] !== first) continue;
        for (let j = 1; j < n; j++) if (arena[i + j] !== phrase[j]) continue outer;
        found = true;
        break;
      }
      if (!found) return false;
    }
    return true;
  }

  /** One-off form of compile + containsCompiled; a query checking many candidates should compile once. */
  contains(id: string, phrases: readonly (readonly string[])[]): boolean | undefined {
    if (!this.docs.has(id)) return undefined;
    return this.containsCompiled(id, this.compile(phrases));
  }

  /**
   * The words of documents `ids` (in that order) for a snapshot: the word list, each document's length, and
   * every word id as an unsigned LEB128 varint (frequent words are met first and get small ids: ~1.5 bytes a
   * word). Loading this is far cheaper than tokenizing every passage again.
   */
  exportState(ids: readonly string[]): PhraseIndexState {
    const words = [...this.wordIds.keys()];
    const lengths: number[] = new Array(ids.length);
    let total = 0;
    for (let i = 0; i < ids.length; i++) {
      const slot = this.docs.get(ids[i]);
      if (slot === undefined) throw new Error(`phrase index has no document ${ids[i]}`);
      total += (lengths[i] = this.lengths[slot]);
    }
    const out = new VarintWriter(total);
    for (const id of ids) {
      const slot = this.docs.get(id)!;
      for (let i = this.offsets[slot], end = i + this.lengths[slot]; i < end; i++) out.write(this.arena[i]);
    }
    return { words, lengths, data: out.base64() };
  }

  /** An index holding documents `ids` with the words `state` gives them (see exportState); checked, never trusted. */
  static fromState(state: unknown, ids: readonly string[], opts: PhraseIndexOptions = {}): PhraseIndex {
    const st = state as Partial<PhraseIndexState> | null;
    if (!st || !Array.isArray(st.words) || !Array.isArray(st.lengths) || typeof st.data !== 'string' || st.lengths.length !== ids.length) {
      throw new PhraseStateError('phrase index is malformed');
    }
    const index = new PhraseIndex(opts);
    for (const word of st.words) {
      if (typeof word !== 'string' || index.wordIds.has(word)) throw new PhraseStateError('phrase index word list is malformed');
      index.wordIds.set(word, index.wordIds.size);
      index.wordChars += word.length;
    }
    let total = 0;
    for (const n of st.lengths) {
      if (!Number.isInteger(n) || n < 0) throw new PhraseStateError('phrase index lengths are malformed');
      total += n;
    }
    const data = new VarintReader(st.data);
    // Room to add articles live (~1/16 more) before the first copy of the whole arena.
    const arena = new Int32Array(Math.max(INITIAL_ARENA, total + (total >> 4)));
    const wordCount = st.words.length;
    for (let i = 0; i < total; i++) {
      let v: number;
      try {
        v = data.next();
      } catch (err) {
        throw new PhraseStateError(`phrase index data: ${(err as Error).message}`);
      }
      if (v >= wordCount) throw new PhraseStateError('phrase index refers to an unknown word');
      arena[i] = v;
    }
    if (!data.done) throw new PhraseStateError('phrase index has extra data');
    index.arena = arena;
    index.used = total;
    index.offsets = new Int32Array(Math.max(INITIAL_SLOTS, ids.length));
    index.lengths = new Int32Array(Math.max(INITIAL_SLOTS, ids.length));
    let at = 0;
    for (let i = 0; i < ids.length; i++) {
      if (index.docs.has(ids[i])) throw new PhraseStateError(`phrase index lists ${ids[i]} twice`);
      index.docs.set(ids[i], i);
      index.idChars += ids[i].length;
      index.offsets[i] = at;
      index.lengths[i] = st.lengths[i];
      at += st.lengths[i];
    }
    index.slotCount = ids.length;
    return index;
  }

  /** Drops the raw-token cache (after a bulk build it holds every spelling met; live adds refill what they need). */
  releaseCache(): void {
    this.tokenIds.clear();
  }

  stats(): PhraseIndexStats {
    const arrayBytes = this.arena.byteLength + this.offsets.byteLength + this.lengths.byteLength;
    const mapBytes =
      this.docs.size * (MAP_ENTRY_BYTES + STRING_HEADER_BYTES) + this.idChars +
      this.wordIds.size * (MAP_ENTRY_BYTES + STRING_HEADER_BYTES) + this.wordChars +
      // Cached tokens are mostly the same strings the texts hold; count their entries and headers.
      this.tokenIds.size * (MAP_ENTRY_BYTES + STRING_HEADER_BYTES);
    return {
      documents: this.docs.size,
      tokens: this.used - this.holes,
      holes: this.holes,
      arrayBytes,
      distinctWords: this.wordIds.size,
      cachedTokens: this.tokenIds.size,
      compactions: this.compactions,
      estimatedBytes: arrayBytes + mapBytes,
    };
  }


  private tokenId(token: string): number {
    let id = this.tokenIds.get(token);
    if (id === undefined) {
      const word = phraseWord(token);
      id = this.wordIds.get(word);
      if (id === undefined) {
        id = this.wordIds.size;
        this.wordIds.set(word, id);
        this.wordChars += word.length;
      }
      if (this.tokenIds.size >= this.maxCachedTokens) this.tokenIds.clear();
      this.tokenIds.set(token, id);
    }
    return id;
  }

  private newSlot(): number {
    const free = this.freeSlots.pop();
    if (free !== undefined) return free;
    if (this.slotCount === this.offsets.length) {
      const grow = (a: Int32Array): Int32Array => {
        const b = new Int32Array(a.length * 2);
        b.set(a);
        return b;
      };
      this.offsets = grow(this.offsets);
      this.lengths = grow(this.lengths);
    }
    return this.slotCount++;
  }

  /**
   * Room for `n` more positions at the end of the arena. Grows by half (appends cost O(1) amortized): doubling
   * an arena of tens of millions of words would hold twice the memory for a few added articles.
   */
  private reserve(n: number): void {
    const needed = this.used + n;
    if (needed <= this.arena.length) return;
    let capacity = this.arena.length;
    while (capacity < needed) capacity = Math.ceil(capacity * 1.5);
    const grown = new Int32Array(capacity);
    grown.set(this.arena.subarray(0, this.used));
    this.arena = grown;
  }

  /**
   * Removed and replaced documents leave holes. Once holes are over half of the used arena, the live words
   * are copied into a right-sized arena: each copy moves no more words than holes made since the last one
   * (O(1) amortized per removed word), and the arena never holds more than about twice the live words.
   */
  private maybeCompact(): void {
    if (this.holes < this.minCompactHoles || this.holes * 2 <= this.used) return;
    const live = this.used - this.holes;
    const next = new Int32Array(Math.max(INITIAL_ARENA, Math.ceil(live * 1.25)));
    let at = 0;
    for (const slot of this.docs.values()) {
      const start = this.offsets[slot];
      const n = this.lengths[slot];
      next.set(this.arena.subarray(start, start + n), at);
      this.offsets[slot] = at;
      at += n;
    }
    this.arena = next;
    this.used = at;
    this.holes = 0;
    this.compactions++;
  }
}
