/**
 * What go-yaml (v2 and v3, which Prometheus and promtool read YAML with) accepts and the `yaml`
 * package rejects, made acceptable before parsing, without accepting what go-yaml rejects.
 *
 * One case: a quoted scalar (`"..."` or `'...'`) continued on a line indented no deeper than its
 * key. YAML 1.2 wants continuation lines indented deeper than the enclosing block; go-yaml's
 * scanner does not check that, so promtool reads
 *
 * ```yaml
 *     expr: "up
 *     == 0"
 * ```
 *
 * as `up == 0`. Leading white space of a continuation line is folded away in both parsers, so
 * indenting such lines deeper changes no value and no line number (only columns on those lines).
 * A continuation line starting with a document marker (`---`/`...` at column 1) is left alone:
 * go-yaml rejects it too.
 */

const MISSING_QUOTE = /^Missing closing (["'])quote/;

/** Offset just past the closing quote of the quoted scalar opening at `start`, or -1 when unterminated. */
function closingQuote(text: string, start: number): number {
  const q = text[start];
  for (let i = start + 1; i < text.length; i++) {
    const c = text[i];
    if (q === '"' && c === '\\') {
      i++;
      continue;
    }
    if (c === q) {
      if (q === "'" && text[i + 1] === "'") {
        i++;
        continue;
      }
      return i + 1;
    }
  }
  return -1;
}

/** The unclosed quote of kind `q` that opens a scalar on the line of `pos`, before `pos`; -1 when none. */
function openingQuote(text: string, pos: number, q: string): number {
  const lineStart = text.lastIndexOf('\n', pos - 1) + 1;
  let open = -1;
  for (let i = lineStart; i < pos; i++) {
    const c = text[i]!;
    if (open < 0) {
      const tokenStart = i === lineStart || /[\s[{,:-]/.test(text[i - 1]!);
      if ((c === '"' || c === "'") && tokenStart) open = i;
      else if (c === '#' && tokenStart) break;
    } else if (text[open] === '"' && c === '\\') i++;
    else if (c === text[open]) {
      if (c === "'" && text[i + 1] === "'") i++;
      else open = -1;
    }
  }
  return open >= 0 && text[open] === q ? open : -1;
}

/**
 * Re-indents the continuation lines of the quoted scalar opening at `start` to one column past the
 * opening quote. Returns the new text, or undefined when nothing could be changed.
 */
function reindentQuoted(text: string, start: number): string | undefined {
  const end = closingQuote(text, start);
  if (end < 0) return undefined;
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const want = start - lineStart + 1;
  let out = text.slice(0, start);
  let changed = false;
  let i = start;
  while (i < end) {
    const nl = text.indexOf('\n', i);
    if (nl < 0 || nl >= end) break;
    out += text.slice(i, nl + 1);
    let j = nl + 1;
    while (j < end && text[j] === ' ') j++;
    const indent = j - (nl + 1);
    const marker = indent === 0 && /^(---|\.\.\.)(\s|$)/.test(text.slice(j, j + 4));
    if (!marker && indent < want && text[j] !== '\n' && text[j] !== '\r') {
      out += ' '.repeat(want - indent);
      changed = true;
    }
    out += text.slice(nl + 1, j);
    i = j;
  }
  out += text.slice(i);
  return changed ? out : undefined;
}

/**
 * Runs `parse` on `text`; while its first error is an under-indented quoted scalar that go-yaml
 * would accept, fixes the indentation and parses again. Returns the text finally parsed (same
 * lines as `text`) and what `parse` returned for it.
 */
export function parseGoCompatible<
  T extends { errors: ReadonlyArray<{ e: { message: string; pos: [number, number] } }> },
>(text: string, parse: (text: string) => T): { text: string; result: T } {
  let result = parse(text);
  for (let round = 0; round < 1000; round++) {
    const err = result.errors[0]?.e;
    if (!err || !MISSING_QUOTE.test(err.message)) break;
    const start = openingQuote(text, err.pos[0], err.message.match(MISSING_QUOTE)![1]!);
    if (start < 0) break;
    const fixed = reindentQuoted(text, start);
    if (fixed === undefined) break;
    text = fixed;
    result = parse(text);
  }
  return { text, result };
}
