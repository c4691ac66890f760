/**
 * Shared pieces of the pack commands (`packs`, `emit`, `lint`): turning registry errors into CLI
 * errors, loading a `--baselines` file, and the `--format` check.
 */
import { relative } from 'node:path';
import { PackError } from '../pack-registry/errors.js';
import {
  exampleInputs,
  getPack,
  parseBaselines,
  resolvePhase,
  type AnySeedPack,
  type PackInputs,
} from '../pack-registry/registry.js';
import { InputError, UsageError } from './command.js';
import { parseJsonInput, readTextInput } from './read-input.js';

/** The pack named by `--pack`, as an InputError (exit 2) when unknown. */
export function packFlag(name: string): AnySeedPack {
  try {
    return getPack(name);
  } catch (err) {
    if (err instanceof PackError)
      throw new InputError(err.message, { code: err.code, where: `--pack ${name}`, cause: err });
    throw err;
  }
}

/** `--phase` resolved against the pack: a missing phase on a multi-phase pack is a usage error. */
export function phaseFlag(pack: AnySeedPack, phase: string | undefined): string {
  try {
    return resolvePhase(pack, phase);
  } catch (err) {
    if (err instanceof PackError && err.code === 'packs/phase-required') throw new UsageError(err.message);
    if (err instanceof PackError)
      throw new InputError(err.message, { code: err.code, where: `--phase ${phase}`, cause: err });
    throw err;
  }
}

export { formatFlag } from './command.js';

export interface LoadedInputs {
  inputs: PackInputs;
  /** Where the values came from, for messages. */
  source: string;
  /** True when the pack's examples were used because no --baselines was given. */
  examples: boolean;
}

/**
 * The render inputs: the `--baselines` file when given (its context values completed from the
 * pack's examples), else the pack's example baselines and values.
 */
export function loadInputs(pack: AnySeedPack, baselinesPath: string | undefined, cwd: string): LoadedInputs {
  const ex = exampleInputs(pack);
  if (baselinesPath === undefined)
    return { inputs: ex, source: `the example baselines of pack '${pack.name}'`, examples: true };
  const input = readTextInput(baselinesPath, cwd, 'baselines file');
  const data = parseJsonInput(input);
  let parsed: PackInputs;
  try {
    parsed = parseBaselines(data);
  } catch (err) {
    if (err instanceof PackError) {
      const [path, ...rest] = err.message.split(': ');
      throw new InputError(rest.join(': '), {
        where: `${relative(cwd, input.absolute) || baselinesPath}: ${path}`,
        code: err.code,
        cause: err,
      });
    }
    throw err;
  }
  return {
    inputs: { baselines: parsed.baselines, values: parsed.values ?? ex.values },
    source: baselinesPath,
    examples: false,
  };
}

/** Registry errors met while rendering (missing values) as InputErrors naming the source. */
export function asInputError(err: unknown, source: string): never {
  if (err instanceof PackError)
    throw new InputError(`${err.message}; add them to ${source}`, { code: err.code, cause: err });
  throw err;
}
