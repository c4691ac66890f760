/** Names of the alerts `@alertcraft/slo-math` generates for an SLO, for pack expectations and variants. */
import { absentAlertName, alertName, type SloSpec } from '@alertcraft/slo-math';

/** The burn alerts of an SLO, fastest tier first. */
export const burnAlerts = (spec: SloSpec): string[] => spec.tiers.map((t) => alertName(spec, t));

/** Every alert an SLO's group holds (burn tiers and, unless disabled, the absent-SLI alert). */
export const sloAlerts = (spec: SloSpec): string[] => [
  ...burnAlerts(spec),
  ...(spec.alerting?.absent === false ? [] : [absentAlertName(spec)]),
];
