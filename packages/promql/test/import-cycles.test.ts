/**
 * No import cycle among the package's source files: the evaluator evaluates, the operators and
 * the function table only compute, so nothing under src/ may import back into a module that
 * imports it. Imports are read with TypeScript's own pre-processor (type-only imports included).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '../src');

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...sourceFiles(p));
    else if (name.endsWith('.ts') && !name.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

/** The package-local files `file` imports (relative specifiers, `.js` written for `.ts`). */
function localImports(file: string, known: Set<string>): string[] {
  const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  const out: string[] = [];
  for (const { fileName } of importedFiles) {
    if (!fileName.startsWith('.')) continue;
    const base = resolve(dirname(file), fileName);
    const target = [base.replace(/\.js$/, '.ts'), `${base}.ts`, join(base, 'index.ts')].find((c) => known.has(c));
    if (!target) throw new Error(`${relative(SRC, file)}: cannot resolve import ${JSON.stringify(fileName)}`);
    out.push(target);
  }
  return out;
}

/** Every cycle found by a depth-first search, each as the chain of files from its first repeated file. */
function findCycles(graph: Map<string, string[]>): string[][] {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  const visit = (f: string): void => {
    state.set(f, 'open');
    stack.push(f);
    for (const g of graph.get(f) ?? []) {
      const s = state.get(g);
      if (s === 'open') cycles.push([...stack.slice(stack.indexOf(g)), g]);
      else if (s === undefined) visit(g);
    }
    stack.pop();
    state.set(f, 'done');
  };
  for (const f of [...graph.keys()].sort()) if (!state.has(f)) visit(f);
  return cycles;
}

describe('promql import graph', () => {
  const files = sourceFiles(SRC);
  const known = new Set(files);
  const graph = new Map(files.map((f) => [f, localImports(f, known)]));
  const rel = (f: string) => relative(SRC, f);

  it('is read: the evaluator imports the operators and the function table', () => {
    const engine = graph.get(join(SRC, 'eval/engine.ts'))!.map(rel);
    expect(engine).toEqual(expect.arrayContaining(['eval/aggregate.ts', 'eval/binary.ts', 'eval/function-calls.ts']));
  });

  it('finds a cycle when there is one', () => {
    const g = new Map([['a', ['b']], ['b', ['c']], ['c', ['a']], ['d', ['a']]]);
    expect(findCycles(g)).toEqual([['a', 'b', 'c', 'a']]);
  });

  it('has no cycle', () => {
    expect(findCycles(graph).map((c) => c.map(rel).join(' > '))).toEqual([]);
  });
});
