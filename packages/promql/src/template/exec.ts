/** Executes a parsed template against data with a function map, like Go's text/template. */
import type { Arg, Command, Node, Pipe } from './parse.js';
import { GoMap, GoTime, goTypeName, isTrue, printValue } from './values.js';

/** A template function. `lazy` functions (and/or) receive thunks instead of values. */
export type TemplateFunc = (...args: unknown[]) => unknown;

export class TemplateExecError extends Error {
  constructor(
    readonly pos: number,
    readonly at: string,
    readonly detail: string,
  ) {
    super(detail);
    this.name = 'TemplateExecError';
  }
}

class BreakSignal {}
class ContinueSignal {}

interface Scope {
  vars: Array<[string, unknown]>;
}

export function executeTemplate(nodes: Node[], data: unknown, funcs: ReadonlyMap<string, TemplateFunc>): string {
  const scope: Scope = { vars: [['$', data]] };
  let out = '';

  const fail = (pos: number, at: string, msg: string): never => {
    throw new TemplateExecError(pos, at, msg);
  };

  const lookupVar = (name: string, pos: number): unknown => {
    for (let i = scope.vars.length - 1; i >= 0; i--) if (scope.vars[i]![0] === name) return scope.vars[i]![1];
    return fail(pos, name, `undefined variable: ${name}`);
  };
  const setVar = (name: string, value: unknown) => {
    for (let i = scope.vars.length - 1; i >= 0; i--)
      if (scope.vars[i]![0] === name) {
        scope.vars[i]![1] = value;
        return;
      }
  };

  const field = (receiver: unknown, name: string, pos: number, at: string): unknown => {
    if (receiver instanceof GoMap || receiver instanceof Map) {
      if (receiver.has(name)) return receiver.get(name);
      return receiver instanceof GoMap ? receiver.zero : undefined;
    }
    if (receiver === null || receiver === undefined)
      return fail(pos, at, `nil pointer evaluating ${goTypeName(receiver)}.${name}`);
    if (typeof receiver === 'object' && !Array.isArray(receiver) && !(receiver instanceof GoTime)) {
      const o = receiver as Record<string, unknown>;
      if (Object.hasOwn(o, name)) return o[name];
    }
    return fail(pos, at, `can't evaluate field ${name} in type ${goTypeName(receiver)}`);
  };

  const fieldChain = (receiver: unknown, names: string[], pos: number, at: string): unknown => {
    let v = receiver;
    for (const n of names) v = field(v, n, pos, at);
    return v;
  };

  const evalArg = (arg: Arg, dot: unknown, at: string): unknown => {
    switch (arg.kind) {
      case 'dot':
        return dot;
      case 'field':
        return fieldChain(arg.base ? evalArg(arg.base, dot, at) : dot, arg.names, arg.pos, at);
      case 'variable':
        return fieldChain(lookupVar(arg.name, arg.pos), arg.names, arg.pos, at);
      case 'identifier':
        return callFunc(arg.name, [], dot, undefined, false, arg.pos, at);
      case 'string':
      case 'number':
      case 'bool':
        return arg.value;
      case 'nil':
        return null;
      case 'pipe':
        return evalPipe(arg.pipe, dot, true);
    }
  };

  const callFunc = (
    name: string,
    argNodes: Arg[],
    dot: unknown,
    final: unknown,
    hasFinal: boolean,
    pos: number,
    at: string,
  ): unknown => {
    const fn = funcs.get(name);
    if (!fn) return fail(pos, at, `"${name}" is not a defined function`);
    if (name === 'and' || name === 'or') {
      const thunks = argNodes.map((a) => () => evalArg(a, dot, at));
      if (hasFinal) thunks.push(() => final);
      if (thunks.length === 0) return fail(pos, at, `wrong number of args for ${name}: want at least 1 got 0`);
      let v: unknown;
      for (const t of thunks) {
        v = t();
        if (name === 'and' ? !isTrue(v) : isTrue(v)) return v;
      }
      return v;
    }
    const args = argNodes.map((a) => evalArg(a, dot, at));
    if (hasFinal) args.push(final);
    try {
      return fn(...args);
    } catch (e) {
      if (e instanceof TemplateExecError) throw e;
      return fail(pos, at, `error calling ${name}: ${(e as Error).message}`);
    }
  };

  const evalCommand = (cmd: Command, dot: unknown, final: unknown, hasFinal: boolean): unknown => {
    const [first, ...rest] = cmd.args;
    const at = cmd.text;
    if (!first) return fail(cmd.pos, at, 'empty command');
    if (first.kind === 'identifier') return callFunc(first.name, rest, dot, final, hasFinal, first.pos, at);
    if (first.kind === 'field' && (rest.length > 0 || hasFinal)) {
      // Method call: only time.Time.Format-like methods are meaningful here.
      const recv =
        first.names.length > 1 || first.base
          ? fieldChain(first.base ? evalArg(first.base, dot, at) : dot, first.names.slice(0, -1), first.pos, at)
          : dot;
      const method = first.names[first.names.length - 1]!;
      if (recv instanceof GoTime && method === 'Format') return fail(first.pos, at, `time.Format is not supported`);
      return fail(first.pos, at, `can't give argument to non-function ${`.${first.names.join('.')}`}`);
    }
    if (rest.length > 0 || hasFinal)
      return fail(first.pos, at, `can't give argument to non-function ${at.split(/\s/)[0]}`);
    return evalArg(first, dot, at);
  };

  const evalPipe = (pipe: Pipe, dot: unknown, _nested: boolean): unknown => {
    let value: unknown;
    pipe.cmds.forEach((cmd, i) => {
      value = evalCommand(cmd, dot, value, i > 0);
    });
    for (const d of pipe.decl) {
      if (pipe.isAssign) setVar(d, value);
      else scope.vars.push([d, value]);
    }
    return value;
  };

  const walkList = (list: Node[], dot: unknown): void => {
    for (const n of list) walk(n, dot);
  };

  const withScope = (fn: () => void) => {
    const mark = scope.vars.length;
    try {
      fn();
    } finally {
      scope.vars.length = mark;
    }
  };

  const walk = (node: Node, dot: unknown): void => {
    switch (node.kind) {
      case 'text':
        out += node.text;
        return;
      case 'action': {
        const v = evalPipe(node.pipe, dot, false);
        if (node.pipe.decl.length === 0) out += printValue(v);
        return;
      }
      case 'break':
        throw new BreakSignal();
      case 'continue':
        throw new ContinueSignal();
      case 'if':
      case 'with':
        withScope(() => {
          const v = evalPipe(node.pipe, dot, false);
          if (isTrue(v)) walkList(node.list, node.kind === 'with' ? v : dot);
          else if (node.elseList) walkList(node.elseList, dot);
        });
        return;
      case 'range':
        withScope(() => {
          const decl = node.pipe.decl;
          const pipeNoDecl = { ...node.pipe, decl: [] };
          const v = evalPipe(pipeNoDecl, dot, false);
          let items: Array<[unknown, unknown]>;
          if (Array.isArray(v)) items = v.map((e, i) => [BigInt(i), e]);
          else if (v instanceof Map) items = [...v.keys()].sort().map((key) => [key, v.get(key)]);
          else if (typeof v === 'bigint') items = Array.from({ length: Number(v) }, (_, i) => [BigInt(i), BigInt(i)]);
          else if (v === null || v === undefined) items = [];
          else return fail(node.pos, 'range', `range can't iterate over ${printValue(v)}`);
          if (items.length === 0) {
            if (node.elseList) walkList(node.elseList, dot);
            return;
          }
          for (const [key, elem] of items) {
            const mark = scope.vars.length;
            if (decl.length === 1) scope.vars.push([decl[0]!, elem]);
            else if (decl.length === 2) scope.vars.push([decl[0]!, key], [decl[1]!, elem]);
            try {
              walkList(node.list, elem);
            } catch (e) {
              if (e instanceof BreakSignal) break;
              if (!(e instanceof ContinueSignal)) throw e;
            } finally {
              scope.vars.length = mark;
            }
          }
        });
        return;
    }
  };

  walkList(nodes, data);
  return out;
}
