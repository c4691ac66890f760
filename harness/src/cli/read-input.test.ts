import { describe, expect, it } from 'vitest';
import { InputError } from './command.js';
import { parseJsonInput } from './read-input.js';

function jsonError(text: string): InputError {
  try {
    parseJsonInput({ path: 'in.json', absolute: '/tmp/in.json', text });
  } catch (err) {
    if (err instanceof InputError) return err;
    throw err;
  }
  throw new Error(`parsed: ${text}`);
}

describe('parseJsonInput', () => {
  // Each case's error is at the line:column a reader would point to; V8 gives no position for the
  // "Unexpected token" and "Unexpected end" messages, which jsonc-parser locates.
  const cases: Array<[string, string, RegExp]> = [
    ['{"a":\n  }', 'in.json:2:3', /^invalid JSON: Unexpected token '\}'$/],
    ['{\n  "a": tru\n}', 'in.json:2:8', /^invalid JSON: Unexpected /],
    [
      '{"a": 1',
      'in.json:1:8',
      /^invalid JSON: (Expected ',' or '\}' after property value|Unexpected end of JSON input)$/,
    ],
    ['[1,\n 2,\n]', 'in.json:3:1', /^invalid JSON: /],
    ['{"a": 1} x', 'in.json:1:10', /^invalid JSON: /],
  ];
  for (const [text, where, message] of cases) {
    it(`locates ${JSON.stringify(text)} at ${where}`, () => {
      const err = jsonError(text);
      expect(err.code).toBe('cli/bad-json');
      expect(err.where).toBe(where);
      expect(err.message).toMatch(message);
    });
  }

  it('never repeats the input in the message (it may hold credentials)', () => {
    const secret = 'hunter2-token-value';
    const err = jsonError(`{"password": "${secret}", "x": }`);
    expect(err.message).not.toContain(secret);
    expect(err.where).toBe('in.json:1:42');
    // Past a few dozen characters V8 quotes an excerpt between "..." marks: dropped too.
    const long = jsonError(`{"a": "${'x'.repeat(200)}", "password": "${secret}",\n "b": ]}`);
    expect(long.message).toBe("invalid JSON: Unexpected token ']'");
    expect(long.where).toBe('in.json:2:7');
  });

  it('parses valid JSON unchanged', () => {
    expect(parseJsonInput({ path: 'ok.json', absolute: '/tmp/ok.json', text: '{"a":[1,2]}' })).toEqual({ a: [1, 2] });
  });
});
