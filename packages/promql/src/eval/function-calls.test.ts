import { describe, expect, it } from 'vitest';
import { FUNCTIONS } from '../functions.js';
import { FUNCTION_CALLS } from './function-calls.js';

describe('FUNCTION_CALLS', () => {
  it('implements exactly the functions that have a signature', () => {
    const signed = [...FUNCTIONS.keys()].sort();
    const implemented = [...FUNCTION_CALLS.keys()].sort();
    expect(implemented).toEqual(signed);
  });

  it('takes the range path exactly for the functions whose signature has a range-vector argument', () => {
    const mismatched: string[] = [];
    for (const [name, sig] of FUNCTIONS) {
      const impl = FUNCTION_CALLS.get(name);
      const wantsRange = sig.argTypes.includes('matrix');
      if (!impl || (impl.kind === 'range') !== wantsRange)
        mismatched.push(`${name}: ${impl?.kind ?? 'missing'}, signature ${sig.argTypes.join(',')}`);
    }
    expect(mismatched).toEqual([]);
  });
});
