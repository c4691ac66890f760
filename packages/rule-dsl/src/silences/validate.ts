import { re2SyntaxError } from '@alertcraft/promql';
import type { RuleDslDiagnostic } from '../diagnostics.js';
import { SILENCES_API_PATH, isRfc3339, silenceMatcherMatchesEmpty, type SilenceMatcher } from './silence.js';

function d(
  out: RuleDslDiagnostic[],
  code: string,
  severity: RuleDslDiagnostic['severity'],
  path: string,
  message: string,
  fix?: RuleDslDiagnostic['fix'],
): void {
  out.push({ code: `silence/${code}`, severity, message, path, ...(fix ? { fix } : {}) });
}

const KNOWN = new Set(['id', 'matchers', 'startsAt', 'endsAt', 'createdBy', 'comment']);

/**
 * Check a silence payload against the Alertmanager API v2 (`POST /api/v2/silences`). Flags the
 * v1 shape seed 000 uses: a `/api/v1/` URL (removed in Alertmanager 0.27) and matchers without
 * `isRegex` (required in v2); also missing/invalid times, end not after start, missing
 * createdBy/comment, and matchers that all match the empty string (Alertmanager rejects those).
 * `url` is the URL or path the payload is sent to, when known.
 */
export function validateSilence(payload: unknown, opts: { url?: string } = {}): RuleDslDiagnostic[] {
  const out: RuleDslDiagnostic[] = [];
  if (opts.url !== undefined) {
    if (/\/api\/v1\/silences/.test(opts.url)) {
      d(
        out,
        'v1-api',
        'error',
        'url',
        `${opts.url} uses the Alertmanager v1 API, removed in Alertmanager 0.27; POST to ${SILENCES_API_PATH}`,
        {
          message: `use ${SILENCES_API_PATH}`,
          replacement: opts.url.replace('/api/v1/silences', SILENCES_API_PATH),
        },
      );
    } else if (!opts.url.includes(SILENCES_API_PATH)) {
      d(out, 'unexpected-path', 'warning', 'url', `${opts.url} is not the silences endpoint ${SILENCES_API_PATH}`);
    }
  }
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) {
    d(out, 'not-object', 'error', '', 'a silence payload must be a JSON object');
    return out;
  }
  const p = payload as Record<string, unknown>;
  for (const k of Object.keys(p))
    if (!KNOWN.has(k))
      d(
        out,
        'unknown-field',
        'warning',
        k,
        `unknown field '${k}' (Alertmanager v2 silences have ${[...KNOWN].join(', ')})`,
      );
  const matchers = p.matchers;
  if (!Array.isArray(matchers) || matchers.length === 0) {
    d(out, 'missing-matchers', 'error', 'matchers', 'a silence needs at least one matcher');
  } else {
    const valid: SilenceMatcher[] = [];
    matchers.forEach((m, i) => {
      const path = `matchers[${i}]`;
      if (m === null || typeof m !== 'object') {
        d(out, 'invalid-matcher', 'error', path, 'a matcher must be an object {name, value, isRegex, isEqual}');
        return;
      }
      const mm = m as Record<string, unknown>;
      let ok = true;
      if (typeof mm.name !== 'string' || mm.name === '') {
        d(out, 'invalid-matcher', 'error', `${path}.name`, 'matcher name must be a non-empty string');
        ok = false;
      }
      if (typeof mm.value !== 'string') {
        d(out, 'invalid-matcher', 'error', `${path}.value`, 'matcher value must be a string');
        ok = false;
      }
      if (mm.isRegex === undefined) {
        d(
          out,
          'missing-is-regex',
          'error',
          `${path}.isRegex`,
          "matcher has no 'isRegex': the v2 API requires it (this is a v1-shaped payload)",
          {
            message: 'add "isRegex": false (or true for a regex value)',
            replacement: JSON.stringify({ ...mm, isRegex: false, isEqual: mm.isEqual ?? true }),
          },
        );
        ok = false;
      } else if (typeof mm.isRegex !== 'boolean') {
        d(out, 'invalid-matcher', 'error', `${path}.isRegex`, 'isRegex must be true or false');
        ok = false;
      }
      if (mm.isEqual === undefined)
        d(
          out,
          'missing-is-equal',
          'info',
          `${path}.isEqual`,
          "matcher has no 'isEqual'; Alertmanager assumes true (an = / =~ matcher)",
        );
      else if (typeof mm.isEqual !== 'boolean') {
        d(out, 'invalid-matcher', 'error', `${path}.isEqual`, 'isEqual must be true or false');
        ok = false;
      }
      if (ok && mm.isRegex === true) {
        const err = re2SyntaxError(mm.value as string, { dialect: 'alertmanager' });
        if (err) {
          d(
            out,
            'invalid-regex',
            'error',
            `${path}.value`,
            `invalid regex ${JSON.stringify(mm.value)}: ${err.message}`,
          );
          ok = false;
        }
      }
      if (ok)
        valid.push({
          name: mm.name as string,
          value: mm.value as string,
          isRegex: mm.isRegex as boolean,
          isEqual: (mm.isEqual as boolean | undefined) ?? true,
        });
    });
    if (valid.length === matchers.length && valid.every(silenceMatcherMatchesEmpty)) {
      d(
        out,
        'matches-everything',
        'error',
        'matchers',
        'every matcher matches the empty string; Alertmanager rejects such a silence (use alertname=~".+" to silence everything)',
      );
    }
  }
  const times: Record<string, number> = {};
  for (const k of ['startsAt', 'endsAt'] as const) {
    const v = p[k];
    if (v === undefined) d(out, 'missing-field', 'error', k, `missing '${k}' (RFC 3339 time)`);
    else if (typeof v !== 'string' || !isRfc3339(v))
      d(out, 'invalid-time', 'error', k, `${k} ${JSON.stringify(v)} is not an RFC 3339 time like 2025-01-15T00:00:00Z`);
    else times[k] = Date.parse(v);
  }
  if (times.startsAt !== undefined && times.endsAt !== undefined && times.endsAt <= times.startsAt) {
    d(out, 'end-before-start', 'error', 'endsAt', 'endsAt must be after startsAt');
  }
  for (const k of ['createdBy', 'comment'] as const) {
    if (typeof p[k] !== 'string' || p[k] === '')
      d(out, 'missing-field', 'error', k, `missing '${k}': the v2 API requires a non-empty ${k}`);
  }
  return out;
}
