import type { Severity } from '@alertcraft/promql';

/**
 * A problem found in a config-shaped input (rule file, Alertmanager config, silence payload).
 * Data, never thrown. `path` is a JSON-ish path (`groups[0].rules[2].expr`); `line`/`column` are
 * 1-based positions in the source YAML when the input came from text.
 */
export interface RuleDslDiagnostic {
  code: string;
  severity: Severity;
  message: string;
  path: string;
  line?: number;
  column?: number;
  fix?: { message: string; replacement?: string };
}
