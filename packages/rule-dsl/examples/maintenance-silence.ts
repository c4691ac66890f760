// A maintenance-mode silence for Alertmanager's v2 API that expires by itself (seed 001), with
// time as an input: the same call gives the same payload.
import { SILENCES_API_PATH, silenceAll, validateSilence } from '@alertcraft/rule-dsl';

export function maintenanceSilence(now: string) {
  const payload = silenceAll().from(now).for('30m').by('deploy-bot').comment('Rolling deploy v2.3.0').build();
  return { path: SILENCES_API_PATH, payload, problems: validateSilence(payload) };
}

console.log(JSON.stringify(maintenanceSilence('2026-01-15T10:00:00Z'), null, 2));
