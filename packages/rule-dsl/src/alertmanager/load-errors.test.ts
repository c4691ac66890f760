import { describe, expect, it } from 'vitest';
import { LoadError } from '../errors.js';
import { loadAlertmanagerConfig, parseAlertmanagerConfig } from './load.js';

const withRoute = (route: string) =>
  `route:\n  receiver: a\n  routes:\n  - receiver: a\n${route}receivers:\n- name: a\n`;

describe('Alertmanager config loaders never throw on bad input', () => {
  it('reports a bad legacy match key with its line instead of throwing', () => {
    const text = withRoute('    match: {"im{pact": x}\n');
    const r = parseAlertmanagerConfig(text);
    expect(r.value).toBeUndefined();
    expect(r.diagnostics.map((d) => `${d.line}:${d.column} ${d.code} ${d.path}`)).toEqual([
      '5:5 alertmanager/invalid-label-name route.routes[0].match',
    ]);
    expect(r.diagnostics[0]!.message).toContain('invalid label name "im{pact"');
  });

  it('reports RE2 errors in matchers and match_re', () => {
    const r = parseAlertmanagerConfig(withRoute('    matchers: [\'a=~"(?=x)"\']\n    match_re: {b: "a{1001}"}\n'));
    expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.line} ${d.code} ${d.message}`)).toEqual([
      '5 alertmanager/invalid-regex invalid regex "(?=x)" in matcher "a=~\\"(?=x)\\"": error parsing regexp: invalid or unsupported Perl syntax: `(?=`',
      '6 alertmanager/invalid-regex invalid regex "a{1001}" in \'match_re\' of "b": error parsing regexp: invalid repeat count: `{1001}`',
    ]);
  });

  it('loadAlertmanagerConfig throws a LoadError naming file:line:col', () => {
    let err: unknown;
    try {
      loadAlertmanagerConfig(withRoute('    match: {"im{pact": x}\n'), { file: 'am.yml' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(LoadError);
    expect((err as Error).message).toContain('am.yml:5:5: route.routes[0].match: invalid label name "im{pact"');
  });

  it('survives a thousand mangled configs without throwing', () => {
    const base = withRoute('    matchers: [\'sev=~"crit|page"\']\n    match: {team: x}\n    group_wait: 30s\n');
    let seed = 7;
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) >>> 0;
      return seed % n;
    };
    const junk = [
      '{',
      '}',
      '"',
      "'",
      '\n',
      ':',
      '- ',
      '[',
      ']',
      '=~',
      '(',
      '\\',
      '\u0000',
      '\ud800',
      '&a',
      '*a',
      '!!binary',
      '  ',
    ];
    for (let i = 0; i < 1000; i++) {
      let t = base;
      for (let k = 0; k < 1 + rnd(4); k++) {
        const at = rnd(t.length);
        t = t.slice(0, at) + (rnd(2) ? junk[rnd(junk.length)] : '') + t.slice(at + rnd(3));
      }
      expect(() => parseAlertmanagerConfig(t), JSON.stringify(t)).not.toThrow();
    }
  });
});
