/**
 * Template engine behaviour. Expected strings are Prometheus v2.54.1 / Go facts (the behaviour of
 * Go's fmt and text/template and of Prometheus' template functions); the differential corpus
 * (test/unittest/templating-*.test.yml, run against promtool) covers the same ground end to end.
 */
import { describe, expect, it } from 'vitest';
import { expandAlertTemplate, expandTemplate } from './expand.js';
import { formatFloat, goQuote } from './go-format.js';
import { formatDuration, goDurationString } from '../duration.js';
import { goSprintf } from './printf.js';

const run = (text: string, data: unknown = null) => {
  const r = expandTemplate(text, data);
  if (!r.ok) throw new Error(r.error);
  return r.text;
};

describe('Go number formatting', () => {
  it.each([
    [0.5, 'g', -1, '0.5'],
    [1e6, 'g', -1, '1e+06'],
    [123456, 'g', -1, '123456'],
    [1e-5, 'g', -1, '1e-05'],
    [12345, 'g', 4, '1.234e+04'], // exact tie rounds to even
    [1234567, 'g', 4, '1.235e+06'],
    [100, 'g', 4, '100'],
    [0.125, 'f', 2, '0.12'],
    [0.375, 'f', 2, '0.38'],
    [2.5, 'f', 0, '2'],
    [1.5, 'e', 6, '1.500000e+00'],
    [-0, 'g', -1, '-0'],
    [NaN, 'g', -1, 'NaN'],
    [-Infinity, 'f', 2, '-Inf'],
  ] as const)('formatFloat(%s, %s, %s) = %s', (v, f, p, want) => {
    expect(formatFloat(v, f, p)).toBe(want);
  });

  it('printf verbs, flags and width', () => {
    expect(goSprintf('%.2f|%5.1f|%-4s|%d|%q|%v|%t|%%|%x', [3.14358, 2.25, 'ab', 42n, 'q"', 1.5, true, 255n])).toBe(
      '3.14|  2.2|ab  |42|"q\\""|1.5|true|%|ff',
    );
    expect(goSprintf('%d', [1.5])).toBe('%!d(float64=1.5)');
    expect(goSprintf('%s %s', ['a'])).toBe('a %!s(MISSING)');
    expect(goSprintf('%s', ['a', 'b'])).toBe('a%!(EXTRA string=b)');
    expect(goSprintf('%05.1f', [-2.5])).toBe('-02.5');
  });

  it('durations and quoting', () => {
    expect(goDurationString(0)).toBe('0s');
    expect(goDurationString(90_000)).toBe('1m30s');
    expect(goDurationString(3_600_000)).toBe('1h0m0s');
    expect(goDurationString(1500)).toBe('1.5s');
    expect(formatDuration(5_400_000)).toBe('1h30m');
    expect(formatDuration(86_400_000 * 14)).toBe('2w');
    expect(goQuote('a"b\\c\n\u0001é')).toBe('"a\\"b\\\\c\\n\\x01é"');
  });
});

