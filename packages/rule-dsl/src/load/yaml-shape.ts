/**
 * A small shape checker over the `yaml` package's node tree: converts a YAML node to plain data
 * while collecting diagnostics with JSON-ish paths and 1-based line/column positions.
 */
import { readYaml, type YamlSource } from '@alertcraft/promql';
import { Document, type LineCounter, isMap, isScalar, isSeq, type Node } from 'yaml';
import { isDuration } from '../duration.js';
import type { RuleDslDiagnostic } from '../diagnostics.js';

export type Shape =
  | { kind: 'string'; nonEmpty?: boolean; pattern?: RegExp; patternHint?: string }
  | { kind: 'duration' }
  | { kind: 'int'; min?: number }
  | { kind: 'number' }
  | { kind: 'bool' }
  | { kind: 'stringMap'; keyPattern?: RegExp; keyHint?: string }
  | { kind: 'list'; of: Shape }
  | {
      kind: 'object';
      fields: Record<string, Shape>;
      required?: readonly string[];
      open?: boolean;
      deprecated?: Record<string, string>;
    }
  | { kind: 'any' };

export interface ShapeContext {
  lines: LineCounter;
  /** The YAML text being read. */
  source: string;
  diagnostics: RuleDslDiagnostic[];
  /** Prefix for diagnostic codes, e.g. `load` gives `load/missing-field`. */
  codePrefix: string;
}

export function position(ctx: ShapeContext, node: Node | null | undefined): { line?: number; column?: number } {
  const start = node?.range?.[0];
  if (start === undefined) return {};
  const { line, col } = ctx.lines.linePos(start);
  return { line, column: col };
}

export function report(
  ctx: ShapeContext,
  node: Node | null | undefined,
  path: string,
  code: string,
  message: string,
  severity: 'error' | 'warning' = 'error',
): void {
  ctx.diagnostics.push({ code: `${ctx.codePrefix}/${code}`, severity, message, path, ...position(ctx, node) });
}

function kindName(node: unknown): string {
  if (node === null || node === undefined) return 'nothing';
  if (isMap(node)) return 'a mapping';
  if (isSeq(node)) return 'a list';
  if (isScalar(node)) return node.value === null ? 'null' : `${typeof node.value} ${JSON.stringify(node.value)}`;
  return 'an alias';
}

/** The scalar as written: strings stay, numbers/booleans become their source text (as Go's yaml does for string fields). */
function scalarString(node: Node): string | undefined {
  if (!isScalar(node)) return undefined;
  if (typeof node.value === 'string') return node.value;
  if (node.value === null) return undefined;
  return node.source ?? String(node.value);
}

const join = (path: string, key: string | number): string =>
  typeof key === 'number' ? `${path}[${key}]` : path ? `${path}.${key}` : key;

