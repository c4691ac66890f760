import { describe, expect, it } from 'vitest';
import { gaLaunch, maestro } from '../../packs/index.js';
import type { PackVariant } from '../../packs/types.js';
import type { Incident } from '../scenario/types.js';
import { variantIncidents } from './replay.js';

const incident = (id: string, kind: Incident['kind'], expected: Incident['expected']): Incident => ({
  id,
  kind,
  start: 0,
  end: 600_000,
  labels: { job: 'maestro-api' },
  magnitude: 1,
  description: id,
  expected,
});

const names = (i: Incident) => i.expected.map((e) => `${e.pack}:${e.alertname}`);

describe('variantIncidents', () => {
  it('a list per replaced alert: an error burst expects only the error stand-ins, a regression the latency one', () => {
    const v = gaLaunch.variants![0]!;
    const [errors, latency] = variantIncidents(
      [
        incident('01', 'error-spike', [
          { alertname: 'ApiErrorBudgetBurn', pack: 'incident-runbook', within: 1800 },
          { alertname: 'GaAvailabilityBudgetBurnPageFast', pack: 'ga-launch', within: 1200 },
          { alertname: 'GaAvailabilityBudgetBurnTicketSlow', pack: 'ga-launch', within: 1200 },
        ]),
        incident('02', 'latency-regression', [
          { alertname: 'GaLatencyBudgetBurnPageFast', pack: 'ga-launch', within: 600 },
        ]),
      ],
      'ga-launch',
      v,
    );
    // Other packs' expectations stay; the stand-ins appear once, with the replaced alert's deadline.
    expect(names(errors!)).toEqual([
      'incident-runbook:ApiErrorBudgetBurn',
      'ga-launch:GaErrorRateAboveTarget',
      'ga-launch:GaAvailabilityBelowTarget',
    ]);
    expect(errors!.expected[1]!.within).toBe(1200);
    expect(names(latency!)).toEqual(['ga-launch:GaLatencyP95AboveTarget']);
  });

  it('one list for every replaced alert, and only for the pack the variant belongs to', () => {
    const v = maestro.variants![0]!;
    const [i] = variantIncidents(
      [
        incident('01', 'error-spike', [
          { alertname: 'MaestroSLOErrorBudgetBurnPageFast', pack: 'maestro', phases: ['day8'], within: 1800 },
          { alertname: 'MaestroSLOErrorBudgetBurnPageSlow', pack: 'maestro', phases: ['day8'], within: 1800 },
          { alertname: 'MaestroSLOErrorBudgetBurnPageFast', pack: 'other', within: 1800 },
        ]),
      ],
      'maestro',
      v,
    );
    expect(names(i!)).toEqual(['maestro:MaestroSLOErrorBudgetBurn', 'other:MaestroSLOErrorBudgetBurnPageFast']);
  });

  it('a replaced alert without stand-ins in the map drops out', () => {
    const v: PackVariant = { ...gaLaunch.variants![0]!, by: {} };
    const [i] = variantIncidents(
      [
        incident('01', 'error-spike', [
          { alertname: 'GaAvailabilityBudgetBurnPageFast', pack: 'ga-launch', within: 60 },
        ]),
      ],
      'ga-launch',
      v,
    );
    expect(i!.expected).toEqual([]);
  });
});
