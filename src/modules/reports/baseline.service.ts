import fs from 'node:fs';
import type { Knex } from 'knex';
import { parse } from 'csv-parse/sync';
import type { Clock } from '../../shared/clock.js';
import { ValidationError, type FieldError } from '../../shared/errors.js';
import { tryParseAmountToCents } from '../../domain/money.js';
import { requirePolicyValue } from '../../domain/policy.js';
import type { AuditLog } from '../audit/audit.service.js';
import type { Actor } from '../audit/audit.types.js';
import type { ReferenceService } from '../reference/reference.service.js';

/** The documented layout (README): a header row, then one row per year and offence code. */
export const BASELINE_COLUMNS = ['jaar', 'feitcode', 'aantal', 'opgelegd_bedrag'] as const;

/**
 * Imports the CJIB years (bestuurlijke strafbeschikking) as the evaluation's baseline. What the
 * municipality received per fine comes from the dated policy (the proces-verbaalvergoeding, EUR 40
 * until 2015, nothing since). A year and offence imported again replace the earlier row; the whole
 * file is one transaction and a bad row imports nothing.
 */
export function createBaselineService(deps: { db: Knex; clock: Clock; audit: AuditLog; reference: ReferenceService }) {
  const { db, audit, reference } = deps;
  return {
    async importFile(actor: Actor, file: string): Promise<{ rows: number; years: number[] }> {
      const text = fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
      const delimiter = (text.split(/\r?\n/)[0] ?? '').includes(';') ? ';' : ',';
      let records: string[][];
      try {
        records = parse(text, { delimiter, skip_empty_lines: true, trim: true, relax_column_count: true }) as string[][];
      } catch (err) {
        throw new ValidationError(`${file}: geen geldige CSV (${(err as Error).message.split('\n')[0]}).`, { errors: [{ line: 1, field: 'file', message: 'geen geldige CSV' }] });
      }
      const [header, ...rows] = records;
      if (!header || header.map((h) => h.toLowerCase()).join(',') !== BASELINE_COLUMNS.join(',')) {
        throw new ValidationError(`${file}: de eerste regel moet ${BASELINE_COLUMNS.join(delimiter)} zijn.`, { errors: [{ line: 1, field: 'header', message: `verwacht ${BASELINE_COLUMNS.join(delimiter)}` }] });
      }
      const policies = await reference.policyValues();
      const problems: FieldError[] = [];
      const parsed = rows.map((r, i) => {
        const line = i + 2;
        const [year, code, count, amount] = r;
        const y = Number(year);
        const c = Number(count);
        const cents = amount === undefined ? null : tryParseAmountToCents(amount);
        if (r.length !== 4) problems.push({ line, field: 'row', message: `verwacht 4 kolommen, gevonden ${r.length}` });
        if (!Number.isInteger(y) || y < 2000 || y > 2023) problems.push({ line, field: 'jaar', message: 'een jaar van vóór de pilot (2000–2023)' });
        if (!code || !/^[A-C]\.\d{1,2}[a-z]?(\.\d)?$/.test(code)) problems.push({ line, field: 'feitcode', message: 'een bijlagecode zoals A.31' });
        if (!Number.isInteger(c) || c < 0) problems.push({ line, field: 'aantal', message: 'een heel aantal' });
        if (cents === null || cents < 0) problems.push({ line, field: 'opgelegd_bedrag', message: 'een bedrag zoals 12345,00' });
        return { year: y, code: code ?? '', count: c, cents: cents ?? 0 };
      });
      if (problems.length) throw new ValidationError(`${file}: ${problems.length} fout(en); er is niets ingelezen.`, { errors: problems });
      await db.transaction(async (trx) => {
        for (const p of parsed) {
          const fee = requirePolicyValue(policies, 'cjib_pv_fee_cents', `${p.year}-12-31`);
          await trx('cjib_baseline')
            .insert({ year: p.year, offence_code: p.code, fines_count: p.count, imposed_cents: p.cents, revenue_to_municipality_cents: p.count * fee, source: file.split('/').pop()!.slice(0, 200) })
            .onConflict(['year', 'offence_code'])
            .merge();
        }
        await audit.record(trx, actor, { action: 'baseline.import', subjectType: 'cjib_baseline', details: { rows: parsed.length, years: [...new Set(parsed.map((p) => p.year))] } });
      });
      return { rows: parsed.length, years: [...new Set(parsed.map((p) => p.year))].sort() };
    },
  };
}

export type BaselineService = ReturnType<typeof createBaselineService>;
