// What real Discord refuses, with errors shaped like Discord's: 400 { code: 50035, message: 'Invalid Form Body',
// errors: { data: { embeds: { 0: { description: { _errors: [{ code, message }] } } } } } }.
// Lengths are counted in code points, as Discord does.

export type Path = Array<string | number>;

export interface FieldError {
  path: Path;
  code: string;
  message: string;
}

export interface DiscordErrorBody {
  code: number;
  message: string;
  errors?: Record<string, unknown>;
}

const cp = (s: string) => [...s].length;

export function formError(errors: FieldError[]): DiscordErrorBody {
  const root: Record<string, unknown> = {};
  for (const e of errors) {
    let node = root;
    for (const key of e.path) {
      const k = String(key);
      node[k] ??= {};
      node = node[k] as Record<string, unknown>;
    }
    ((node._errors ??= []) as unknown[]).push({ code: e.code, message: e.message });
  }
  return { code: 50035, message: 'Invalid Form Body', errors: root };
}

class Checker {
  readonly errors: FieldError[] = [];

  fail(path: Path, code: string, message: string): void {
    this.errors.push({ path, code, message });
  }

  str(v: unknown, path: Path, max: number, opts: { required?: boolean; min?: number } = {}): void {
    if (v === undefined || v === null) {
      if (opts.required) this.fail(path, 'BASE_TYPE_REQUIRED', 'This field is required');
      return;
    }
    if (typeof v !== 'string') return this.fail(path, 'STRING_TYPE_CONVERT', 'Could not interpret as string.');
    const n = cp(v);
    if (n > max) this.fail(path, 'BASE_TYPE_MAX_LENGTH', `Must be ${max} or fewer in length.`);
    const min = opts.min ?? (opts.required ? 1 : 0);
    if (n < min) this.fail(path, 'BASE_TYPE_MIN_LENGTH', `Must be ${min} or more in length.`);
  }

  arr(v: unknown, path: Path, max: number): unknown[] {
    if (v === undefined || v === null) return [];
    if (!Array.isArray(v)) {
      this.fail(path, 'LIST_TYPE_CONVERT', 'Must be an array.');
      return [];
    }
    if (v.length > max) this.fail(path, 'BASE_TYPE_MAX_LENGTH', `Must be ${max} or fewer in length.`);
    return v;
  }

  url(v: unknown, path: Path): void {
    if (v === undefined || v === null) return;
    try {
      const u = new URL(String(v));
      if (!['http:', 'https:', 'attachment:'].includes(u.protocol)) throw new Error('scheme');
      if (cp(String(v)) > 2048) throw new Error('long');
    } catch {
      this.fail(path, 'URL_TYPE_INVALID_URL', 'Not a well formed URL.');
    }
  }
}

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v && typeof v === 'object' ? (v as Obj) : {});

/** Characters counted towards the 6000 over all embeds. */
export function embedChars(e: Obj): number {
  let n = 0;
  const add = (v: unknown) => { if (typeof v === 'string') n += cp(v); };
  add(e.title);
  add(e.description);
  add(obj(e.footer).text);
  add(obj(e.author).name);
  for (const f of Array.isArray(e.fields) ? e.fields : []) {
    add(obj(f).name);
    add(obj(f).value);
  }
  return n;
}

function checkEmbeds(c: Checker, embeds: unknown, path: Path): void {
  const list = c.arr(embeds, [...path, 'embeds'], 10);
  let total = 0;
  list.forEach((raw, i) => {
    const e = obj(raw);
    const p = [...path, 'embeds', i];
    c.str(e.title, [...p, 'title'], 256);
    c.str(e.description, [...p, 'description'], 4096);
    c.url(e.url, [...p, 'url']);
    if (e.footer !== undefined) c.str(obj(e.footer).text, [...p, 'footer', 'text'], 2048, { required: true });
    if (e.author !== undefined) c.str(obj(e.author).name, [...p, 'author', 'name'], 256, { required: true });
    const fields = c.arr(e.fields, [...p, 'fields'], 25);
    fields.forEach((rf, j) => {
      const f = obj(rf);
      c.str(f.name, [...p, 'fields', j, 'name'], 256, { required: true });
      c.str(f.value, [...p, 'fields', j, 'value'], 1024, { required: true });
    });
    total += embedChars(e);
  });
  if (total > 6000) c.fail([...path, 'embeds'], 'MAX_EMBED_SIZE_EXCEEDED', 'Embed size exceeds maximum size of 6000');
}

