/**
 * The one YAML reader of the project's Prometheus files (rule files, PrometheusRule manifests,
 * promtool unit-test files): parses with source positions, accepts what go-yaml accepts where the
 * `yaml` package is stricter (see go-compat.ts), and returns syntax errors as data. `YamlReader`
 * walks the result strictly (unknown fields and wrong types are errors, as with go-yaml's
 * `UnmarshalStrict`), keeping every unknown field, not only the first.
 */
import {
  isAlias,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  parseAllDocuments,
  parseDocument,
  type Document,
  type Node as YamlNode,
  type Pair,
  type YAMLMap,
} from 'yaml';
import { parseDuration } from '../duration.js';
import { parseGoCompatible } from './go-compat.js';

export interface YamlPosition {
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
}

/** A problem found while reading: what, and where (1-based line/column; 0 when unknown). */
export interface YamlProblem extends YamlPosition {
  message: string;
}

/** A syntax error: a problem in one of the documents. */
export interface YamlSyntaxError extends YamlProblem {
  /** Index of the document it is in. */
  document: number;
}

export interface ReadYamlOptions {
  /** YAML version of scalars (`1.1`: `yes`/`no` are booleans, as go-yaml v2 reads them). Default `1.2`. */
  version?: '1.1' | '1.2';
  /** Duplicate mapping keys are errors (default true). */
  uniqueKeys?: boolean;
  /** Read every document of a `---`-separated stream (default: the first only, as `yaml.Unmarshal`). */
  allDocuments?: boolean;
}

/** A parsed YAML text. */
export interface YamlSource {
  /** The text the positions refer to (the input, indented where go-yaml needs no indentation; same lines). */
  text: string;
  lines: LineCounter;
  /** One per document; exactly one unless `allDocuments`. */
  documents: Document[];
  /** Syntax errors (first line of the parser's message, without its position). */
  errors: YamlSyntaxError[];
  /** Position of a node's first character. */
  pos(node: YamlNode | null | undefined): YamlPosition | undefined;
  /** Position of a text offset. */
  at(offset: number): YamlPosition;
}

/** Parses YAML text with positions; never throws on bad input. */
export function readYaml(input: string, options: ReadYamlOptions = {}): YamlSource {
  const opts = {
    prettyErrors: false,
    uniqueKeys: options.uniqueKeys ?? true,
    version: options.version ?? '1.2',
  } as const;
  const { text, result } = parseGoCompatible(input, (t) => {
    const counter = new LineCounter();
    const documents = options.allDocuments
      ? parseAllDocuments(t, { ...opts, lineCounter: counter })
      : [parseDocument(t, { ...opts, lineCounter: counter })];
    // parseAllDocuments gives an EmptyStream (no documents) for empty text.
    const docs = Array.isArray(documents) ? (documents as Document[]) : [];
    return { docs, counter, errors: docs.flatMap((d, document) => d.errors.map((e) => ({ e, document }))) };
  });
  const lines = result.counter;
  const at = (offset: number): YamlPosition => {
    const p = lines.linePos(offset);
    return { line: p.line, column: p.col };
  };
  return {
    text,
    lines,
    documents: result.docs,
    errors: result.errors.map(({ e, document }) => ({
      ...at(e.pos[0]),
      message: e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, ''),
      document,
    })),
    pos: (node) => (node?.range?.[0] === undefined ? undefined : at(node.range[0])),
    at,
  };
}

/** Builds the error a `YamlReader` throws (the file kind decides the class). */
export type YamlErrorFactory = (
  message: string,
  pos: YamlPosition | undefined,
  problems: readonly YamlProblem[],
) => Error;

/** A `<<` merge key: the yaml package gives it as a symbol in YAML 1.1 mode, a plain `<<` otherwise. */
function isMergeKey(key: YamlNode | null): boolean {
  if (!isScalar(key)) return false;
  const v = key.value;
  if (typeof v === 'symbol') return v.description === '<<';
  return v === '<<' && key.type === 'PLAIN';
}

/** Walks a YAML node tree with positions and strict typing; throws the factory's error on a problem. */
export class YamlReader {
  source: YamlSource | undefined;
  /** Unknown fields seen so far (go-yaml reports them all, after the walk). */
  readonly unknownFields: YamlProblem[] = [];

  constructor(
    readonly file: string,
    private readonly error: YamlErrorFactory,
  ) {}

  get lines(): LineCounter {
    return this.source?.lines ?? new LineCounter();
  }

  pos(node: YamlNode | null | undefined): YamlPosition | undefined {
    return this.source?.pos(node);
  }

  /**
   * Throws the factory's error for `node`: `message` and its position, and in `problems` the
   * unknown fields seen so far with it, in file order.
   */
  fail(node: YamlNode | null | undefined, message: string): never {
    const p = this.pos(node);
    const problems = [...this.unknownFields, { line: p?.line ?? 0, column: p?.column ?? 0, message }].sort(
      (a, b) => a.line - b.line || a.column - b.column,
    );
    throw this.error(message, p, problems);
  }

  /** Throws when unknown fields were seen (all of them in one error). */
  finish(): void {
    const [first] = this.unknownFields;
    if (first) throw this.error(first.message, first, [...this.unknownFields]);
  }

