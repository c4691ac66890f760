/**
 * `alertcraft emit`: renders one phase of a seed pack and writes Prometheus rule YAML, a
 * PrometheusRule CRD, or the pack's Alertmanager configuration (plus its silences when a start
 * time is given) into `--out DIR`, printing the paths written.
 */
import {
  emitAlertmanagerConfig,
  emitPrometheusRule,
  emitRuleFile,
  isRfc3339,
  RuleDslError,
  validateAlertmanagerConfig,
} from '@alertcraft/rule-dsl';
import { renderPhase } from '../../pack-registry/registry.js';
import { flagHttpUrl, flagString, InputError, parseFlags, UsageError, type Command } from '../command.js';
import { asInputError, formatFlag, loadInputs, packFlag, phaseFlag } from '../pack-flags.js';
import { ensureOutDir, writeOutput } from '../write-output.js';

const FORMATS = ['prometheus', 'prometheus-rule', 'alertmanager'] as const;
const DNS1123 = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

export const emitCommand: Command = {
  name: 'emit',
  summary: 'Render a seed pack phase to Prometheus rules, a PrometheusRule CRD or Alertmanager config',
  help: [
    'Usage: alertcraft emit --pack P [--phase PH] [--baselines FILE.json]',
    '                       --format prometheus|prometheus-rule|alertmanager --out DIR',
    '',
    "Renders one phase of a seed pack (see 'alertcraft packs') and writes the result into DIR,",
    'printing the path of every file written:',
    '  prometheus        <pack>-<phase>.rules.yaml           rule file (promtool check rules)',
    '  prometheus-rule   <pack>-<phase>.prometheusrule.yaml  monitoring.coreos.com/v1 PrometheusRule',
    '  alertmanager      <pack>-<phase>.alertmanager.yaml    alertmanager.yml (amtool check-config)',
    '                    <pack>-<phase>.silences.json        with --silence-start: API v2 silence payloads',
    '',
    'Options:',
    '  --pack P              seed pack name',
    '  --phase PH            phase id; may be left out when the pack has one phase',
    "  --baselines FILE      baselines JSON, the shape of the seed's week1-baselines.json:",
    '                        { "error_rate": { "p50": 0.0005, "p95": 0.001, ... }, ... }, or',
    '                        { "baselines": { ... }, "values": { "capacity": { "maxRunsPerDay": 2000000 } } }.',
    "                        Default: the pack's documented example baselines (said on stderr).",
    '  --format F            prometheus | prometheus-rule | alertmanager',
    '  --out DIR             output directory (created when missing)',
    '  --namespace NS        metadata.namespace of the PrometheusRule (prometheus-rule only)',
    '  --webhook-url URL     base URL of the Alertmanager webhook receivers (alertmanager only;',
    '                        each receiver posts to URL/<receiver>; default http://127.0.0.1:9095/alerts)',
    "  --silence-start TIME  RFC 3339 start of the pack's silences (alertmanager only), e.g. 2025-01-15T00:00:00Z",
    '',
    'Exit codes: 0 written, 2 bad usage or unusable input (unknown pack/phase, bad baselines JSON,',
    'missing baseline values) with a one-line message saying where.',
  ].join('\n'),
  async run(argv, io) {
    const parsed = parseFlags(argv, {
      values: ['pack', 'phase', 'baselines', 'format', 'out', 'namespace', 'webhook-url', 'silence-start'],
    });
    if (parsed.positionals.length) throw new UsageError(`unexpected argument '${parsed.positionals[0]}'`);
    const packName = flagString(parsed, 'pack');
    if (!packName) throw new UsageError('--pack is required');
    const format = formatFlag(flagString(parsed, 'format'), FORMATS);
    const out = flagString(parsed, 'out');
    if (!out) throw new UsageError('--out DIR is required');
    const namespace = flagString(parsed, 'namespace');
    const webhookUrl = flagString(parsed, 'webhook-url');
    const silenceStart = flagString(parsed, 'silence-start');
    if (namespace !== undefined && format !== 'prometheus-rule')
      throw new UsageError('--namespace applies to --format prometheus-rule only');
    if (namespace !== undefined && !DNS1123.test(namespace))
      throw new UsageError(
        `--namespace '${namespace}' is not a Kubernetes namespace name (lowercase letters, digits, '-')`,
      );
    if ((webhookUrl !== undefined || silenceStart !== undefined) && format !== 'alertmanager')
      throw new UsageError('--webhook-url and --silence-start apply to --format alertmanager only');
    flagHttpUrl(parsed, 'webhook-url');
    if (silenceStart !== undefined && !isRfc3339(silenceStart))
      throw new UsageError(`--silence-start '${silenceStart}' is not an RFC 3339 time like 2025-01-15T00:00:00Z`);

    const pack = packFlag(packName);
    const phase = phaseFlag(pack, flagString(parsed, 'phase'));
    const base = `${pack.name}-${phase}`;

    if (format === 'alertmanager') {
      if (flagString(parsed, 'baselines') !== undefined)
        io.stderr('alertcraft emit: note: --baselines does not affect the Alertmanager configuration');
      const config = pack.alertmanager(phase, webhookUrl !== undefined ? { webhookBaseUrl: webhookUrl } : {});
      const problems = validateAlertmanagerConfig(config).filter((d) => d.severity === 'error');
      if (problems.length)
        throw new Error(
          `pack '${pack.name}' phase '${phase}': invalid Alertmanager configuration: ${problems.map((d) => `${d.path}: ${d.message}`).join('; ')}`,
        );
      const dir = ensureOutDir(out, io.cwd);
      io.stdout(writeOutput(dir, `${base}.alertmanager.yaml`, emitAlertmanagerConfig(config), io.cwd));
      if (silenceStart !== undefined) {
        const silences = (pack.silences ?? [])
          .filter((s) => !s.phases || s.phases.includes(phase))
          .map((s) => s.build({ now: silenceStart }));
        io.stdout(writeOutput(dir, `${base}.silences.json`, `${JSON.stringify(silences, null, 2)}\n`, io.cwd));
      }
      return 0;
    }

    const loaded = loadInputs(pack, flagString(parsed, 'baselines'), io.cwd);
    if (loaded.examples && (pack.rules.exampleBaselines || pack.rules.exampleValues)) {
      io.stderr(
        `alertcraft emit: using ${loaded.source} (documented in harness/packs/${pack.name}/); pass --baselines FILE.json for measured ones`,
      );
    }
    let file;
    try {
      file = renderPhase(pack, phase, loaded.inputs);
    } catch (err) {
      if (err instanceof RuleDslError && err.code === 'rule-dsl/invalid-expr') {
        throw new InputError(
          `the values from ${loaded.source} give an invalid expression: ${err.message.split('\n')[0]}`,
          { code: err.code, cause: err },
        );
      }
      asInputError(err, loaded.source);
    }
    const text =
      format === 'prometheus'
        ? emitRuleFile(file)
        : emitPrometheusRule(file, {
            name: `alertcraft-${base}`,
            ...(namespace !== undefined ? { namespace } : {}),
            labels: {
              'app.kubernetes.io/managed-by': 'alertcraft',
              'alertcraft.dev/pack': pack.name,
              'alertcraft.dev/phase': phase,
            },
          });
    const dir = ensureOutDir(out, io.cwd);
    io.stdout(writeOutput(dir, `${base}.${format === 'prometheus' ? 'rules' : 'prometheusrule'}.yaml`, text, io.cwd));
    return 0;
  },
};