function checkComponents(c: Checker, components: unknown, path: Path): void {
  const rows = c.arr(components, [...path, 'components'], 5);
  const seen = new Set<string>();
  rows.forEach((rawRow, r) => {
    const row = obj(rawRow);
    const rp = [...path, 'components', r];
    if (row.type !== 1) return c.fail([...rp, 'type'], 'UNION_TYPE_CHOICES', 'Value of field "type" must be one of (1,).');
    const items = c.arr(row.components, [...rp, 'components'], 5);
    if (!items.length) c.fail([...rp, 'components'], 'BASE_TYPE_MIN_LENGTH', 'Must be 1 or more in length.');
    items.forEach((rawItem, k) => {
      const b = obj(rawItem);
      const bp = [...rp, 'components', k];
      if (b.type === 3) return checkStringSelect(c, b, bp, items.length, seen);
      if (b.type !== 2) return; // other selects: not used by talks-bot; accepted as is
      c.str(b.label, [...bp, 'label'], 80);
      if (b.style === 5) {
        c.url(b.url, [...bp, 'url']);
        if (b.url === undefined) c.fail([...bp, 'url'], 'BASE_TYPE_REQUIRED', 'This field is required');
        return;
      }
      c.str(b.custom_id, [...bp, 'custom_id'], 100, { required: true });
      if (typeof b.custom_id === 'string') {
        if (seen.has(b.custom_id)) c.fail([...bp, 'custom_id'], 'COMPONENT_CUSTOM_ID_DUPLICATED', 'Component custom id cannot be duplicated');
        seen.add(b.custom_id);
      }
    });
  });
}

/** A string select (component type 3): alone in its row, 1–25 options with unique values, sane min/max. */
function checkStringSelect(c: Checker, b: Obj, p: Path, rowSize: number, seen: Set<string>): void {
  if (rowSize > 1) c.fail(p, 'COMPONENT_LAYOUT_WIDTH_EXCEEDED', 'The specified component exceeds the maximum width');
  c.str(b.custom_id, [...p, 'custom_id'], 100, { required: true });
  if (typeof b.custom_id === 'string') {
    if (seen.has(b.custom_id)) c.fail([...p, 'custom_id'], 'COMPONENT_CUSTOM_ID_DUPLICATED', 'Component custom id cannot be duplicated');
    seen.add(b.custom_id);
  }
  c.str(b.placeholder, [...p, 'placeholder'], 150);
  const options = c.arr(b.options, [...p, 'options'], 25);
  if (!options.length) c.fail([...p, 'options'], 'BASE_TYPE_MIN_LENGTH', 'Must be 1 or more in length.');
  const values = new Set<string>();
  options.forEach((raw, k) => {
    const o = obj(raw);
    c.str(o.label, [...p, 'options', k, 'label'], 100, { required: true });
    c.str(o.value, [...p, 'options', k, 'value'], 100, { required: true });
    c.str(o.description, [...p, 'options', k, 'description'], 100);
    if (typeof o.value === 'string') {
      if (values.has(o.value)) c.fail([...p, 'options', k, 'value'], 'SELECT_COMPONENT_OPTION_VALUE_DUPLICATED', 'Select component option values must be unique');
      values.add(o.value);
    }
  });
  const min = b.min_values ?? 1;
  const max = b.max_values ?? 1;
  if (typeof min !== 'number' || min < 0 || min > 25) c.fail([...p, 'min_values'], 'NUMBER_TYPE_MAX', 'int value should be between 0 and 25.');
  if (typeof max !== 'number' || max < 1 || max > 25) c.fail([...p, 'max_values'], 'NUMBER_TYPE_MAX', 'int value should be between 1 and 25.');
  else if (max > options.length) c.fail([...p, 'max_values'], 'SELECT_COMPONENT_MAX_VALUES_INVALID', 'max_values cannot exceed the number of options');
  if (typeof min === 'number' && typeof max === 'number' && min > max) c.fail([...p, 'min_values'], 'SELECT_COMPONENT_MIN_VALUES_INVALID', 'min_values cannot exceed max_values');
}

