/**
 * Silences as Alertmanager v0.27 applies them: a silence is active over [startsAt, endsAt) and
 * mutes an alert when all its matchers match the alert's labels (absent labels are "").
 */
import type { CompiledMatcher, Labels } from '@alertcraft/promql';
import type { SilenceMatcher, SilencePayload } from '@alertcraft/rule-dsl';
import { toMillis } from '@alertcraft/rule-dsl';
import { AlertNoiseError } from '../errors.js';
import { compileAmMatchers, matchesAll } from '../routing.js';

/** A silence to simulate: matchers as strings (`severity="info"`) or API v2 objects; times Unix ms or RFC 3339. */
export interface SimSilence {
  id?: string;
  matchers: readonly (string | SilenceMatcher)[];
  startsAt: number | string;
  endsAt: number | string;
  comment?: string;
}

export interface CompiledSilence {
  id: string;
  matchers: CompiledMatcher[];
  startsAt: number;
  endsAt: number;
}

function matcherText(m: string | SilenceMatcher): string {
  if (typeof m === 'string') return m;
  const op = m.isEqual === false ? (m.isRegex ? '!~' : '!=') : m.isRegex ? '=~' : '=';
  return `${m.name}${op}${JSON.stringify(m.value)}`;
}

/** Compiles silences (accepts the `SilencePayload` a pack builds); `where` prefixes error paths. */
export function compileSilences(
  silences: readonly (SimSilence | SilencePayload)[] | undefined,
  where = 'silences',
): CompiledSilence[] {
  return (silences ?? []).map((s, i) => {
    const at = `${where}[${i}]`;
    if (!s.matchers?.length)
      throw new AlertNoiseError('alert-noise/bad-silence', `${at}.matchers: a silence needs at least one matcher`);
    let startsAt: number;
    let endsAt: number;
    try {
      startsAt = toMillis(s.startsAt, `${at}.startsAt`);
      endsAt = toMillis(s.endsAt, `${at}.endsAt`);
    } catch (err) {
      throw new AlertNoiseError('alert-noise/bad-silence', (err as Error).message, { cause: err });
    }
    if (endsAt <= startsAt)
      throw new AlertNoiseError('alert-noise/bad-silence', `${at}: endsAt must be after startsAt`);
    return {
      id: s.id ?? `silence-${i}`,
      matchers: compileAmMatchers(s.matchers.map(matcherText), undefined, undefined, at),
      startsAt,
      endsAt,
    };
  });
}

/** The first silence active at `ms` that mutes `labels`. */
export function silencedBy(
  silences: readonly CompiledSilence[],
  labels: Labels,
  ms: number,
): CompiledSilence | undefined {
  return silences.find((s) => s.startsAt <= ms && ms < s.endsAt && matchesAll(s.matchers, labels));
}