/** Convert `node` to data according to `shape`; returns undefined (and reports) when it does not fit. */
export function convert(ctx: ShapeContext, node: Node | null | undefined, shape: Shape, path: string): unknown {
  switch (shape.kind) {
    case 'any':
      return node && 'toJSON' in node ? (node as { toJSON(): unknown }).toJSON() : undefined;
    case 'string':
    case 'duration': {
      const s = node ? scalarString(node) : undefined;
      if (s === undefined) {
        report(
          ctx,
          node,
          path,
          'wrong-type',
          `expected a ${shape.kind === 'duration' ? 'duration string' : 'string'}, got ${kindName(node)}`,
        );
        return undefined;
      }
      if (shape.kind === 'duration' && !isDuration(s)) {
        report(
          ctx,
          node,
          path,
          'invalid-duration',
          `invalid duration ${JSON.stringify(s)}; expected e.g. 30s, 5m, 1h30m`,
        );
        return undefined;
      }
      if (shape.kind === 'string' && shape.nonEmpty && s === '') {
        report(ctx, node, path, 'empty', 'must not be empty');
        return undefined;
      }
      if (shape.kind === 'string' && shape.pattern && !shape.pattern.test(s)) {
        report(
          ctx,
          node,
          path,
          'invalid-value',
          `invalid value ${JSON.stringify(s)}${shape.patternHint ? `: ${shape.patternHint}` : ''}`,
        );
        return undefined;
      }
      return s;
    }
    case 'int':
    case 'number': {
      const v = isScalar(node) ? node.value : undefined;
      if (typeof v !== 'number' || (shape.kind === 'int' && !Number.isInteger(v))) {
        report(
          ctx,
          node,
          path,
          'wrong-type',
          `expected ${shape.kind === 'int' ? 'an integer' : 'a number'}, got ${kindName(node)}`,
        );
        return undefined;
      }
      if (shape.kind === 'int' && shape.min !== undefined && v < shape.min) {
        report(ctx, node, path, 'invalid-value', `must be at least ${shape.min}`);
        return undefined;
      }
      return v;
    }
    case 'bool': {
      const v = isScalar(node) ? node.value : undefined;
      if (typeof v !== 'boolean') {
        report(ctx, node, path, 'wrong-type', `expected true or false, got ${kindName(node)}`);
        return undefined;
      }
      return v;
    }
    case 'stringMap': {
      if (isScalar(node) && node.value === null) return {};
      if (!isMap(node)) {
        report(ctx, node, path, 'wrong-type', `expected a mapping of strings, got ${kindName(node)}`);
        return undefined;
      }
      const out: Record<string, string> = {};
      for (const pair of node.items) {
        const keyNode = pair.key as Node;
        const k = scalarString(keyNode);
        if (k === undefined) {
          report(ctx, keyNode, path, 'wrong-type', `expected a string key, got ${kindName(keyNode)}`);
          continue;
        }
        const p = join(path, k);
        if (shape.keyPattern && !shape.keyPattern.test(k))
          report(
            ctx,
            keyNode,
            p,
            'invalid-name',
            `invalid name ${JSON.stringify(k)}${shape.keyHint ? `: ${shape.keyHint}` : ''}`,
          );
        const v = pair.value as Node | null;
        const s = v ? scalarString(v) : undefined;
        if (s === undefined) report(ctx, v ?? keyNode, p, 'wrong-type', `expected a string value, got ${kindName(v)}`);
        else out[k] = s;
      }
      return out;
    }
    case 'list': {
      if (isScalar(node) && node.value === null) return [];
      if (!isSeq(node)) {
        report(ctx, node, path, 'wrong-type', `expected a list, got ${kindName(node)}`);
        return undefined;
      }
      const out: unknown[] = [];
      node.items.forEach((item, i) => {
        const v = convert(ctx, item as Node, shape.of, join(path, i));
        if (v !== undefined) out.push(v);
      });
      return out;
    }
    case 'object': {
      if (!isMap(node)) {
        report(ctx, node, path, 'wrong-type', `expected a mapping, got ${kindName(node)}`);
        return undefined;
      }
      const out: Record<string, unknown> = {};
      const seen = new Set<string>();
      for (const pair of node.items) {
        const keyNode = pair.key as Node;
        const k = scalarString(keyNode);
        if (k === undefined) {
          report(ctx, keyNode, path, 'wrong-type', `expected a string key, got ${kindName(keyNode)}`);
          continue;
        }
        seen.add(k);
        const p = join(path, k);
        const fieldShape = shape.fields[k];
        if (!fieldShape) {
          if (shape.open) {
            out[k] = convert(ctx, pair.value as Node, { kind: 'any' }, p);
            continue;
          }
          report(
            ctx,
            keyNode,
            p,
            'unknown-field',
            `unknown field '${k}' (expected one of: ${Object.keys(shape.fields).join(', ')})`,
          );
          continue;
        }
        if (shape.deprecated?.[k]) report(ctx, keyNode, p, 'deprecated', shape.deprecated[k]!, 'warning');
        const v = convert(ctx, pair.value as Node, fieldShape, p);
        if (v !== undefined) out[k] = v;
      }
      for (const r of shape.required ?? []) {
        if (!seen.has(r)) report(ctx, node, path, 'missing-field', `missing '${r}'`);
      }
      return out;
    }
  }
}

/** A shape context over YAML read by `@alertcraft/promql`'s reader; its syntax errors become diagnostics. */
export function shapeContext(source: YamlSource, codePrefix: string): ShapeContext {
  const ctx: ShapeContext = { lines: source.lines, source: source.text, diagnostics: [], codePrefix };
  for (const err of source.errors) {
    ctx.diagnostics.push({
      code: `${codePrefix}/yaml-syntax`,
      severity: 'error',
      message: err.message,
      path: '',
      ...(err.line ? { line: err.line, column: err.column } : {}),
    });
  }
  return ctx;
}

/** Parse YAML text (one document) with positions; syntax errors become diagnostics. */
export function parseWithPositions(text: string, codePrefix: string): { doc: Document; ctx: ShapeContext } {
  const source = readYaml(text);
  return { doc: source.documents[0] ?? new Document(null), ctx: shapeContext(source, codePrefix) };
}