  /** Parses `text` (first document) with this reader's file; a syntax error throws the factory's error. */
  parse(text: string, options: Omit<ReadYamlOptions, 'allDocuments'> = { version: '1.1' }): YamlNode | null {
    this.source = readYaml(text, options);
    const err = this.source.errors[0];
    if (err)
      throw this.error(`malformed YAML: ${err.message}`, err, [{ ...err, message: `malformed YAML: ${err.message}` }]);
    return this.source.documents[0]?.contents as YamlNode | null;
  }

  /**
   * The node an alias (`*name`) stands for, as go-yaml reads it; any other node as it is. An
   * alias to nothing cannot occur: the parser reports it as a syntax error.
   */
  private deref(node: YamlNode | null | undefined): YamlNode | null | undefined {
    for (let i = 0; node && isAlias(node) && i < 100; i++) {
      const doc = this.source?.documents[0];
      node = (doc ? node.resolve(doc) : undefined) as YamlNode | undefined;
    }
    return node;
  }

  /** The pairs of a mapping, a merge key (`<<: *base` or `<<: [*a, *b]`) spliced in place as go-yaml does. */
  private pairs(node: YAMLMap, depth = 0): Pair<YamlNode, YamlNode | null>[] {
    const out: Pair<YamlNode, YamlNode | null>[] = [];
    for (const pair of node.items as Pair<YamlNode, YamlNode | null>[]) {
      const key = pair.key;
      if (isMergeKey(key) && depth < 20) {
        const v = this.deref(pair.value);
        const sources = v && isSeq(v) ? (v.items as YamlNode[]).map((n) => this.deref(n)) : [v];
        for (const src of sources) {
          if (!src || !isMap(src)) this.fail(pair.value, 'map merge requires map or sequence of maps as the value');
          out.push(...this.pairs(src as YAMLMap, depth + 1));
        }
        continue;
      }
      out.push(pair);
    }
    return out;
  }

  /** The pairs of a mapping; keys not in `known` are recorded as unknown fields (what = the type name for the message). */
  map(
    input: YamlNode | null | undefined,
    what: string,
    known: readonly string[],
  ): Map<string, { key: YamlNode; value: YamlNode | null }> {
    const node = this.deref(input);
    if (node === null || node === undefined || (isScalar(node) && node.value === null)) return new Map();
    if (!isMap(node)) this.fail(node, `${what} must be a mapping`);
    const out = new Map<string, { key: YamlNode; value: YamlNode | null }>();
    for (const pair of this.pairs(node as YAMLMap)) {
      const key = pair.key;
      const name = isScalar(key) ? String(key.value) : '';
      if (!known.includes(name)) {
        const p = this.pos(key);
        this.unknownFields.push({
          line: p?.line ?? 0,
          column: p?.column ?? 0,
          message: `field ${name} not found in ${what} (known fields: ${known.join(', ')})`,
        });
        continue;
      }
      out.set(name, { key, value: pair.value });
    }
    return out;
  }

  seq(input: YamlNode | null | undefined, what: string): YamlNode[] {
    const node = this.deref(input);
    if (node === null || node === undefined || (isScalar(node) && node.value === null)) return [];
    if (!isSeq(node)) this.fail(node, `${what} must be a list`);
    return node.items as YamlNode[];
  }

  string(input: YamlNode | null | undefined, what: string): string {
    const node = this.deref(input);
    if (node === null || node === undefined) return '';
    if (!isScalar(node)) this.fail(node, `${what} must be a string`);
    const v = node.value;
    if (v === null) return '';
    if (typeof v === 'string') return v;
    if (typeof v === 'number' || typeof v === 'boolean') return String(node.source ?? v);
    return this.fail(node, `${what} must be a string`);
  }

  number(input: YamlNode | null | undefined, what: string): number {
    const node = this.deref(input);
    if (node === null || node === undefined) return 0;
    if (!isScalar(node) || typeof node.value !== 'number')
      this.fail(node, `${what} must be a number, got ${isScalar(node) ? JSON.stringify(node.value) : 'a collection'}`);
    return node.value as number;
  }

  duration(input: YamlNode | null | undefined, what: string): number {
    const node = this.deref(input);
    if (node === null || node === undefined) return 0;
    const text = isScalar(node) && typeof node.value === 'number' ? String(node.value) : this.string(node, what);
    try {
      return parseDuration(text);
    } catch (e) {
      return this.fail(node, `${what}: ${(e as Error).message}`);
    }
  }

  stringMap(input: YamlNode | null | undefined, what: string): Record<string, string> {
    const node = this.deref(input);
    if (node === null || node === undefined || (isScalar(node) && node.value === null)) return {};
    if (!isMap(node)) this.fail(node, `${what} must be a mapping of strings`);
    const out: Record<string, string> = {};
    for (const pair of this.pairs(node as YAMLMap)) {
      const k = this.string(pair.key, `${what} key`);
      out[k] = this.string(pair.value, `${what}.${k}`);
    }
    return out;
  }

  line(node: YamlNode | null | undefined): number {
    return this.pos(node)?.line ?? 0;
  }
}