export interface MessageCheck {
  /** Form errors (50035). */
  errors: FieldError[];
  /** True when the message would show nothing (Discord: 50006 Cannot send an empty message). */
  empty: boolean;
}

/** A message body (create or edit). `path` is where Discord reports it: ['data'] for callbacks, [] for webhooks. */
export function checkMessage(body: unknown, path: Path, opts: { create: boolean; attachments?: number }): MessageCheck {
  const c = new Checker();
  const m = obj(body);
  c.str(m.content, [...path, 'content'], 2000);
  checkEmbeds(c, m.embeds, path);
  checkComponents(c, m.components, path);
  const hasContent = typeof m.content === 'string' && m.content.trim().length > 0;
  const has = hasContent || (Array.isArray(m.embeds) && m.embeds.length > 0) ||
    (Array.isArray(m.components) && m.components.length > 0) || (opts.attachments ?? 0) > 0 ||
    (Array.isArray(m.attachments) && m.attachments.length > 0) || (Array.isArray(m.sticker_ids) && m.sticker_ids.length > 0);
  return { errors: c.errors, empty: opts.create && !has };
}

/** Autocomplete result (callback type 8). */
export function checkChoices(data: unknown): FieldError[] {
  const c = new Checker();
  const d = obj(data);
  const list = c.arr(d.choices, ['data', 'choices'], 25);
  if (d.choices === undefined) c.fail(['data', 'choices'], 'BASE_TYPE_REQUIRED', 'This field is required');
  list.forEach((raw, i) => {
    const ch = obj(raw);
    c.str(ch.name, ['data', 'choices', i, 'name'], 100, { required: true });
    if (typeof ch.value === 'string') c.str(ch.value, ['data', 'choices', i, 'value'], 100);
    else if (typeof ch.value !== 'number') c.fail(['data', 'choices', i, 'value'], 'BASE_TYPE_REQUIRED', 'This field is required');
  });
  return c.errors;
}

/** Modal (callback type 9): title ≤45, 1-5 rows of one text input each (or label components). */
export function checkModal(data: unknown): FieldError[] {
  const c = new Checker();
  const d = obj(data);
  c.str(d.custom_id, ['data', 'custom_id'], 100, { required: true });
  c.str(d.title, ['data', 'title'], 45, { required: true });
  const rows = c.arr(d.components, ['data', 'components'], 5);
  if (!rows.length) c.fail(['data', 'components'], 'BASE_TYPE_MIN_LENGTH', 'Must be 1 or more in length.');
  rows.forEach((raw, r) => {
    const row = obj(raw);
    const p: Path = ['data', 'components', r];
    // Classic: action row with one text input. Newer: label (18) wrapping one component.
    const inputs = row.type === 1 ? c.arr(row.components, [...p, 'components'], 1) : row.type === 18 ? [row.component] : [];
    if (row.type === 18) c.str(row.label, [...p, 'label'], 45, { required: true });
    inputs.forEach((ri, k) => {
      const t = obj(ri);
      const tp: Path = row.type === 1 ? [...p, 'components', k] : [...p, 'component'];
      if (t.type !== 4) return;
      c.str(t.custom_id, [...tp, 'custom_id'], 100, { required: true });
      if (row.type === 1) c.str(t.label, [...tp, 'label'], 45, { required: true });
      c.str(t.value, [...tp, 'value'], 4000);
      c.str(t.placeholder, [...tp, 'placeholder'], 100);
      if (typeof t.max_length === 'number' && (t.max_length < 1 || t.max_length > 4000)) {
        c.fail([...tp, 'max_length'], 'NUMBER_TYPE_MAX', 'int value should be less than or equal to 4000.');
      }
    });
  });
  return c.errors;
}

