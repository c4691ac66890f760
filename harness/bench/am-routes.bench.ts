/**
 * `pnpm bench:am-routes [SEED]`: alert-noise's routing against Debian's `amtool config routes
 * test` on the seed packs' Alertmanager configs and 30 generated configs, 60 label sets each
 * (over 2,000 in all). Prints the seed, the agreement and any disagreement; exits 1 on one.
 */
import { which } from '../../test-support/requirements.js';
import { compareWithAmtool, routeCases } from './am-routes.js';

const seed = Number(process.argv[2] ?? 20261202);
const amtool = which(['amtool']);
if (!amtool) {
  console.error('amtool not found: apt-get install -y prometheus-alertmanager');
  process.exit(2);
}
const cases = routeCases(seed, 30, 60);
const t0 = performance.now();
const r = await compareWithAmtool(amtool, cases, 4);
const secs = ((performance.now() - t0) / 1000).toFixed(1);
console.log(
  `seed ${seed}: ${r.configs} configs (${cases.length - 30} seed-pack phases + 30 generated), ${r.labelSets} label sets`,
);
console.log(
  `agreement with amtool: ${r.agree}/${r.labelSets} (${((100 * r.agree) / r.labelSets).toFixed(2)} %), ${r.distinct} distinct (config, receivers) outcomes, ${secs} s`,
);
const seedSets = cases.filter((c) => !c.name.startsWith('generated-')).reduce((n, c) => n + c.labelSets.length, 0);
const seedBad = r.disagreements.filter((d) => !d.config.startsWith('generated-')).length;
console.log(
  `  seed-pack configs: ${seedSets - seedBad}/${seedSets}; generated: ${r.labelSets - seedSets - (r.disagreements.length - seedBad)}/${r.labelSets - seedSets}`,
);
for (const d of r.disagreements.slice(0, 20))
  console.log(`DISAGREE ${d.config} ${JSON.stringify(d.labels)}: ours ${d.ours} amtool ${d.amtool}`);
process.exit(r.disagreements.length ? 1 : 0);
