/**
 * The vendored JSON Schemas of grafana-foundation-sdk's v11.2.x branch (see ../../schemas/README.md),
 * compiled once with ajv. Three amendments where the generated JSON Schema is narrower than Grafana 11.2's
 * CUE schema it comes from: `Threshold.value` also takes `null` (the schema's own description: Grafana
 * writes the base step's -Infinity as null), and `MatcherConfig.options` and `DynamicConfigValue.value`
 * take any JSON value (CUE `_`, emitted as `object`; Grafana writes `"options": "Blocks/min"`, `"value": "percent"`).
 */
import { createRequire } from 'node:module';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { childPath } from '../errors.js';
import { problem, type Problem } from './problem.js';

const require = createRequire(import.meta.url);

type SchemaDoc = { definitions: Record<string, Record<string, unknown>> } & Record<string, unknown>;

function load(name: string): SchemaDoc {
  return structuredClone(require(`@alertcraft/grafana-json/schemas/${name}.jsonschema.json`) as SchemaDoc);
}

let compiled: Map<string, ValidateFunction> | undefined;

/** Definitions a document or part of one is checked against. */
export type SchemaTarget = 'Dashboard' | 'Panel' | 'RowPanel' | 'Rule' | 'RuleGroup';

function validators(): Map<string, ValidateFunction> {
  if (compiled) return compiled;
  const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false });
  const dashboard = load('dashboard');
  const threshold = dashboard.definitions.Threshold as { properties: Record<string, unknown> };
  threshold.properties.value = { type: ['number', 'null'] };
  (dashboard.definitions.MatcherConfig as { properties: Record<string, unknown> }).properties.options = {};
  (dashboard.definitions.DynamicConfigValue as { properties: Record<string, unknown> }).properties.value = {};
  ajv.addSchema({ ...dashboard, $id: 'dashboard' });
  ajv.addSchema({ ...load('alerting'), $id: 'alerting' });
  compiled = new Map();
  for (const d of ['Dashboard', 'Panel', 'RowPanel'])
    compiled.set(d, ajv.compile({ $ref: `dashboard#/definitions/${d}` }));
  for (const d of ['Rule', 'RuleGroup']) compiled.set(d, ajv.compile({ $ref: `alerting#/definitions/${d}` }));
  return compiled;
}

function jsonPath(base: string, instancePath: string): string {
  let p = base;
  for (const seg of instancePath.split('/').slice(1)) {
    const key = seg.replace(/~1/g, '/').replace(/~0/g, '~');
    p = childPath(p, /^\d+$/.test(key) ? Number(key) : key);
  }
  return p;
}

function toProblem(e: ErrorObject, base: string, target: SchemaTarget): Problem {
  const at = jsonPath(base, e.instancePath);
  const where = `Grafana 11.2 ${target} schema`;
  switch (e.keyword) {
    case 'additionalProperties': {
      const key = String((e.params as { additionalProperty: string }).additionalProperty);
      return problem(
        'error',
        'grafana/schema-unknown-key',
        childPath(at, key),
        `${JSON.stringify(key)} is not a field here (${where})`,
        'remove it or move it where the schema has it',
      );
    }
    case 'required': {
      const key = String((e.params as { missingProperty: string }).missingProperty);
      return problem(
        'error',
        'grafana/schema-required',
        childPath(at, key),
        `required field ${JSON.stringify(key)} is missing (${where})`,
        `add ${key}`,
      );
    }
    case 'enum':
      return problem(
        'error',
        'grafana/schema-enum',
        at,
        `${e.message} (${where})`,
        `use one of ${(e.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}`,
      );
    default:
      return problem(
        'error',
        `grafana/schema-${e.keyword}`,
        at,
        `${e.message ?? 'does not match'} (${where})`,
        'make it match the schema',
      );
  }
}

/** Schema problems of `value` checked against one definition; `base` is the JSON path of `value`. */
export function schemaProblems(value: unknown, target: SchemaTarget, base: string): Problem[] {
  const validate = validators().get(target);
  if (!validate) throw new Error(`no schema for ${target}`);
  if (validate(value)) return [];
  return (validate.errors ?? []).map((e) => toProblem(e, base, target));
}
