import { describe, expect, it } from 'vitest';
import { RuleDslInputError } from '../errors.js';
import { formatRfc3339, silence, silenceAll } from './silence.js';
import { validateSilence } from './validate.js';

describe('silence builder (Alertmanager v2 payloads)', () => {
  it('builds the seed 001 maintenance-mode silence with auto-expiry from an input time', () => {
    const s = silenceAll()
      .from(Date.UTC(2025, 0, 15, 10, 0, 0))
      .for('60m')
      .by('deploy-bot')
      .comment('Rolling deploy v2.3.0')
      .build();
    expect(s).toEqual({
      matchers: [{ name: 'alertname', value: '.+', isRegex: true, isEqual: true }],
      startsAt: '2025-01-15T10:00:00Z',
      endsAt: '2025-01-15T11:00:00Z',
      createdBy: 'deploy-bot',
      comment: 'Rolling deploy v2.3.0',
    });
  });

  it('accepts Date, RFC 3339 with offsets and Unix ms, and is immutable', () => {
    const base = silence({ alertname: 'X' }).by('a').comment('c').for('1h30m');
    expect(base.from(new Date('2025-01-15T00:00:00.250Z')).build().endsAt).toBe('2025-01-15T01:30:00.250Z');
    expect(base.from('2025-01-15T01:00:00+01:00').build().startsAt).toBe('2025-01-15T00:00:00Z');
    const withRegex = base.matching('tenant_id', { op: '=~', value: 'vip-.*' });
    expect(withRegex.from(0).build().matchers).toHaveLength(2);
    expect(base.from(0).build().matchers).toHaveLength(1);
    expect(formatRfc3339(0)).toBe('1970-01-01T00:00:00Z');
  });

  it('lists everything missing in one error', () => {
    expect(() => silence().build()).toThrow(RuleDslInputError);
    expect(() => silence().build()).toThrow(
      'silence: no matchers (add them with silence({...}) or .matching()); no start time (.from(t)); no expiry (.for(d) or .until(t)); no author (.by(name)); no comment (.comment(text))',
    );
    expect(() =>
      silence({ a: { op: '=~', value: '.*' } })
        .from(0)
        .for('1m')
        .by('x')
        .comment('y')
        .build(),
    ).toThrow(/every matcher matches the empty string/);
    expect(() =>
      silence({ a: 'b' }).from('2025-01-02T00:00:00Z').until('2025-01-01T00:00:00Z').by('x').comment('y').build(),
    ).toThrow(/end time is not after the start time/);
    expect(() => silence({ a: 'b' }).from('yesterday')).toThrow(/RFC 3339/);
    expect(() => silence({ a: 'b' }).for('0s')).toThrow(/greater than 0/);
  });

  it('every built payload passes the validator', () => {
    const s = silence({ alertname: 'MaestroMinorLatencyFluctuation', severity: 'info' })
      .from('2025-01-15T00:00:00Z')
      .until('2025-01-18T23:59:59Z')
      .by('sre-team')
      .comment('Day 0-3')
      .build();
    expect(validateSilence(s, { url: 'http://am:9093/api/v2/silences' })).toEqual([]);
  });
});

describe('validateSilence', () => {
  it('explains a v1-shaped payload and offers fixes', () => {
    const diags = validateSilence(
      {
        matchers: [{ name: 'alertname', value: 'X' }],
        startsAt: 'soon',
        endsAt: '2025-01-18T23:59:59Z',
        createdBy: '',
      },
      { url: 'http://am:9093/api/v1/silences' },
    );
    expect(diags.map((d) => `${d.severity} ${d.code} ${d.path}`)).toEqual([
      'error silence/v1-api url',
      'error silence/missing-is-regex matchers[0].isRegex',
      'info silence/missing-is-equal matchers[0].isEqual',
      'error silence/invalid-time startsAt',
      'error silence/missing-field createdBy',
      'error silence/missing-field comment',
    ]);
    expect(diags[0]!.fix?.replacement).toBe('http://am:9093/api/v2/silences');
    expect(JSON.parse(diags[1]!.fix!.replacement!)).toEqual({
      name: 'alertname',
      value: 'X',
      isRegex: false,
      isEqual: true,
    });
  });

  it('rejects non-objects, empty matchers, bad regexes and reversed times', () => {
    expect(validateSilence('x').map((d) => d.code)).toEqual(['silence/not-object']);
    const d = validateSilence({
      matchers: [{ name: 'a', value: '(', isRegex: true, isEqual: true }],
      startsAt: '2025-01-02T00:00:00Z',
      endsAt: '2025-01-01T00:00:00Z',
      createdBy: 'a',
      comment: 'b',
      extra: 1,
    });
    expect(d.map((x) => x.code)).toEqual([
      'silence/unknown-field',
      'silence/invalid-regex',
      'silence/end-before-start',
    ]);
    expect(
      validateSilence({
        matchers: [],
        startsAt: '2025-01-01T00:00:00Z',
        endsAt: '2025-01-02T00:00:00Z',
        createdBy: 'a',
        comment: 'b',
      }).map((x) => x.code),
    ).toEqual(['silence/missing-matchers']);
  });
});
