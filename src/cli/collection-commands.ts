import type { Services } from '../services.js';
import { cliActor, parse, printJson, UsageError } from './cli-support.js';

export const COLLECT_USAGE = `bboor collect [--as-of YYYY-MM-DD]`;

/** The daily collection run from the command line (cron): prints the run as JSON. */
export async function collectCommand(services: Services, args: string[]): Promise<number> {
  const { values } = parse(args, { 'as-of': { type: 'string' } });
  const asOf = values['as-of'];
  if (asOf !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(asOf)) throw new UsageError('--as-of must be YYYY-MM-DD');
  printJson(await services.collection.run(cliActor(), { asOf }));
  return 0;
}
