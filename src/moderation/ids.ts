// Article ids are slugs the bot makes; nothing a moderator types ever becomes a path.
import { lstat } from 'node:fs/promises';
import { join } from 'node:path';
import { ModerationError } from './errors.js';

export const MAX_SLUG_CHARS = 60;
/** What an id may look like on /remove-article and /replace-article. Seed ids (000_a0ed…) fit too. */
export const ID_PATTERN = /^[a-z0-9][a-z0-9_-]{0,79}$/;
export const ARTICLE_EXTENSIONS = ['.md', '.txt'] as const;

const CYRILLIC: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', ґ: 'g', д: 'd', е: 'e', ё: 'e', є: 'ye', ж: 'zh', з: 'z', и: 'i', і: 'i', ї: 'yi',
  й: 'y', к: 'k', л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh',
  ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch', ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya',
};

/** ASCII, lowercase, dash-separated, at most `max` characters, cut at a word boundary. */
export function slugify(text: string, max = MAX_SLUG_CHARS): string {
  const ascii = text
    .toLowerCase()
    .replace(/[\u0400-\u04ff]/g, (c) => CYRILLIC[c] ?? '')
    .replace(/ß/g, 'ss').replace(/[æ]/g, 'ae').replace(/[ø]/g, 'o').replace(/[ł]/g, 'l').replace(/[đ]/g, 'd')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/['’‘`]/g, '') // Putin's → putins
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (ascii.length <= max) return ascii;
  const cut = ascii.slice(0, max + 1);
  const atWord = cut.slice(0, cut.lastIndexOf('-'));
  return (atWord.length >= max / 2 ? atWord : ascii.slice(0, max)).replace(/-+$/, '');
}

/** The id an article would get before uniqueness: `2025-05-12-kremlin-confirms-…`, or the slug alone without a date. */
export function baseArticleId(draft: { title: string; date?: string }): string {
  const slug = slugify(draft.title) || 'article';
  const date = /^\d{4}-\d{2}-\d{2}$/.test(draft.date ?? '') ? draft.date : undefined;
  return date ? `${date}-${slug}` : slug;
}

/** Candidate ids in order: base, base-2, base-3, … */
export function* idCandidates(base: string, max = 1000): Generator<string> {
  yield base;
  for (let n = 2; n <= max; n++) yield `${base}-${n}`;
}

/** Validates an id a moderator typed and finds its live file; throws a readable ModerationError. */
export async function resolveArticleFile(dir: string, rawId: string): Promise<{ id: string; file: string; ext: '.md' | '.txt' }> {
  const id = rawId.trim();
  if (!ID_PATTERN.test(id)) {
    throw new ModerationError('bad-id', 'Article ids are lowercase letters, digits, `-` and `_` (pick one from the list).');
  }
  for (const ext of ARTICLE_EXTENSIONS) {
    const file = join(dir, `${id}${ext}`);
    try {
      const st = await lstat(file);
      if (st.isFile()) return { id, file, ext };
    } catch {
      // not this extension
    }
  }
  throw new ModerationError('unknown-article', `There is no article \`${id}\` in the corpus.`);
}

/** Whether a live file already uses this id (any article extension). */
export async function idInUse(dir: string, id: string): Promise<boolean> {
  for (const ext of ARTICLE_EXTENSIONS) {
    try {
      await lstat(join(dir, `${id}${ext}`));
      return true;
    } catch {
      // free
    }
  }
  return false;
}
