// The fake Discord refuses what real Discord refuses for message context-menu commands and string selects.
import { describe, expect, test } from 'vitest';
import { checkCommands, checkMessage } from './fake-discord/validate.js';
import { paragraphPicker, parseParagraphPress } from '../src/bot/pages.js';

const codes = (errors: Array<{ code: string }>) => errors.map((e) => e.code);

describe('message context-menu commands', () => {
  test('names of 1-32 characters with spaces and capitals, no description, no options', () => {
    expect(checkCommands([{ name: 'Find sources', type: 3 }])).toEqual([]);
    expect(checkCommands([{ name: 'Find sources', type: 3, description: '' }, { name: 'find-sources', description: 'x' }])).toEqual([]);
    expect(codes(checkCommands([{ name: 'Find sources', type: 3, description: 'Look it up' }]))).toEqual(['APPLICATION_COMMAND_CONTEXT_MENU_DESCRIPTION']);
    expect(codes(checkCommands([{ name: 'Find sources', type: 3, options: [{ name: 'x', type: 3, description: 'x' }] }]))).toEqual(['APPLICATION_COMMAND_CONTEXT_MENU_OPTIONS']);
    expect(codes(checkCommands([{ name: 'x'.repeat(33), type: 3 }]))).toEqual(['APPLICATION_COMMAND_INVALID_NAME']);
    expect(codes(checkCommands([{ name: '', type: 3 }]))).toEqual(['APPLICATION_COMMAND_INVALID_NAME']);
    expect(codes(checkCommands([{ name: 'Find sources', type: 3 }, { name: 'Find sources', type: 3 }]))).toEqual(['APPLICATION_COMMANDS_DUPLICATE_NAME']);
    // A slash command still may not have spaces or capitals.
    expect(codes(checkCommands([{ name: 'Find sources', description: 'x' }]))).toEqual(['APPLICATION_COMMAND_INVALID_NAME']);
  });
});

describe('string selects', () => {
  const select = (extra: Record<string, unknown>) => ({
    components: [{ type: 1, components: [{ type: 3, custom_id: 'para:who-said', options: [{ label: 'a', value: '1:a' }, { label: 'b', value: '2:a' }], ...extra }] }],
  });
  test('are checked like Discord does', () => {
    expect(checkMessage(select({ max_values: 2 }), ['data'], { create: true }).errors).toEqual([]);
    expect(codes(checkMessage(select({ max_values: 3 }), ['data'], { create: true }).errors)).toEqual(['SELECT_COMPONENT_MAX_VALUES_INVALID']);
    expect(codes(checkMessage(select({ options: [] }), ['data'], { create: true }).errors)).toContain('BASE_TYPE_MIN_LENGTH');
    expect(codes(checkMessage(select({ options: [{ label: 'a', value: 'x' }, { label: 'b', value: 'x' }] }), ['data'], { create: true }).errors))
      .toEqual(['SELECT_COMPONENT_OPTION_VALUE_DUPLICATED']);
    expect(codes(checkMessage(select({ custom_id: 'x'.repeat(101) }), ['data'], { create: true }).errors)).toEqual(['BASE_TYPE_MAX_LENGTH']);
  });
});

describe('the Show paragraphs picker', () => {
  test('one citation: a button; many: one select of at most 25 unique options; ids within limits and read back', () => {
    const one = paragraphPicker('who-said', [{ article: 'a1', paragraph: 3, title: 'T' }, { article: 'a1', paragraph: 3 }])!;
    expect(one.components[0]).toMatchObject({ type: 2, custom_id: 'para:who-said:3:a1' });
    expect(parseParagraphPress('para:who-said:3:a1')).toEqual({ command: 'who-said', refs: [{ article: 'a1', paragraph: 3 }] });
    const refs = Array.from({ length: 40 }, (_, i) => ({ article: `art-${i % 30}`, paragraph: i, title: `A very long title ${'x'.repeat(200)}` }));
    const many = paragraphPicker('search', refs)!;
    expect(checkMessage({ components: [many] }, ['data'], { create: true }).errors).toEqual([]);
    const s = many.components[0] as { options: Array<{ value: string }>; max_values: number };
    expect(s.options).toHaveLength(25);
    expect(s.max_values).toBe(25);
    expect(parseParagraphPress('para:search', [s.options[4]!.value])).toEqual({ command: 'search', refs: [{ article: 'art-4', paragraph: 4 }] });
    // An article id too long for an option value is left out rather than breaking the message.
    expect(paragraphPicker('search', [{ article: 'y'.repeat(120), paragraph: 1 }])).toBeNull();
  });

  test('forged presses are refused', () => {
    for (const [id, values] of [['para:who-said', ['x:a']], ['para:who-said', ['-1:a']], ['para:who-said', ['2:']], ['para', undefined], ['pg:who-said:1:a', undefined], ['para:who-said', []]] as const) {
      expect(parseParagraphPress(id, values as string[] | undefined)).toBeNull();
    }
  });
});
