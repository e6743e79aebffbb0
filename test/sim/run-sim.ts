// `npm run sim`: the simulated pilot year for many seeds (SIM_SEEDS="1-50" or "3,7,11").
import { simulateYear } from './simulator.js';

function seeds(spec: string): number[] {
  return spec.split(',').flatMap((part) => {
    const [a, b] = part.split('-').map(Number) as [number, number | undefined];
    return b === undefined ? [a] : Array.from({ length: b - a + 1 }, (_, i) => a + i);
  });
}

const list = seeds(process.env.SIM_SEEDS ?? '1-20');
let failed = 0;
for (const seed of list) {
  const started = Date.now();
  try {
    const r = await simulateYear(seed);
    console.log(`seed ${seed}: ok — ${r.days} days, ${r.fines} fines, ${r.bankLines} bank lines, ${r.aanmaningen} aanmaningen, ${r.objections} objections (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  } catch (err) {
    failed += 1;
    console.error((err as Error).message);
  }
}
console.log(`${list.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