describe('Prometheus template functions', () => {
  it('humanize family', () => {
    expect(run('{{ range . }}{{ humanize . }}:{{ end }}', [0, 1, 1234567, 0.12])).toBe('0:1:1.235M:120m:');
    expect(run('{{ range . }}{{ humanize1024 . }}:{{ end }}', [0, 1, 1048576, 0.12])).toBe('0:1:1Mi:0.12:');
    expect(
      run('{{ range . }}{{ humanizeDuration . }}:{{ end }}', [0, 1, 60, 3600, 86400, 90000, -183845, 899.99]),
    ).toBe('0s:1s:1m 0s:1h 0m 0s:1d 0h 0m 0s:1d 1h 0m 0s:-2d 3h 4m 5s:14m 59s:');
    expect(run('{{ range . }}{{ humanizeDuration . }}:{{ end }}', [0.1, 0.0001, 0.12345, 60.1, 1.2345, 12.345])).toBe(
      '100ms:100us:123.5ms:1m 0s:1.234s:12.35s:',
    );
    expect(
      run('{{ -0.22222 | humanizePercentage }}:{{ 0.0 | humanizePercentage }}:{{ "0.1234567" | humanizePercentage }}'),
    ).toBe('-22.22%:0%:12.35%');
    expect(run('{{ 1435065584.128 | humanizeTimestamp }}')).toBe('2015-06-23 13:19:44.128 +0000 UTC');
    expect(
      run(
        '{{ range . }}{{ humanize . }}:{{ humanize1024 . }}:{{ humanizeDuration . }}:{{ humanizeTimestamp . }}:{{ end }}',
        [Infinity, NaN],
      ),
    ).toBe('+Inf:+Inf:+Inf:+Inf:NaN:NaN:NaN:NaN:');
  });

  it('string helpers', () => {
    expect(run('{{ "aa bb CC" | title }} {{ "aA" | toUpper }} {{ "aA" | toLower }}')).toBe('Aa Bb CC AA aa');
    // biome-ignore lint/suspicious/noTemplateCurlyInString: `${n}` is Go's regexp replacement syntax
    expect(run('{{ reReplaceAll "(a)b" "x$1" "ab" }} {{ reReplaceAll "(?P<n>a)" "${n}z" "ba" }}')).toBe('xa baz');
    expect(run('{{ match "a+" "aa" }} {{ match "a+" "b" }}')).toBe('true false');
    expect(
      run(
        '{{ "foo.example.com:12345" | stripPort }} {{ "[2001:db8::1]:80" | stripPort }} {{ "foo.example.com:12345" | stripDomain }} {{ "192.0.2.1:1" | stripDomain }}',
      ),
    ).toBe('foo.example.com 2001:db8::1 foo:12345 192.0.2.1:1');
    expect(run('{{ graphLink "up" }} {{ tableLink "up" }}')).toBe(
      '/graph?g0.expr=up&g0.tab=0 /graph?g0.expr=up&g0.tab=1',
    );
    expect(run('{{ printf "%0.2f" (parseDuration "1h2m10ms") }}')).toBe('3720.01');
  });

  it('query helpers use the injected query function at the evaluation time', () => {
    const seen: number[] = [];
    const query = (expr: string, t: number) => {
      seen.push(t);
      return expr === 'metric'
        ? [
            { labels: { __name__: 'metric', instance: 'b' }, t, v: 21 },
            { labels: { __name__: 'metric', instance: 'a' }, t, v: 11 },
          ]
        : [];
    };
    const r = expandTemplate(
      '{{ range query "metric" | sortByLabel "instance" }}{{ .Labels.instance }}:{{ .Value }} {{ end }}{{ query "metric" | first | label "instance" }}',
      null,
      { query, timeMs: 5000 },
    );
    expect(r).toEqual({ ok: true, text: 'a:11 b:21 b' });
    expect(seen).toEqual([5000, 5000]);
  });
});

describe('text/template semantics', () => {
  it('control structures, variables, comparisons', () => {
    expect(run('{{ if eq 1 2 }}a{{ else if eq 1 1 }}b{{ else }}c{{ end }}')).toBe('b');
    expect(run('{{ with "" }}x{{ else }}empty{{ end }}')).toBe('empty');
    expect(run('{{ range $i, $e := . }}{{ $i }}={{ $e }},{{ end }}', ['a', 'b'])).toBe('0=a,1=b,');
    expect(run('{{ range . }}x{{ else }}none{{ end }}', [])).toBe('none');
    expect(run('{{ range . }}{{ if eq . 2 }}{{ break }}{{ end }}{{ . }}{{ end }}', [1n, 2n, 3n])).toBe('1');
    expect(run('{{ $x := 1 }}{{ if true }}{{ $x = 2 }}{{ end }}{{ $x }}')).toBe('2');
    expect(run('{{ and 1 0 }} {{ or 0 "" "z" }} {{ not true }} {{ len "héllo" }}')).toBe('0 z false 6');
    expect(run('a {{- /* comment */ -}} b')).toBe('ab');
    expect(run('{{ print 1 2 "a" "b" 3 }}')).toBe('1 2ab3');
  });

  it('missingkey=zero: a missing label is the empty string', () => {
    expect(
      expandAlertTemplate('[{{ $labels.nope }}]', { alertname: 'A', labels: { a: 'b' }, value: 1, timeMs: 0 }),
    ).toBe('[]');
  });

  it("errors are reported in Prometheus' words, never thrown", () => {
    const a = { alertname: 'A', labels: {}, value: 1, timeMs: 0 };
    expect(expandAlertTemplate('{{ humanize "x" }}', a)).toBe(
      '<error expanding template: error executing template __alert_A: template: __alert_A:1:115: executing "__alert_A" at <humanize "x">: error calling humanize: strconv.ParseFloat: parsing "x": invalid syntax>',
    );
    expect(expandAlertTemplate('{{ nosuch }}', a)).toBe(
      '<error expanding template: error parsing template __alert_A: template: __alert_A:1: function "nosuch" not defined>',
    );
    expect(expandAlertTemplate('{{ if }}', a)).toMatch(
      /^<error expanding template: error parsing template __alert_A: template: __alert_A:1: /,
    );
    expect(expandAlertTemplate('{{ gt $value 1 }}', a)).toContain(
      'error calling gt: incompatible types for comparison',
    );
  });
});
