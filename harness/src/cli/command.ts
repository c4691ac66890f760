/**
 * The shape every `alertcraft` command has. A command parses its own flags with `parseFlags`,
 * returns an exit code, and throws `UsageError` (exit 2) or `InputError` (exit 2) for bad usage
 * or unusable input; main.ts prints those as one line with no stack trace.
 */
export interface Command {
  name: string;
  /** One line for `alertcraft --help`. */
  summary: string;
  /** Full `alertcraft <name> --help` text. */
  help: string;
  run(argv: string[], io: CommandIO): Promise<number>;
}

export interface CommandIO {
  stdout: (line: string) => void;
  stderr: (line: string) => void;
  /** True when stderr is a TTY (progress bars); plain progress lines otherwise. */
  isTTY: boolean;
  cwd: string;
}

/** Wrong flags or arguments: exit code 2 with the message and a pointer to --help. */
export class UsageError extends Error {
  readonly code = 'cli/usage';
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/**
 * Input the user gave that cannot be used (missing file, malformed YAML, unknown pack/phase...):
 * exit code 2. `where` is `file:line:col` or a JSON path when known.
 */
export class InputError extends Error {
  readonly code: string;
  readonly where?: string;
  constructor(message: string, options?: { where?: string; code?: string; cause?: unknown }) {
    super(message, { cause: options?.cause });
    this.name = 'InputError';
    this.where = options?.where;
    this.code = options?.code ?? 'cli/input';
  }
}

export interface FlagSpec {
  /** Flags that take a value, e.g. `['pack', 'phase', 'out']`. Repeated flags keep the last value unless listed in `multi`. */
  values?: readonly string[];
  /** Flags that are booleans, e.g. `['live', 'help']`. */
  booleans?: readonly string[];
  /** Value flags that may repeat; their values are collected in order. */
  multi?: readonly string[];
}

export interface ParsedFlags {
  flags: Record<string, string | boolean | string[]>;
  positionals: string[];
}

/** `--name value`, `--name=value`, `--bool`; `--` ends flags. Unknown flags are a UsageError. */
export function parseFlags(argv: readonly string[], spec: FlagSpec): ParsedFlags {
  const values = new Set(spec.values ?? []);
  const booleans = new Set([...(spec.booleans ?? []), 'help']);
  const multi = new Set(spec.multi ?? []);
  const flags: Record<string, string | boolean | string[]> = {};
  const positionals: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (arg === '-h') {
      flags.help = true;
      continue;
    }
    if (!arg.startsWith('--') || arg === '--') {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
    if (booleans.has(name)) {
      if (eq !== -1) throw new UsageError(`--${name} takes no value`);
      flags[name] = true;
      continue;
    }
    if (!values.has(name) && !multi.has(name)) throw new UsageError(`unknown flag --${name}`);
    let value: string | undefined;
    if (eq !== -1) value = arg.slice(eq + 1);
    else {
      value = argv[i + 1];
      if (value === undefined || value.startsWith('--')) throw new UsageError(`--${name} needs a value`);
      i++;
    }
    if (multi.has(name)) {
      const prev = flags[name];
      flags[name] = Array.isArray(prev) ? [...prev, value] : [value];
    } else flags[name] = value;
  }
  return { flags, positionals };
}

/** The string value of a flag, or undefined. */
export function flagString(parsed: ParsedFlags, name: string): string | undefined {
  const v = parsed.flags[name];
  return typeof v === 'string' ? v : undefined;
}

/** A value of `--format`, or a usage error listing the allowed ones. */
export function formatFlag<T extends string>(value: string | undefined, allowed: readonly T[], fallback?: T): T {
  if (value === undefined) {
    if (fallback !== undefined) return fallback;
    throw new UsageError(`--format is required: ${allowed.join(', ')}`);
  }
  if (!(allowed as readonly string[]).includes(value))
    throw new UsageError(`unknown --format '${value}'; use one of ${allowed.join(', ')}`);
  return value as T;
}

/**
 * A non-negative decimal integer flag (`--seed 42`): `''`, `0x10`, `1e3`, `-1` and values over
 * `max` are UsageErrors naming the flag. Undefined when the flag is absent.
 */
export function flagInteger(
  parsed: ParsedFlags,
  name: string,
  opts: { min?: number; max?: number } = {},
): number | undefined {
  const text = flagString(parsed, name);
  if (text === undefined) return undefined;
  const min = opts.min ?? 0;
  const max = opts.max ?? Number.MAX_SAFE_INTEGER;
  const n = /^\d{1,16}$/.test(text) ? Number(text) : NaN;
  if (!(Number.isSafeInteger(n) && n >= min && n <= max)) {
    throw new UsageError(`--${name} '${text}': expected a decimal integer from ${min} to ${max}`);
  }
  return n;
}

/**
 * A decimal number flag within [min, max] (`--speedup 60`, `--speedup 0.5`): no hex, no exponent,
 * no empty string. Undefined when absent.
 */
export function flagDecimal(parsed: ParsedFlags, name: string, opts: { min: number; max: number }): number | undefined {
  const text = flagString(parsed, name);
  if (text === undefined) return undefined;
  const n = /^\d{1,12}(\.\d{1,12})?$/.test(text) ? Number(text) : NaN;
  if (!(n >= opts.min && n <= opts.max))
    throw new UsageError(`--${name} '${text}': expected a decimal number from ${opts.min} to ${opts.max}`);
  return n;
}

/** `url` with any user:password replaced by `***`, for messages (never print credentials). */
export function redactUrl(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/?#@]*@/i, '$1***@');
}

/**
 * An http(s) URL flag, parsed with WHATWG URL rules (so `http://u:p@[::1/a` is an error); the
 * message never shows the credentials. Returns the URL as given.
 */
export function flagHttpUrl(parsed: ParsedFlags, name: string): string | undefined {
  const text = flagString(parsed, name);
  if (text === undefined) return undefined;
  let url: URL | undefined;
  try {
    url = new URL(text);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || !url.hostname || /\s/.test(text)) {
    throw new UsageError(`--${name} '${redactUrl(text)}' is not a valid http(s) URL`);
  }
  return text;
}

/** Flags that only mean something with `--<mode>` (e.g. `--speedup` without `--live`) are UsageErrors. */
export function requireModeFor(parsed: ParsedFlags, mode: string, names: readonly string[]): void {
  if (parsed.flags[mode]) return;
  const given = names.filter((n) => parsed.flags[n] !== undefined);
  if (given.length) throw new UsageError(`${given.map((n) => `--${n}`).join(', ')} only apply with --${mode}`);
}
