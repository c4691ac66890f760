/** The replay command's summary lines for SLO budgets and variants (`runs[].slos`, `variants[]`). */
import type { ResultComparisonSide, ResultDocument, ResultMeasure } from '../../result/types.js';

const times = (m: ResultMeasure) => (m.value === null ? '-' : `${m.value.toFixed(2)}x`);
const percent = (m: ResultMeasure) => (m.value === null ? '-' : `${(m.value * 100).toFixed(1)} %`);

function side(s: ResultComparisonSide): string {
  const fp = s.falsePositiveRate === null ? '-' : `${(s.falsePositiveRate * 100).toFixed(1)} %`;
  const mttd = s.mttdSeconds === null ? '-' : `${Math.round(s.mttdSeconds)} s`;
  return `detected ${s.incidentsDetected}/${s.incidentsRequired}, MTTD ${mttd}, ${s.falsePositives} false positives (${fp})`;
}

export function sloSummaryLines(doc: ResultDocument): string[] {
  const out: string[] = [];
  const withSlos = doc.runs.filter((r) => r.slos?.length);
  if (withSlos.length) {
    out.push("SLO budgets (burn over the run; budget remaining over the period ending at the run's end):");
    for (const r of withSlos)
      for (const s of r.slos!) {
        const over = s.budgetRemaining.value !== null && s.budgetRemaining.value < 0 ? ' (overspent)' : '';
        out.push(
          `  ${r.pack} ${r.phase} ${s.service ? `${s.service}/` : ''}${s.name} ${s.objectivePercent} % over ${s.period}: burn ${times(s.burnRate)}, budget spent ${percent(s.budgetSpent)}, remaining ${percent(s.budgetRemaining)}${over}`,
        );
      }
  }
  for (const v of doc.variants ?? []) {
    const [phase, variant] = v.comparison;
    if (!phase || !variant) continue;
    out.push(`variant ${v.pack} ${v.phase} ${v.variant} (not in the verdict):`);
    out.push(`  ${phase.name}: ${side(phase)}`);
    out.push(`  ${variant.name}: ${side(variant)}`);
  }
  return out;
}
