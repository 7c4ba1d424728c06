// The `.md` article header: a `---` fenced block of `key: value` lines, then the body.
// Values are written JSON-quoted so titles with colons, quotes or `---` round-trip exactly;
// plain unquoted values (hand-written files) are read too.

export const FRONT_MATTER_KEYS = ['title', 'source', 'url', 'date', 'added_by', 'added_at'] as const;
export type FrontMatterKey = (typeof FRONT_MATTER_KEYS)[number];
export type FrontMatter = Partial<Record<FrontMatterKey, string>>;

export class FrontMatterError extends Error {}

const FENCE = /^---[ \t]*$/;

export function parseFrontMatter(raw: string): { meta: FrontMatter; body: string; hasHeader: boolean } {
  const text = raw.replace(/^\uFEFF/, '');
  const lines = text.split(/\r?\n/);
  if (!FENCE.test(lines[0] ?? '')) return { meta: {}, body: text, hasHeader: false };
  const end = lines.findIndex((line, i) => i > 0 && FENCE.test(line));
  if (end < 0) throw new FrontMatterError('front matter opened with --- but never closed');
  const meta: FrontMatter = {};
  for (let i = 1; i < end; i++) {
    const line = lines[i];
    if (!line.trim() || line.trimStart().startsWith('#')) continue;
    const m = /^([A-Za-z_][\w-]*)\s*:\s*(.*)$/.exec(line);
    if (!m) throw new FrontMatterError(`front matter line ${i + 1} is not "key: value": ${line.slice(0, 60)}`);
    const key = m[1].toLowerCase();
    if (!(FRONT_MATTER_KEYS as readonly string[]).includes(key)) continue; // unknown keys are tolerated
    meta[key as FrontMatterKey] = parseValue(m[2].trim(), i + 1);
  }
  return { meta, body: lines.slice(end + 1).join('\n'), hasHeader: true };
}

function parseValue(value: string, line: number): string {
  if (value.startsWith('"')) {
    try {
      const parsed: unknown = JSON.parse(value);
      if (typeof parsed === 'string') return parsed;
    } catch {
      throw new FrontMatterError(`front matter line ${line} has a badly quoted value`);
    }
  }
  if (value.startsWith("'") && value.endsWith("'") && value.length >= 2) return value.slice(1, -1).replace(/''/g, "'");
  return value;
}

/** Renders a header + body; every value is JSON-quoted and single-line. */
export function formatFrontMatter(meta: FrontMatter, body: string): string {
  const lines = ['---'];
  for (const key of FRONT_MATTER_KEYS) {
    const value = meta[key];
    if (value !== undefined && value !== '') lines.push(`${key}: ${JSON.stringify(value)}`);
  }
  lines.push('---', '');
  return `${lines.join('\n')}${body.trim()}\n`;
}
