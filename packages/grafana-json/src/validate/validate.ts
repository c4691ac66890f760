/** The validator's entry point: which document this is, and its problems. */
import { isObject } from '../alerts/read-helpers.js';
import { inferAlertDocumentKind, type AlertDocumentKind } from '../alerts/convert.js';
import { validateAlertDocument } from './alerts.js';
import { validateDashboard, validateDashboardImport } from './dashboards.js';
import type { Problem } from './problem.js';
import type { DatasourceIndex } from './uids.js';

export type DocumentKind = 'dashboard' | 'dashboard-import' | AlertDocumentKind;
export const DOCUMENT_KINDS: readonly DocumentKind[] = [
  'dashboard',
  'dashboard-import',
  'provisioning-api',
  'provisioning-api-group',
  'file',
  'ruler',
];

export function inferDocumentKind(v: unknown): DocumentKind | undefined {
  if (isObject(v) && isObject(v.dashboard)) return isObject(v.meta) ? 'dashboard' : 'dashboard-import';
  if (isObject(v) && ('panels' in v || 'schemaVersion' in v || 'templating' in v)) return 'dashboard';
  return inferAlertDocumentKind(v);
}

export interface ValidationResult {
  /** The kind checked: the one asked for, or the one inferred. */
  kind: DocumentKind | undefined;
  problems: Problem[];
}

/** A schema problem at a path where a cross-field check already says more is left out. */
function withoutEchoes(problems: Problem[]): Problem[] {
  const specific = new Set(problems.filter((p) => !p.code.startsWith('grafana/schema-')).map((p) => p.path));
  return problems.filter((p) => !p.code.startsWith('grafana/schema-') || !specific.has(p.path));
}

export function validateDocument(
  v: unknown,
  options: { kind?: DocumentKind; datasources?: DatasourceIndex } = {},
): ValidationResult {
  const r = validateAs(v, options);
  return { kind: r.kind, problems: withoutEchoes(r.problems) };
}

function validateAs(v: unknown, options: { kind?: DocumentKind; datasources?: DatasourceIndex }): ValidationResult {
  const found = inferDocumentKind(v);
  const kind = options.kind ?? found;
  if (kind === 'dashboard') {
    if (found !== 'dashboard' && found !== undefined && found !== 'dashboard-import') {
      return {
        kind,
        problems: [
          {
            path: '$',
            severity: 'error',
            code: 'grafana/wrong-shape',
            message: `this is a ${found} alert document, not a dashboard`,
            fix: `validate it with --for ${found}`,
          },
        ],
      };
    }
    // GET /api/dashboards/uid/{uid} wraps the dashboard with meta.
    const inner = isObject(v) && isObject(v.dashboard) ? v.dashboard : v;
    return { kind, problems: validateDashboard(inner, options.datasources, inner === v ? '$' : '$.dashboard') };
  }
  if (kind === 'dashboard-import') return { kind, problems: validateDashboardImport(v, options.datasources) };
  if (options.kind === undefined && found === undefined) {
    return {
      kind,
      problems: [
        {
          path: '$',
          severity: 'error',
          code: 'grafana/unknown-shape',
          message: 'neither a dashboard nor a Grafana alert document',
          fix: 'give --for to say what it is meant to be',
        },
      ],
    };
  }
  if (options.kind !== undefined && (found === 'dashboard' || found === 'dashboard-import')) {
    return {
      kind,
      problems: [
        {
          path: '$',
          severity: 'error',
          code: 'grafana/wrong-shape',
          message: `this is a ${found}, not an alert document`,
          fix: `validate it with --for ${found}`,
        },
      ],
    };
  }
  return { kind, problems: validateAlertDocument(v, kind as AlertDocumentKind | undefined, options.datasources) };
}
