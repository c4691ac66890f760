// Parse and type-check PromQL the way Prometheus v2.54.1 does, and print a canonical form.
import { format, parseAndCheck } from '@alertcraft/promql';

export function checkExpression(source: string): string[] {
  const { expr, diagnostics } = parseAndCheck(source);
  if (diagnostics.length) return diagnostics.map((d) => `${d.line}:${d.column} ${d.severity} ${d.code}: ${d.message}`);
  return [format(expr!)];
}

// A valid expression comes back formatted; an invalid one as diagnostics with positions.
console.log(checkExpression('sum by(le)(rate(maestro_step_latency_bucket[5m]))'));
console.log(checkExpression('rate(maestro_run_total[5m]) and 1'));
