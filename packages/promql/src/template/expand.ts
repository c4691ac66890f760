/**
 * Template expansion as Prometheus does it for alert labels and annotations: a Go text/template
 * with `missingkey=zero`, the `$labels`/`$externalLabels`/`$externalURL`/`$value` shorthands, and
 * errors turned into the text `<error expanding template: ...>` instead of being thrown.
 */
import { executeTemplate, TemplateExecError } from './exec.js';
import { templateFunctions, labelsToGoMap, type TemplateQueryFunc } from './functions.js';
import { parseTemplate, TemplateParseError } from './parse.js';
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

/** Expands `text` against `data` (a struct-like object, map or value). Never throws for template errors. */
export function expandTemplate(text: string, data: unknown, options: ExpandOptions = {}): TemplateResult {
  const name = options.name ?? 'template';
  const funcs = templateFunctions({ timeMs: options.timeMs ?? 0, query: options.query, externalURL: options.externalURL });
  let nodes;
  try {
    nodes = parseTemplate(text, name, new Set(funcs.keys()));
  } catch (e) {
    if (e instanceof TemplateParseError) return { ok: false, error: `error parsing template ${name}: ${e.message}` };
    return { ok: false, error: `error parsing template ${name}: template: ${name}: ${(e as Error).message}` };
  }
  try {
    return { ok: true, text: executeTemplate(nodes, data, funcs) };
  } catch (e) {
    if (e instanceof TemplateExecError) {
      const { line, col } = byteLineCol(text, e.pos);
      return { ok: false, error: `error executing template ${name}: template: ${name}:${line}:${col}: executing "${name}" at <${e.at}>: ${e.detail}` };
    }
    if (e instanceof RangeError) return { ok: false, error: `error executing template ${name}: ${e.message}` };
    throw e;
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

const ALERT_DEFS = '{{$labels := .Labels}}{{$externalLabels := .ExternalLabels}}{{$externalURL := .ExternalURL}}{{$value := .Value}}';

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
  const res = expandTemplate(ALERT_DEFS + text, data, {
    name: `__alert_${input.alertname}`,
    timeMs: input.timeMs,
    query: input.query,
    externalURL: input.externalURL,
  });
  return res.ok ? res.text : `<error expanding template: ${res.error}>`;
}
