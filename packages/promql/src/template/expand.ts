/**
 * Template expansion as Prometheus does it for alert labels and annotations: a Go text/template
 * with `missingkey=zero`, the `$labels`/`$externalLabels`/`$externalURL`/`$value` shorthands, and
 * errors turned into the text `<error expanding template: ...>` instead of being thrown.
 */
import { executeTemplate, TemplateExecError, type TemplateFunc } from './exec.js';
import { templateFunctions, labelsToGoMap, type TemplateFuncContext, type TemplateQueryFunc } from './functions.js';
import { parseTemplate, TemplateParseError, type Node } from './parse.js';
import { GoMap } from './values.js';
import type { Labels } from '../values.js';

export type TemplateResult = { ok: true; text: string } | { ok: false; error: string };

export interface ExpandOptions {
  /** Template name used in error messages (Prometheus uses `__alert_<alertname>`). */
  name?: string;
  /** Evaluation time in ms; the `query` function runs at this time. */
  timeMs?: number;
  query?: TemplateQueryFunc;
  externalURL?: string;
}

function byteLineCol(src: string, bytePos: number): { line: number; col: number } {
  const before = Buffer.from(src, 'utf8').subarray(0, bytePos).toString('utf8');
  const nl = before.lastIndexOf('\n');
  const line = before.split('\n').length;
  const col = nl === -1 ? bytePos : bytePos - Buffer.byteLength(before.slice(0, nl + 1), 'utf8');
  return { line, col };
}

const FUNC_NAMES: ReadonlySet<string> = new Set(templateFunctions({ timeMs: 0 }).keys());

// Parsed templates by name and text (rules expand the same few templates at every evaluation).
const parseCache = new Map<string, Node[] | TemplateParseError>();
const PARSE_CACHE_MAX = 2000;

// Function maps by query function; the context they read is updated before each execution.
const NO_QUERY = Symbol('no-query');
const funcCache = new Map<
  TemplateQueryFunc | typeof NO_QUERY,
  { ctx: TemplateFuncContext; funcs: Map<string, TemplateFunc> }
>();

function functionsFor(options: ExpandOptions): Map<string, TemplateFunc> {
  const key = options.query ?? NO_QUERY;
  let entry = funcCache.get(key);
  if (!entry) {
    if (funcCache.size > 100) funcCache.clear();
    const ctx: TemplateFuncContext = { timeMs: 0, query: options.query };
    entry = { ctx, funcs: templateFunctions(ctx) };
    funcCache.set(key, entry);
  }
  entry.ctx.timeMs = options.timeMs ?? 0;
  entry.ctx.externalURL = options.externalURL;
  return entry.funcs;
}

function parseCached(text: string, name: string): Node[] | TemplateParseError {
  const key = `${name}\u0000${text}`;
  let parsed = parseCache.get(key);
  if (!parsed) {
    try {
      parsed = parseTemplate(text, name, FUNC_NAMES);
    } catch (e) {
      if (!(e instanceof TemplateParseError)) throw e;
      parsed = e;
    }
    if (parseCache.size >= PARSE_CACHE_MAX) parseCache.clear();
    parseCache.set(key, parsed);
  }
  return parsed;
}

/** Expands `text` against `data` (a struct-like object, map or value). Never throws for template errors. */
export function expandTemplate(text: string, data: unknown, options: ExpandOptions = {}): TemplateResult {
  const name = options.name ?? 'template';
  const nodes = parseCached(text, name);
  if (nodes instanceof TemplateParseError)
    return { ok: false, error: `error parsing template ${name}: ${nodes.message}` };
  const funcs = functionsFor(options);
  try {
    return { ok: true, text: executeTemplate(nodes, data, funcs) };
  } catch (e) {
    if (e instanceof TemplateExecError) {
      const { line, col } = byteLineCol(text, e.pos);
      return {
        ok: false,
        error: `error executing template ${name}: template: ${name}:${line}:${col}: executing "${name}" at <${e.at}>: ${e.detail}`,
      };
    }
    // Anything else (a bug, a stack overflow) is still reported as text, as Prometheus recovers panics.
    return { ok: false, error: `panic expanding template ${name}: ${(e as Error)?.message ?? String(e)}` };
  }
}

export interface AlertTemplateInput {
  alertname: string;
  /** The alert sample's labels (as the expression returned them, `__name__` included). */
  labels: Labels;
  value: number;
  externalLabels?: Labels;
  externalURL?: string;
  timeMs: number;
  query?: TemplateQueryFunc;
}

const ALERT_DEFS =
  '{{$labels := .Labels}}{{$externalLabels := .ExternalLabels}}{{$externalURL := .ExternalURL}}{{$value := .Value}}';

/** The data alert templates see: `.Labels`, `.ExternalLabels`, `.ExternalURL`, `.Value`. */
export function alertTemplateData(input: AlertTemplateInput): Record<string, unknown> {
  return {
    Labels: labelsToGoMap(input.labels),
    ExternalLabels: new GoMap(Object.entries(input.externalLabels ?? {})),
    ExternalURL: input.externalURL ?? '',
    Value: input.value,
  };
}

/**
 * Expands one alert label or annotation value the way Prometheus' alerting rule does; a failing
 * template yields `<error expanding template: ...>` (Prometheus' text), never an exception.
 */
export function expandAlertTemplate(text: string, input: AlertTemplateInput, data = alertTemplateData(input)): string {
  if (!text.includes('{{')) return text; // no actions: the shorthand definitions print nothing
  const res = expandTemplate(ALERT_DEFS + text, data, {
    name: `__alert_${input.alertname}`,
    timeMs: input.timeMs,
    query: input.query,
    externalURL: input.externalURL,
  });
  return res.ok ? res.text : `<error expanding template: ${res.error}>`;
}

/** Outcome of parsing one alert label/annotation template as `promtool check rules` does. */
export type AlertTemplateCheck = { ok: true } | { ok: false; message: string; offset: number; unsupported: boolean };

/**
 * Parses an alert label or annotation value the way Prometheus' rule-file validation does (the
 * `$labels`/`$externalLabels`/`$externalURL`/`$value` definitions prepended, template name
 * `__alert_<alertname>`), without executing it. On failure, `message` is Go's wording and `offset`
 * the UTF-16 index in `text` where the problem is. `unsupported` marks `define`/`template`/`block`,
 * which Go accepts but this engine does not expand.
 */
export function checkAlertTemplate(text: string, alertname: string): AlertTemplateCheck {
  if (!text.includes('{{')) return { ok: true };
  const nodes = parseCached(ALERT_DEFS + text, `__alert_${alertname}`);
  if (!(nodes instanceof TemplateParseError)) return { ok: true };
  const offset = Math.min(
    Math.max((nodes.offset ?? ALERT_DEFS.length) - ALERT_DEFS.length, 0),
    Math.max(text.length - 1, 0),
  );
  return {
    ok: false,
    message: nodes.message,
    offset,
    unsupported: /is not supported in alert templates/.test(nodes.detail),
  };
}
