/** Names of the burn alerts `@alertcraft/slo-math` generates for an SLO, for pack expectations and variants. */
import { alertName, type SloSpec } from '@alertcraft/slo-math';

/** The burn alerts of an SLO, fastest tier first. */
export const burnAlerts = (spec: SloSpec): string[] => spec.tiers.map((t) => alertName(spec, t));
