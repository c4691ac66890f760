/**
 * Regex corner cases where RE2 (Go's regexp, used by Prometheus and Alertmanager) and JavaScript's
 * RegExp differ or where RE2 has limits, with label values to match them against. The expected
 * verdicts are not written here: the differential tests ask promtool and amtool.
 */
export const REGEX_PATTERNS: readonly string[] = [
  // valid in RE2
  '', 'a', 'a|', '|', 'a|b', '.', '.*', '.+', 'a.b', '(?s)a.b', '(?m)^a$', '^a$', 'a\\z', '\\Aa',
  '\\d+', '\\D', '\\w+', '\\W', '\\s', '\\S+', '\\pL+', '\\p{Greek}+', '\\PL', '\\pN+', '\\p{Lu}',
  '[[:alpha:]]+', '[[:word:]]+', '[[:^digit:]]+', '[[:upper:]]', '(?i)abc', '(?i)k', '(?i)s', '(?i)é',
  '(?i)ß', '(?U)a+', '(?P<n>a)b', '\\Qa.b\\E', 'a{2,3}', 'a{,3}', 'a{2}', 'x{1000}', '\\bfoo\\b',
  '[^a]', '[^a]*', '\\x{263a}', '\\x41', '\\101', 'é', '[α-ω]+', '☺', '\\.', 'a\\.b', '[a-c]+',
  '(a|ab)(c|bcd)', '[\\d\\-]+', 'foo bar', '(?:)', '()', '\\n', '[^\\n]+', '\\t',
  `(${'b'.repeat(400)}){1000}`,
  // rejected by RE2 (except repeated group names: RE2 C++ and re2js reject them, Go accepts)
  '(?=a)', '(?!a)', '(?<=a)', '(?<!a)', '(a)\\1', 'a(', 'a)', ')(', '[[:foo:]]', '\\pX', '\\p{Nope}',
  'x**', 'a++', '*a', 'a{2}{3}', 'a{1001}', '((a){100}){100}', '\\Z', '(?P<n>a)(?P<n>b)', '[z-a]',
  '(?P<n>a)|(?P<n>b)', '(?P<n>a)(?P<m>[(?P<n>])(?P<n>c)', '\\8', '\\C', '(?x)a', '[a', 'a{1,1001}', '\\', '(?P<>a)', '\\cA',
];

export const REGEX_VALUES: readonly string[] = [
  '', 'a', 'b', 'ab', 'abc', 'ABC', 'aa', 'aaa', 'a\nb', 'axb', 'a.b', '123', '12-3', 'é', 'É', 'ü',
  'K', '\u212a', 'k', 's', 'S', '\u017f', 'ß', 'ẞ', 'αβγ', 'ΑΒΓ', '☺', 'A', 'foo bar', 'foo', 'abcd',
  '\t', '\n', 'x'.repeat(1000),
];
