// Writes one Prometheus rule file per phase of the orders pack: OUT/orders-<phase>.rules.yaml.
// Usage: npx tsx emit-orders.ts OUT
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { emitRuleFile, render } from '@alertcraft/rule-dsl';
import { ordersPack } from './orders-pack.js';

export function emitOrders(outDir: string): string[] {
  mkdirSync(outDir, { recursive: true });
  return ordersPack.phases.map((phase) => {
    const file = join(outDir, `orders-${phase.id}.rules.yaml`);
    writeFileSync(file, emitRuleFile(render(ordersPack, phase.id)));
    return file;
  });
}

if (process.argv[1] && /emit-orders\.ts$/.test(process.argv[1])) {
  const out = process.argv[2];
  if (!out) {
    console.error('usage: npx tsx emit-orders.ts OUT');
    process.exit(2);
  }
  for (const file of emitOrders(resolve(out))) console.log(`wrote ${file}`);
}
