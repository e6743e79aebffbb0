import fs from 'node:fs';
import type { Services } from '../services.js';
import { writeNoticeRun } from '../modules/notices/notice.render.js';
import { cliActor, parse, printJson, UsageError } from './cli-support.js';

export const NOTICE_USAGE = `bboor issue-notices [--fine ID]... [--late-reason ID=TEXT]... [--out FILE.pdf]`;

/** A notice run from the command line: issue what is registered, optionally write the print PDF. */
export async function issueNoticesCommand(services: Services, args: string[]): Promise<number> {
  const { values } = parse(args, { fine: { type: 'string', multiple: true }, 'late-reason': { type: 'string', multiple: true }, out: { type: 'string' } });
  const fineIds = values.fine?.map((v) => {
    const id = Number(v);
    if (!Number.isSafeInteger(id) || id <= 0) throw new UsageError(`--fine ${v}: expected a fine id`);
    return id;
  });
  const lateReasons: Record<string, string> = {};
  for (const item of values['late-reason'] ?? []) {
    const m = /^(\d+)=(.{3,})$/s.exec(item);
    if (!m) throw new UsageError(`--late-reason ${item}: expected ID=TEXT`);
    lateReasons[m[1]!] = m[2]!;
  }
  const result = await services.notices.run(cliActor(), { fineIds, lateReasons });
  if (values.out && result.runId !== null) {
    const policies = await services.reference.policyValues();
    const runId = result.runId;
    async function* data() {
      for await (const fineId of services.notices.runFineIds(runId)) yield services.notices.noticeData(fineId, policies);
    }
    const out = fs.createWriteStream(values.out);
    await writeNoticeRun(out, { runId, createdOn: result.runOn, notices: data(), totalCents: result.totalCents, count: result.count });
    console.error(`wrote ${values.out} (${result.count} notices)`);
  }
  printJson(result);
  return 0;
}
