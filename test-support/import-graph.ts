/**
 * The import graph of the repo's TypeScript sources, read with TypeScript's own pre-processor (type-only
 * imports included), for the checks that no package has an import cycle between its files and that no
 * package imports one above it in docs/architecture.md's layers.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

/** Every non-test `.ts` file under `dir`. */
export function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...sourceFiles(p));
    else if (name.endsWith('.ts') && !name.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

export interface FileImports {
  /** Files of the same package imported with a relative specifier (`.js` written for `.ts`). */
  local: string[];
  /** Bare specifiers (`@alertcraft/promql`, `node:fs`, `yaml`, …). */
  bare: string[];
}

/** What `file` imports; a relative import that resolves to no known file throws, naming both. */
export function importsOf(file: string, known: ReadonlySet<string>, root: string): FileImports {
  const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  const local: string[] = [];
  const bare: string[] = [];
  for (const { fileName } of importedFiles) {
    if (!fileName.startsWith('.')) {
      bare.push(fileName);
      continue;
    }
    const base = resolve(dirname(file), fileName);
    if (/\.(json|sql|txt)$/.test(fileName)) continue; // data, not a module that could close a cycle
    const target = [base.replace(/\.js$/, '.ts'), `${base}.ts`, join(base, 'index.ts')].find((c) => known.has(c));
    if (!target) throw new Error(`${relative(root, file)}: cannot resolve import ${JSON.stringify(fileName)}`);
    local.push(target);
  }
  return { local, bare };
}

/** Every cycle found by a depth-first search, each as the chain of files from its first repeated file. */
export function findCycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
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
