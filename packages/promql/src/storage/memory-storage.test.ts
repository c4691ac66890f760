import { describe, expect, it } from 'vitest';
import { createStorage, OutOfOrderSampleError, STALE_NAN, isStaleNaN, STALE_NAN_BITS } from '@alertcraft/promql';

describe('createStorage', () => {
  it('grows series by doubling and keeps samples in typed arrays', () => {
    const st = createStorage();
    for (let i = 0; i < 10_000; i++) st.append({ __name__: 'm', job: 'a' }, i * 1000, i);
    const [s] = st.select([{ name: '__name__', op: '=', value: 'm' }]);
    expect(s!.timestamps).toBeInstanceOf(Float64Array);
    expect(s!.timestamps.length).toBe(10_000);
    expect(s!.values[9_999]).toBe(9_999);
    expect(st.stats()).toEqual({ series: 1, samples: 10_000 });
  });

  it('interns label sets: the same labels in any key order are one series', () => {
    const st = createStorage();
    st.append({ b: '2', __name__: 'm', a: '1' }, 1, 1);
    st.append({ a: '1', b: '2', __name__: 'm' }, 2, 2);
    const all = st.series();
    expect(all).toHaveLength(1);
    expect(Object.keys(all[0]!.labels)).toEqual(['__name__', 'a', 'b']);
  });

  it('rejects out-of-order samples and a different value at the same timestamp', () => {
    const st = createStorage();
    st.append({ __name__: 'm' }, 2000, 1);
    expect(() => st.append({ __name__: 'm' }, 1000, 1)).toThrow(OutOfOrderSampleError);
    expect(() => st.append({ __name__: 'm' }, 2000, 5)).toThrow(/duplicate sample/);
    st.append({ __name__: 'm' }, 2000, 1); // same value again is accepted, like Prometheus
    expect(st.stats().samples).toBe(1);
    expect(() => st.appendSeries({ __name__: 'n' }, new Float64Array([3, 2]), new Float64Array([1, 1]))).toThrow(
      /out-of-order/,
    );
  });

  it('keeps the staleness-marker bit pattern', () => {
    const st = createStorage();
    // (An array literal would canonicalise the NaN payload: write markers into typed arrays directly.)
    const vs = new Float64Array([1, 0, NaN]);
    vs[1] = STALE_NAN;
    st.appendSeries({ __name__: 'm' }, new Float64Array([1, 2, 3]), vs);
    const [s] = st.select([{ name: '__name__', op: '=', value: 'm' }]);
    expect(s!.hasStale).toBe(true);
    expect(isStaleNaN(s!.values[1]!)).toBe(true);
    expect(isStaleNaN(s!.values[2]!)).toBe(false);
    const bits = new DataView(s!.values.buffer, s!.values.byteOffset).getBigUint64(8, true);
    expect(bits).toBe(STALE_NAN_BITS);
    st.appendStale({ __name__: 'm' }, 4);
    expect(isStaleNaN(st.select([{ name: '__name__', op: '=', value: 'm' }])[0]!.values[3]!)).toBe(true);
  });

  it('serves range selectors the samples without staleness markers, extended as samples arrive', () => {
    const st = createStorage();
    const sel = () => st.select([{ name: '__name__', op: '=', value: 'm' }])[0]!.nonStale();
    st.append({ __name__: 'm' }, 1, 1);
    st.appendStale({ __name__: 'm' }, 2);
    st.append({ __name__: 'm' }, 3, 3);
    expect([...sel().timestamps]).toEqual([1, 3]);
    for (let t = 4; t < 40; t++) t % 3 ? st.append({ __name__: 'm' }, t, t) : st.appendStale({ __name__: 'm' }, t);
    const v = sel();
    expect(v.timestamps.length).toBe(2 + 24);
    expect([...v.values].every((x) => !Number.isNaN(x))).toBe(true);
    expect([...v.timestamps].slice(0, 5)).toEqual([1, 3, 4, 5, 7]);
  });

  it('selects with fully anchored RE2 matchers; an absent label matches the empty string', () => {
    const st = createStorage();
    st.append({ __name__: 'http_requests_total', code: '200' }, 1, 1);
    st.append({ __name__: 'http_requests_total', code: '500' }, 1, 1);
    st.append({ __name__: 'http_requests_total' }, 1, 1);
    st.append({ __name__: 'other', code: '200' }, 1, 1);
    const sel = (m: Parameters<typeof st.select>[0]) => st.select(m).map((s) => s.labels.code ?? '-');
    expect(
      sel([
        { name: '__name__', op: '=', value: 'http_requests_total' },
        { name: 'code', op: '=~', value: '2..' },
      ]),
    ).toEqual(['200']);
    // anchored: "0" does not match "200"
    expect(sel([{ name: 'code', op: '=~', value: '0' }])).toEqual([]);
    expect(
      sel([
        { name: '__name__', op: '=', value: 'http_requests_total' },
        { name: 'code', op: '=', value: '' },
      ]),
    ).toEqual(['-']);
    expect(
      sel([
        { name: '__name__', op: '=', value: 'http_requests_total' },
        { name: 'code', op: '!~', value: '5.*' },
      ]),
    ).toEqual(['-', '200']);
    expect(
      sel([
        { name: '__name__', op: '=~', value: 'http_.*|other' },
        { name: 'code', op: '!=', value: '' },
      ]),
    ).toEqual(['200', '500', '200']);
  });

  it('compiles regex matchers with 2.54 flags: "." does not match a newline', () => {
    const st = createStorage();
    st.append({ __name__: 'm', v: 'a\nb' }, 1, 1);
    st.append({ __name__: 'm', v: 'a-b' }, 1, 1);
    expect(st.select([{ name: 'v', op: '=~', value: 'a.b' }]).map((s) => s.labels.v)).toEqual(['a-b']);
    expect(st.select([{ name: 'v', op: '=~', value: 'a\\nb' }]).map((s) => s.labels.v)).toEqual(['a\nb']);
  });

  it('keeps selections current as series are created and samples appended', () => {
    const st = createStorage();
    const m = [{ name: '__name__', op: '=' as const, value: 'c_total' }];
    st.append({ __name__: 'c_total', i: '1' }, 1, 1);
    expect(st.select(m).map((s) => s.timestamps.length)).toEqual([1]);
    st.append({ __name__: 'c_total', i: '1' }, 2, 5);
    st.append({ __name__: 'c_total', i: '0' }, 1, 1);
    expect(st.select(m).map((s) => [s.labels.i, s.timestamps.length, s.monotonic])).toEqual([
      ['0', 1, true],
      ['1', 2, true],
    ]);
    st.append({ __name__: 'c_total', i: '1' }, 3, 2); // a counter reset
    expect(st.select(m).map((s) => s.monotonic)).toEqual([true, false]);
  });

  it('returns selected series sorted by labels like the Prometheus querier', () => {
    const st = createStorage();
    st.append({ __name__: 'm', i: 'b' }, 1, 1);
    st.append({ __name__: 'm', i: 'a' }, 1, 1);
    st.append({ __name__: 'l', i: 'z' }, 1, 1);
    expect(st.select([{ name: 'i', op: '=~', value: '.+' }]).map((s) => `${s.labels.__name__}/${s.labels.i}`)).toEqual([
      'l/z',
      'm/a',
      'm/b',
    ]);
  });
});
