/**
 * The JSON Schema (draft 2020-12) of the result format, and a validator for the subset of
 * keywords it uses (type, properties, required, additionalProperties, items, enum, const,
 * format date-time, minimum, maximum, $ref to $defs). The reader validates with this very
 * schema, so schema and reader cannot drift apart.
 */

export type JsonSchema = {
  $schema?: string;
  $id?: string;
  $ref?: string;
  $defs?: Record<string, JsonSchema>;
  title?: string;
  description?: string;
  type?: JsonType | JsonType[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  format?: 'date-time';
  minimum?: number;
  maximum?: number;
  minLength?: number;
};

type JsonType = 'object' | 'array' | 'string' | 'number' | 'integer' | 'boolean' | 'null';

const time: JsonSchema = { type: 'string', format: 'date-time' };
const nullableTime: JsonSchema = { type: ['string', 'null'], format: 'date-time' };
const labels: JsonSchema = { type: 'object', additionalProperties: { type: 'string' } };
const rate: JsonSchema = { type: ['number', 'null'], minimum: 0, maximum: 1 };
const seconds: JsonSchema = { type: ['number', 'null'], minimum: 0 };
const count: JsonSchema = { type: 'integer', minimum: 0 };
const name: JsonSchema = { type: 'string', minLength: 1 };
const window = (): JsonSchema => ({
  type: 'object',
  required: ['start', 'end'],
  additionalProperties: false,
  properties: { start: time, end: time },
});

/** One side of a comparison (calibration or variant); `extra` names string fields before `phase`. */
const comparisonSide = (extra: string[]): JsonSchema => ({
  type: 'object',
  required: [
    ...extra,
    'phase',
    'firingAlerts',
    'falsePositives',
    'falsePositiveRate',
    'incidentsRequired',
    'incidentsDetected',
    'detectionRate',
    'mttdSeconds',
  ],
  additionalProperties: false,
  properties: {
    ...Object.fromEntries(extra.map((k) => [k, name])),
    phase: name,
    firingAlerts: count,
    falsePositives: count,
    falsePositiveRate: rate,
    incidentsRequired: count,
    incidentsDetected: count,
    detectionRate: rate,
    mttdSeconds: seconds,
  },
});
const firstAlert: JsonSchema = {
  type: ['object', 'null'],
  required: ['alertname', 'seconds'],
  additionalProperties: false,
  properties: { alertname: name, seconds: { type: 'number', minimum: 0 } },
};
/** A `{ value, unit }` figure. */
const measure = (bounds: { minimum?: number }): JsonSchema => ({
  type: 'object',
  required: ['value', 'unit'],
  additionalProperties: false,
  properties: { value: { type: ['number', 'null'], ...bounds }, unit: name },
});

export const RESULT_JSON_SCHEMA: JsonSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://alertcraft.dev/schemas/result-v2.json',
  title: 'alertcraft replay result',
  type: 'object',
  required: ['format', 'tool', 'verdict', 'runs'],
  additionalProperties: false,
  properties: {
    format: { const: 'alertcraft-result/v2' },
    tool: {
      type: 'object',
      required: ['name', 'version'],
      additionalProperties: false,
      properties: { name: { const: 'alertcraft' }, version: name },
    },
    verdict: {
      type: 'object',
      required: ['result', 'runs', 'failing'],
      additionalProperties: false,
      properties: { result: { enum: ['pass', 'fail'] }, runs: count, failing: count },
    },
    runs: { type: 'array', items: { $ref: '#/$defs/run' } },
    calibrations: { type: 'array', items: { $ref: '#/$defs/calibration' } },
    variants: { type: 'array', items: { $ref: '#/$defs/variant' } },
  },
  $defs: {
    variant: {
      type: 'object',
      required: ['pack', 'phase', 'variant', 'description', 'window', 'incidents', 'comparison', 'detections'],
      additionalProperties: false,
      properties: {
        pack: name,
        phase: name,
        variant: name,
        description: { type: 'string' },
        window: window(),
        incidents: { type: 'array', items: name },
        comparison: { type: 'array', items: comparisonSide(['name']) },
        detections: {
          type: 'array',
          items: {
            type: 'object',
            required: ['incident', 'kind', 'withinSeconds', 'phase', 'variant'],
            additionalProperties: false,
            properties: {
              incident: name,
              kind: name,
              withinSeconds: { type: 'number', minimum: 0 },
              phase: firstAlert,
              variant: firstAlert,
            },
          },
        },
      },
    },
    slo: {
      type: 'object',
      required: [
        'name',
        'objectivePercent',
        'period',
        'periodSeconds',
        'windowSeconds',
        'events',
        'errorRatio',
        'errorBudgetRatio',
        'burnRate',
        'budgetSpent',
        'budgetRemaining',
      ],
      additionalProperties: false,
      properties: {
        name,
        service: name,
        objectivePercent: { type: 'number', minimum: 0, maximum: 100 },
        period: name,
        periodSeconds: { type: 'number', minimum: 0 },
        windowSeconds: { type: 'number', minimum: 0 },
        events: { type: ['number', 'null'], minimum: 0 },
        errorRatio: rate,
        errorBudgetRatio: { type: 'number', minimum: 0, maximum: 1 },
        burnRate: measure({ minimum: 0 }),
        budgetSpent: measure({ minimum: 0 }),
        budgetRemaining: measure({}),
      },
    },
    calibration: {
      type: 'object',
      required: [
        'pack',
        'phase',
        'comparedWith',
        'learnedFrom',
        'window',
        'maxFalsePositivesPerDay',
        'alerts',
        'incidents',
        'comparison',
      ],
      additionalProperties: false,
      properties: {
        pack: name,
        phase: name,
        comparedWith: name,
        learnedFrom: window(),
        window: window(),
        maxFalsePositivesPerDay: { type: 'number', minimum: 0 },
        alerts: {
          type: 'array',
          items: {
            type: 'object',
            required: [
              'alertname',
              'param',
              'threshold',
              'forSeconds',
              'source',
              'met',
              'falsePositives',
              'detected',
              'incidents',
              'meanTtdSeconds',
              'candidatesTried',
              'explanation',
            ],
            additionalProperties: false,
            properties: {
              alertname: name,
              param: name,
              threshold: { type: 'number' },
              forSeconds: { type: 'number', minimum: 0 },
              source: name,
              met: { type: 'boolean' },
              falsePositives: count,
              detected: count,
              incidents: count,
              meanTtdSeconds: seconds,
              candidatesTried: count,
              explanation: { type: 'array', items: { type: 'string' } },
            },
          },
        },
        incidents: { type: 'array', items: name },
        disturbances: { type: 'array', items: { type: 'string' } },
        comparison: { type: 'array', items: comparisonSide([]) },
      },
    },
    run: {
      type: 'object',
      required: ['pack', 'phase', 'scenario', 'runtime', 'seed', 'window', 'alerts', 'incidents', 'kpis'],
      additionalProperties: false,
      properties: {
        pack: name,
        phase: name,
        scenario: name,
        runtime: name,
        seed: { type: ['integer', 'string'] },
        window: {
          type: 'object',
          required: ['start', 'end'],
          additionalProperties: false,
          properties: { start: time, end: time },
        },
        alerts: { type: 'array', items: { $ref: '#/$defs/alert' } },
        incidents: { type: 'array', items: { $ref: '#/$defs/incident' } },
        kpis: { $ref: '#/$defs/kpis' },
        noise: { $ref: '#/$defs/noise' },
        slos: { type: 'array', items: { $ref: '#/$defs/slo' } },
      },
    },
    alert: {
      type: 'object',
      required: ['alertname', 'labels', 'activeAt', 'firedAt', 'resolvedAt'],
      additionalProperties: false,
      properties: { alertname: name, labels, activeAt: time, firedAt: nullableTime, resolvedAt: nullableTime },
    },
    incident: {
      type: 'object',
      required: ['id', 'kind', 'start', 'end', 'labels', 'expected', 'required', 'detection', 'alreadyFiring'],
      additionalProperties: false,
      properties: {
        id: name,
        kind: name,
        start: time,
        end: time,
        labels,
        expected: {
          type: 'array',
          items: {
            type: 'object',
            required: ['alertname', 'withinSeconds'],
            additionalProperties: false,
            properties: {
              alertname: name,
              pack: name,
              phases: { type: 'array', items: name },
              withinSeconds: { type: 'number', minimum: 0 },
            },
          },
        },
        required: { type: 'array', items: name },
        detection: {
          type: ['object', 'null'],
          required: ['alertname', 'firedAt', 'seconds'],
          additionalProperties: false,
          properties: { alertname: name, firedAt: time, seconds: { type: 'number', minimum: 0 } },
        },
        alreadyFiring: { type: ['string', 'null'], minLength: 1 },
      },
    },
    noise: {
      type: 'object',
      required: [
        'budget',
        'fatigue',
        'pagesPerNight',
        'maxPagesPerShift',
        'incidentMinutes',
        'resolvedUnder5m',
        'ttrP50Seconds',
        'ttrP95Seconds',
        'nagiosFlapping',
        'duplicates',
      ],
      additionalProperties: false,
      properties: {
        budget: {
          type: 'object',
          additionalProperties: false,
          properties: {
            maxFalsePositiveRate: { type: 'number', minimum: 0, maximum: 1 },
            maxPagesPerDay: { type: 'number', minimum: 0 },
            maxFlapping: { type: 'number', minimum: 0 },
            maxFatigue: { type: 'number', minimum: 0, maximum: 10 },
          },
        },
        fatigue: { type: 'number', minimum: 0, maximum: 10 },
        pagesPerNight: { type: ['number', 'null'], minimum: 0 },
        maxPagesPerShift: count,
        incidentMinutes: { type: 'number', minimum: 0 },
        resolvedUnder5m: rate,
        ttrP50Seconds: { type: ['number', 'null'] },
        ttrP95Seconds: { type: ['number', 'null'] },
        nagiosFlapping: count,
        duplicates: {
          type: 'array',
          items: {
            type: 'object',
            required: ['a', 'b', 'share'],
            additionalProperties: false,
            properties: { a: name, b: name, share: { type: 'number', minimum: 0, maximum: 1 } },
          },
        },
      },
    },
    kpis: {
      type: 'object',
      required: [
        'detectionRate',
        'falsePositiveRate',
        'mttdSeconds',
        'ttdP50Seconds',
        'ttdP95Seconds',
        'pagesPerDay',
        'flapping',
        'quietViolations',
        'firingAlerts',
        'falsePositives',
        'incidentsRequired',
        'incidentsDetected',
        'noisiest',
      ],
      additionalProperties: false,
      properties: {
        detectionRate: rate,
        falsePositiveRate: rate,
        mttdSeconds: seconds,
        ttdP50Seconds: seconds,
        ttdP95Seconds: seconds,
        pagesPerDay: { type: 'number', minimum: 0 },
        flapping: count,
        quietViolations: count,
        firingAlerts: count,
        falsePositives: count,
        incidentsRequired: count,
        incidentsDetected: count,
        noisiest: {
          type: 'array',
          items: {
            type: 'object',
            required: ['alertname', 'fires', 'falsePositives', 'firingSeconds'],
            additionalProperties: false,
            properties: {
              alertname: name,
              fires: count,
              falsePositives: count,
              firingSeconds: { type: 'number', minimum: 0 },
            },
          },
        },
      },
    },
  },
};