const NAME = /^[-_\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;
/** User and message context-menu commands: 1–32 characters, spaces and capitals allowed. */
const MENU_NAME = /^[-_ '\p{L}\p{N}]{1,32}$/u;

/** The locale codes Discord accepts in name_localizations / description_localizations. */
export const DISCORD_LOCALES = new Set([
  'id', 'da', 'de', 'en-GB', 'en-US', 'es-ES', 'es-419', 'fr', 'hr', 'it', 'lt', 'hu', 'nl', 'no', 'pl', 'pt-BR', 'ro', 'fi',
  'sv-SE', 'vi', 'tr', 'cs', 'el', 'bg', 'ru', 'uk', 'hi', 'th', 'zh-CN', 'ja', 'zh-TW', 'ko',
]);

/** A chat-input name as Discord wants it: the regex, and lowercase where the script has case. */
const validName = (n: string) => NAME.test(n) && n === n.toLowerCase();

/**
 * name_localizations / description_localizations of a command, option, subcommand or choice, and of everything
 * inside it: known locales, names by the name rule, descriptions 1-100, and localised names unique among siblings.
 */
function checkLocalized(c: Checker, node: Obj, path: Path, kind: 'command' | 'option' | 'choice'): void {
  const names = node.name_localizations;
  if (names !== undefined && names !== null) {
    for (const [locale, v] of Object.entries(obj(names))) {
      const p = [...path, 'name_localizations', locale];
      if (!DISCORD_LOCALES.has(locale)) { c.fail(p, 'LOCALE_INVALID', `Invalid locale ${locale}`); continue; }
      if (kind === 'choice') c.str(v, p, 100, { required: true });
      else if (typeof v !== 'string' || !validName(v)) c.fail(p, 'APPLICATION_COMMAND_INVALID_NAME', 'Command name is invalid');
    }
  }
  const descs = node.description_localizations;
  if (descs !== undefined && descs !== null) {
    for (const [locale, v] of Object.entries(obj(descs))) {
      const p = [...path, 'description_localizations', locale];
      if (!DISCORD_LOCALES.has(locale)) { c.fail(p, 'LOCALE_INVALID', `Invalid locale ${locale}`); continue; }
      c.str(v, p, 100, { required: true });
    }
  }
  const children = Array.isArray(node.options) ? node.options.map(obj) : [];
  // Each locale sees its own names (the English one where a child has none): they must not collide.
  const locales = new Set(children.flatMap((o) => Object.keys(obj(o.name_localizations))));
  for (const locale of locales) {
    const seen = new Set<string>();
    children.forEach((o, j) => {
      const n = String(obj(o.name_localizations)[locale] ?? o.name ?? '');
      if (seen.has(n)) c.fail([...path, 'options', j, 'name_localizations', locale], 'APPLICATION_COMMAND_OPTIONS_NAME_ALREADY_EXISTS', 'Option names must be unique');
      seen.add(n);
    });
  }
  children.forEach((o, j) => {
    const op = [...path, 'options', j];
    if (kind !== 'command') {
      // Nested options (of subcommands): the same rules as top-level ones for the English texts.
      if (!validName(String(o.name ?? ''))) c.fail([...op, 'name'], 'APPLICATION_COMMAND_INVALID_NAME', 'Command name is invalid');
      c.str(o.description, [...op, 'description'], 100, { required: true });
    }
    checkLocalized(c, o, op, 'option');
  });
  if (Array.isArray(node.choices)) node.choices.forEach((ch, k) => checkLocalized(c, obj(ch), [...path, 'choices', k], 'choice'));
}

/** A command's size with every name, description and choice at its longest localisation. */
function localizedSize(node: Obj): number {
  const longest = (v: unknown, l: unknown) => Math.max(cp(String(v ?? '')), ...Object.values(obj(l)).map((x) => cp(String(x ?? ''))));
  let n = longest(node.name, node.name_localizations) + longest(node.description, node.description_localizations);
  for (const ch of Array.isArray(node.choices) ? node.choices.map(obj) : []) n += longest(ch.name, ch.name_localizations) + cp(String(ch.value ?? ''));
  for (const o of Array.isArray(node.options) ? node.options.map(obj) : []) n += localizedSize(o);
  return n;
}

/** Bulk command registration (PUT .../commands). */
export function checkCommands(body: unknown): FieldError[] {
  const c = new Checker();
  const list = c.arr(body, [], 100);
  const names = new Set<string>();
  list.forEach((raw, i) => {
    const cmd = obj(raw);
    const p: Path = [i];
    const name = String(cmd.name ?? '');
    const type = cmd.type ?? 1;
    // Names are unique per command type (a slash command and a message command may share one).
    const unique = `${String(type)}:${name}`;
    if (names.has(unique)) c.fail([...p, 'name'], 'APPLICATION_COMMANDS_DUPLICATE_NAME', `Application command names must be unique`);
    names.add(unique);
    if (type === 2 || type === 3) {
      if (!MENU_NAME.test(name) || name.trim() !== name) c.fail([...p, 'name'], 'APPLICATION_COMMAND_INVALID_NAME', 'Command name is invalid');
      if (cmd.description !== undefined && cmd.description !== '') c.fail([...p, 'description'], 'APPLICATION_COMMAND_CONTEXT_MENU_DESCRIPTION', 'Context menu commands cannot have description');
      if (cmd.options !== undefined && (!Array.isArray(cmd.options) || cmd.options.length)) c.fail([...p, 'options'], 'APPLICATION_COMMAND_CONTEXT_MENU_OPTIONS', 'Context menu commands cannot have options');
      return;
    }
    if (type !== 1) return c.fail([...p, 'type'], 'BASE_TYPE_CHOICES', 'Value must be one of (1, 2, 3, 4).');
    if (!NAME.test(name) || name !== name.toLowerCase()) c.fail([...p, 'name'], 'APPLICATION_COMMAND_INVALID_NAME', 'Command name is invalid');
    c.str(cmd.description, [...p, 'description'], 100, { required: true });
    if (cmd.default_member_permissions !== undefined && cmd.default_member_permissions !== null && !/^\d+$/.test(String(cmd.default_member_permissions))) {
      c.fail([...p, 'default_member_permissions'], 'BASE_TYPE_BAD_INT', 'Value is not a valid permissions bitfield.');
    }
    let total = cp(name) + cp(String(cmd.description ?? ''));
    const opts = c.arr(cmd.options, [...p, 'options'], 25);
    let optionalSeen = false;
    const optNames = new Set<string>();
    opts.forEach((ro, j) => {
      const o = obj(ro);
      const op: Path = [...p, 'options', j];
      const oname = String(o.name ?? '');
      if (!NAME.test(oname) || oname !== oname.toLowerCase()) c.fail([...op, 'name'], 'APPLICATION_COMMAND_INVALID_NAME', 'Command name is invalid');
      if (optNames.has(oname)) c.fail([...op, 'name'], 'APPLICATION_COMMAND_OPTIONS_NAME_ALREADY_EXISTS', 'Option names must be unique');
      optNames.add(oname);
      c.str(o.description, [...op, 'description'], 100, { required: true });
      if (typeof o.type !== 'number' || o.type < 1 || o.type > 11) c.fail([...op, 'type'], 'BASE_TYPE_CHOICES', 'Value must be one of 1-11.');
      if (o.required) {
        if (optionalSeen) c.fail([...p, 'options'], 'APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID', 'Required options must be placed before non-required options');
      } else optionalSeen = true;
      if (o.autocomplete && Array.isArray(o.choices) && o.choices.length) {
        c.fail([...op, 'autocomplete'], 'APPLICATION_COMMAND_AUTOCOMPLETE_INVALID', 'Autocomplete cannot be set with choices');
      }
      for (const k of ['min_length', 'max_length'] as const) {
        const v = o[k];
        if (v !== undefined && (typeof v !== 'number' || v < (k === 'max_length' ? 1 : 0) || v > 6000)) {
          c.fail([...op, k], 'NUMBER_TYPE_MAX', `${k} must be between 0 and 6000`);
        }
      }
      const choices = c.arr(o.choices, [...op, 'choices'], 25);
      choices.forEach((rc, k) => {
        const ch = obj(rc);
        c.str(ch.name, [...op, 'choices', k, 'name'], 100, { required: true });
        total += cp(String(ch.name ?? '')) + cp(String(ch.value ?? ''));
      });
      total += cp(oname) + cp(String(o.description ?? ''));
    });
    // Discord counts each text at its longest localisation, options of subcommands included.
    if (total > 4000 || localizedSize(cmd) > 4000) c.fail(p, 'APPLICATION_COMMAND_TOO_LARGE', 'Command exceeds maximum size (4000)');
    checkLocalized(c, cmd, p, 'command');
  });
  return c.errors;
}