export interface SchemaIssue {
  /** JSON path, e.g. `$.runs[0].alerts[3].firedAt`. */
  path: string;
  message: string;
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

function typeOf(v: unknown): JsonType | 'undefined' {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v as JsonType;
}

function typeMatches(want: JsonType, v: unknown): boolean {
  const got = typeOf(v);
  return got === want || (want === 'number' && got === 'integer');
}

function describe(v: unknown): string {
  const s = JSON.stringify(v);
  return s === undefined ? String(v) : s.length > 40 ? `${s.slice(0, 37)}...` : s;
}

function keyPath(path: string, key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

/** Validates `value` against `schema` (subset above); returns every issue found. */
export function validateSchema(
  schema: JsonSchema,
  value: unknown,
  path = '$',
  root: JsonSchema = schema,
  issues: SchemaIssue[] = [],
): SchemaIssue[] {
  if (schema.$ref) {
    const m = /^#\/\$defs\/(.+)$/.exec(schema.$ref);
    const target = m ? root.$defs?.[m[1]!] : undefined;
    if (!target) throw new Error(`schema: unresolvable $ref ${schema.$ref}`);
    return validateSchema(target, value, path, root, issues);
  }
  if (schema.const !== undefined && value !== schema.const) {
    issues.push({ path, message: `expected ${JSON.stringify(schema.const)}, got ${describe(value)}` });
    return issues;
  }
  if (schema.enum && !schema.enum.includes(value)) {
    issues.push({
      path,
      message: `expected one of ${schema.enum.map((e) => JSON.stringify(e)).join(', ')}, got ${describe(value)}`,
    });
    return issues;
  }
  if (schema.type) {
    const types = Array.isArray(schema.type) ? schema.type : [schema.type];
    if (!types.some((t) => typeMatches(t, value))) {
      const what = value === undefined ? 'nothing' : `${typeOf(value)} ${describe(value)}`;
      issues.push({ path, message: `expected ${types.join(' or ')}, got ${what}` });
      return issues;
    }
  }
  if (typeof value === 'string') {
    if (schema.minLength !== undefined && value.length < schema.minLength)
      issues.push({ path, message: `expected a non-empty string` });
    if (schema.format === 'date-time' && (!RFC3339.test(value) || Number.isNaN(Date.parse(value)))) {
      issues.push({ path, message: `expected an RFC 3339 time like 2025-09-01T06:00:00.000Z, got ${describe(value)}` });
    }
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) issues.push({ path, message: `expected a finite number, got ${value}` });
    if (schema.minimum !== undefined && value < schema.minimum)
      issues.push({ path, message: `expected ≥ ${schema.minimum}, got ${value}` });
    if (schema.maximum !== undefined && value > schema.maximum)
      issues.push({ path, message: `expected ≤ ${schema.maximum}, got ${value}` });
  }
  if (Array.isArray(value) && schema.items) {
    value.forEach((item, i) => {
      validateSchema(schema.items!, item, `${path}[${i}]`, root, issues);
    });
  }
  if (typeOf(value) === 'object') {
    const obj = value as Record<string, unknown>;
    for (const key of schema.required ?? []) {
      if (!(key in obj)) issues.push({ path: keyPath(path, key), message: 'is required but missing' });
    }
    for (const [key, v] of Object.entries(obj)) {
      const sub = schema.properties?.[key];
      if (sub) validateSchema(sub, v, keyPath(path, key), root, issues);
      else if (schema.additionalProperties === false)
        issues.push({ path: keyPath(path, key), message: 'is not a known property' });
      else if (typeof schema.additionalProperties === 'object')
        validateSchema(schema.additionalProperties, v, keyPath(path, key), root, issues);
    }
  }
  return issues;
}
