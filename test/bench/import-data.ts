/**
 * Data of the bank-import benchmark (design.md §8): 100 000 issued fines booked straight into a fresh
 * database, and the bank files that pay them (a camt.053 and an ING CSV, written to disk in streams),
 * plus the hledger rules file that reads the same CSV.
 */
import fs from 'node:fs';
import { once } from 'node:events';
import type { Knex } from 'knex';
import { formatKenmerk, fineKenmerk } from '../../src/domain/betalingskenmerk.js';
import { addDays } from '../../src/domain/civil-date.js';
import { makeIban } from '../../src/domain/iban.js';
import { actorFor } from '../../src/modules/auth/auth.service.js';
import type { Actor } from '../../src/modules/audit/audit.types.js';
import { loadReferenceData } from '../../src/modules/reference/reference.service.js';
import type { Services } from '../../src/services.js';
import { toSafeInteger } from '../../src/shared/db.js';
import { camt053 } from '../helpers/camt053.js';
import { generateFineIssueEntries } from './generate.js';
import { createPrng } from './prng.js';

export const OWN_IBAN = 'NL91ABNA0417164300';
export const CASE_YEAR = 2024;
/** The fixed clock of every import: after the last payment in the files. */
export const IMPORT_CLOCK = '2025-03-03T09:00:00+01:00';
const SETUP_BATCH = 500;
/** SQLite takes at most 500 rows per knex INSERT (compound SELECT limit). */
const ROWS_PER_INSERT = 500;

export interface IssuedFine {
  id: number;
  seq: number;
  amountCents: number;
  issuedOn: string;
  kenmerk: string;
}

/** The fines every run books: sequence 1…count of 2024, issued over 2024 (generate.ts). */
export function issuedFines(count: number, seed: number): IssuedFine[] {
  return generateFineIssueEntries(count, seed).map((e, i) => ({
    id: i + 1,
    seq: i + 1,
    amountCents: e.postings[0]!.amountCents,
    issuedOn: e.bookedOn,
    kenmerk: fineKenmerk(CASE_YEAR, i + 1),
  }));
}

/**
 * Reference data, the users, `fines` rows (bulk INSERTs) and their `fine.issue` entries through
 * `ledger.postMany`, 500 per transaction, as fines.service books them. Returns the finance actor.
 */
export async function seedFines(services: Services, fines: readonly IssuedFine[], seed: number): Promise<Actor> {
  const { db, ledger, auth, audit, clock } = services;
  await loadReferenceData(db, audit, clock.now().toISOString());
  const system: Actor = { userId: null, label: 'bench', role: 'system' };
  const { user: boa } = await auth.addUser(system, { name: 'Boa Bench', role: 'boa', badgeNumber: 'BOA-0001' });
  const { user: finance } = await auth.addUser(system, { name: 'Financiën Bench', role: 'finance' });
  const entries = generateFineIssueEntries(fines.length, seed);
  const codes = [...new Set(entries.map((e) => /\(([^)]+)\)$/.exec(e.description)![1]!))];
  const tariffRows: Array<Record<string, unknown>> = await db('offence_tariffs').whereIn('offence_code', codes).where('valid_from', '<=', '2024-01-01').orderBy('valid_from').select('id', 'offence_code');
  const tariffOf = new Map(tariffRows.map((r) => [String(r.offence_code), toSafeInteger(r.id)]));
  const registeredAt = '2024-01-01T08:00:00.000Z';
  for (let i = 0; i < fines.length; i += SETUP_BATCH) {
    const chunk = fines.slice(i, i + SETUP_BATCH);
    await db.transaction(async (trx) => {
      const rows = chunk.map((f) => {
        const code = /\(([^)]+)\)$/.exec(entries[f.id - 1]!.description)![1]!;
        const offenceDate = addDays(f.issuedOn, -7);
        return {
          id: f.id,
          case_number: `BB-${CASE_YEAR}-${String(f.seq).padStart(6, '0')}`,
          case_year: CASE_YEAR,
          case_sequence: f.seq,
          offence_code: code,
          tariff_id: tariffOf.get(code)!,
          tariff_cents: f.amountCents,
          amount_cents: f.amountCents,
          reduced_for_minor: false,
          observed_at: `${offenceDate}T12:00:00.000Z`,
          offence_date: offenceDate,
          location_street: 'Stadhuisplein',
          location_house_number: '1',
          location_postcode: '2711 EC',
          district: 'Centrum',
          lat: null,
          lon: null,
          observation: 'Benchmark.',
          boa_user_id: boa.id,
          badge_number: 'BOA-0001',
          registered_at: registeredAt,
          issued_on: f.issuedOn,
          due_on: addDays(f.issuedOn, 42),
          objection_due_on: addDays(f.issuedOn, 42),
          payment_reference: f.kenmerk,
        };
      });
      for (let j = 0; j < rows.length; j += ROWS_PER_INSERT) await trx('fines').insert(rows.slice(j, j + ROWS_PER_INSERT));
      await ledger.postMany(trx, system, entries.slice(i, i + chunk.length));
    });
  }
  await db.raw("UPDATE fines SET issue_entry_id = (SELECT j.id FROM journal_entries j WHERE j.fine_id = fines.id AND j.kind = 'fine.issue')");
  await db('case_number_counters').insert({ year: CASE_YEAR, last_sequence: fines.length });
  if (db.client.config.client === 'pg') await db.raw('ANALYZE');
  return actorFor(finance);
}

export type LineKind = 'structured' | 'free-text' | 'unknown';

export interface BankLine {
  /** 1-based, the order of payment. */
  n: number;
  bookingDate: string;
  amountCents: number;
  kind: LineKind;
  fine: IssuedFine;
  payerIban: string;
  payerName: string;
}

const NAMES = ['J. de Vries', 'S. Jansen', 'M. El Amrani', 'D. van den Berg', 'E. Bakker', 'N. Yılmaz', 'K. Visser', 'A. Smit', 'T. van Dijk', 'L. Meijer', 'R. de Boer', 'Z. Mulder'];
const BANKS = ['INGB', 'RABO', 'ABNA', 'SNSB', 'ASNB', 'KNAB', 'BUNQ', 'TRIO'];

/** The payer of fine `seq`: an account of their own (a valid IBAN), one of a few names. */
function payerOf(seq: number): { iban: string; name: string } {
  return { iban: makeIban('NL', `${BANKS[seq % BANKS.length]}${String(seq).padStart(10, '0')}`), name: NAMES[seq % NAMES.length]! };
}

/**
 * One payment per fine, in the order of the fines: ~90 % with the kenmerk as structured reference,
 * ~5 % with it typed into the free text with spaces, ~5 % without any reference; ~2 % of the
 * referenced ones pay half. Booked 3–40 days after the fine was issued.
 */
export function paymentLines(fines: readonly IssuedFine[], seed: number): BankLine[] {
  const prng = createPrng(seed ^ 0x5eed);
  return fines.map((fine, i) => {
    const kind = prng.weighted<LineKind>([['structured', 90], ['free-text', 5], ['unknown', 5]]);
    const partial = kind !== 'unknown' && prng.next() < 0.02;
    const payer = payerOf(fine.seq);
    return {
      n: i + 1,
      bookingDate: addDays(fine.issuedOn, prng.int(3, 40)),
      amountCents: partial ? Math.round(fine.amountCents / 2) : fine.amountCents,
      kind,
      fine,
      payerIban: payer.iban,
      payerName: payer.name,
    };
  });
}

/**
 * `count` lines for the memory run: every fine paid in instalments (count ÷ fines of them, the
 * last one settling it), all with the kenmerk as structured reference, instalment k booked 3 + 30k
 * days after the fine was issued. Generated lazily, so that the 1 000 000 lines are never held.
 */
export function* instalmentLines(fines: readonly IssuedFine[], count: number): Generator<BankLine> {
  const per = Math.ceil(count / fines.length);
  let n = 0;
  for (let k = 0; k < per; k++) {
    for (const fine of fines) {
      if (n >= count) return;
      n += 1;
      const part = Math.floor(fine.amountCents / per);
      const payer = payerOf(fine.seq);
      yield {
        n,
        bookingDate: addDays(fine.issuedOn, 3 + 30 * k),
        amountCents: k === per - 1 ? fine.amountCents - part * (per - 1) : part,
        kind: 'structured',
        fine,
        payerIban: payer.iban,
        payerName: payer.name,
      };
    }
  }
}

/** The same lines without any reference ("Betaling boete" in the text): each waits for pass 3, the suggestions. */
export function* withoutReference(lines: Iterable<BankLine>): Generator<BankLine> {
  for (const l of lines) yield { ...l, kind: 'unknown' };
}

/** Writes `text` chunks to a file, waiting for the stream to drain. */
async function writeChunks(file: string, chunks: Iterable<string>): Promise<number> {
  const out = fs.createWriteStream(file);
  for (const chunk of chunks) {
    if (!out.write(chunk)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return fs.statSync(file).size;
}

function* batched<T>(items: Iterable<T>, size: number): Generator<T[]> {
  let batch: T[] = [];
  for (const item of items) {
    batch.push(item);
    if (batch.length >= size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

const OPENING_CENTS = 1_000_000_00;

/**
 * A camt.053.001.02 of one statement with every line as a credit entry (one TxDtls each), in
 * booking-date order, written in the shape of test/helpers/camt053.ts (whose markup it reuses for
 * the entries). Returns the file size.
 */
export async function writeCamt(file: string, lines: readonly BankLine[]): Promise<number> {
  const sorted = [...lines].sort((a, b) => a.bookingDate.localeCompare(b.bookingDate) || a.n - b.n);
  const total = sorted.reduce((s, l) => s + l.amountCents, 0);
  const last = sorted[sorted.length - 1]!.bookingDate;
  const first = sorted[0]!.bookingDate;
  const amount = (cents: number) => `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
  const bal = (code: string, cents: number, date: string) => `<Bal><Tp><CdOrPrtry><Cd>${code}</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">${amount(cents)}</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>${date}</Dt></Dt></Bal>`;
  const head = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt><GrpHdr><MsgId>BENCH</MsgId><CreDtTm>2025-03-01T06:00:00</CreDtTm></GrpHdr>',
    '<Stmt>',
    `<Id>BENCH-${last}</Id><ElctrncSeqNb>1</ElctrncSeqNb><CreDtTm>${last}T06:00:00</CreDtTm>`,
    `<Acct><Id><IBAN>${OWN_IBAN}</IBAN></Id><Ccy>EUR</Ccy></Acct>`,
    bal('OPBD', OPENING_CENTS, first),
    bal('CLBD', OPENING_CENTS + total, last),
    '',
  ].join('\n');
  function* chunks(): Generator<string> {
    yield head;
    for (const batch of batched(sorted, 500)) {
      const doc = camt053([
        {
          account: OWN_IBAN,
          id: 'x',
          openingCents: 0,
          date: first,
          entries: batch.map((l) => ({
            amountCents: l.amountCents,
            direction: 'credit' as const,
            bookingDate: l.bookingDate,
            bankReference: `BENCH${String(l.n).padStart(10, '0')}`,
            details: [
              {
                endToEndId: `E2E-${l.n}`,
                name: l.payerName,
                iban: l.payerIban,
                ...(l.kind === 'structured' ? { structuredReference: l.fine.kenmerk } : {}),
                text: l.kind === 'free-text' ? `Boete ${formatKenmerk(l.fine.kenmerk)}` : l.kind === 'unknown' ? 'Betaling boete' : undefined,
              },
            ],
          })),
        },
      ]);
      yield `${doc.slice(doc.indexOf('<Ntry>'), doc.lastIndexOf('</Ntry>') + '</Ntry>'.length)}\n`;
    }
    yield '</Stmt>\n</BkToCstmrStmt></Document>\n';
  }
  return writeChunks(file, chunks());
}

export const ING_HEADER = '"Datum";"Naam / Omschrijving";"Rekening";"Tegenrekening";"Code";"Af Bij";"Bedrag (EUR)";"Mutatiesoort";"Mededelingen";"Saldo na mutatie";"Tag"\n';

const euros = (cents: number) => `${Math.floor(cents / 100)},${String(cents % 100).padStart(2, '0')}`;
const dmy = (iso: string) => `${iso.slice(8, 10)}-${iso.slice(5, 7)}-${iso.slice(0, 4)}`;

function ingRow(l: BankLine, balanceAfter: number): string {
  const description = l.kind === 'free-text' ? `Boete ${formatKenmerk(l.fine.kenmerk)}` : l.kind === 'unknown' ? 'Betaling boete' : 'Boete gemeente';
  const kenmerk = l.kind === 'structured' ? ` Kenmerk: ${l.fine.kenmerk}` : '';
  const notes = `Naam: ${l.payerName} Omschrijving: ${description} IBAN: ${l.payerIban}${kenmerk} Valutadatum: ${dmy(l.bookingDate)}`;
  return `"${l.bookingDate.replace(/-/g, '')}";"${l.payerName}";"${OWN_IBAN}";"${l.payerIban}";"OV";"Bij";"${euros(l.amountCents)}";"Overschrijving";"${notes}";"${euros(balanceAfter)}";""\n`;
}

/**
 * An ING CSV (";", quoted, the 11 columns of the current export) with one row per line, newest
 * first as ING writes it, and a consistent "Saldo na mutatie" chain. `lines` may be a generator
 * (the 1 000 000-line file): then it is written in the order given, the balance chain still
 * newest first. Returns the file size.
 */
export async function writeIngCsv(file: string, lines: readonly BankLine[] | { total: number; lines: () => Iterable<BankLine> }): Promise<number> {
  let rows: Iterable<BankLine>;
  let total: number;
  if (Array.isArray(lines)) {
    const list = lines as readonly BankLine[];
    rows = [...list].sort((a, b) => b.bookingDate.localeCompare(a.bookingDate) || b.n - a.n);
    total = list.reduce((s, l) => s + l.amountCents, 0);
  } else {
    const lazy = lines as { total: number; lines: () => Iterable<BankLine> };
    rows = lazy.lines();
    total = lazy.total;
  }
  function* chunks(): Generator<string> {
    yield ING_HEADER;
    let balance = OPENING_CENTS + total;
    for (const batch of batched(rows, 1000)) {
      let text = '';
      for (const l of batch) {
        text += ingRow(l, balance);
        balance -= l.amountCents;
      }
      yield text;
    }
  }
  return writeChunks(file, chunks());
}

/** hledger's CSV rules for the ING export: ";" separated, YYYYMMDD dates, decimal comma, Af/Bij for the sign. */
export const HLEDGER_RULES = [
  'skip 1',
  'separator ;',
  'fields date, description, own_account, counterparty, code, afbij, amount_abs, kind, notes, balance_after, tag',
  'date-format %Y%m%d',
  'decimal-mark ,',
  'currency EUR',
  'account1 assets:bank:ing',
  'account2 income:unallocated',
  '',
  'if %afbij ^Bij$',
  '  amount %amount_abs',
  '',
  'if %afbij ^Af$',
  '  amount -%amount_abs',
  '  account2 expenses:unallocated',
  '',
].join('\n');

/** Rows and their columns for the raw baseline's plain table. */
export const RAW_TABLE = 'bench_raw_bank_lines';
export const RAW_COLUMNS = ['datum', 'naam', 'rekening', 'tegenrekening', 'code', 'af_bij', 'bedrag', 'mutatiesoort', 'mededelingen', 'saldo', 'tag'] as const;

export async function createRawTable(db: Knex): Promise<void> {
  await db.schema.createTable(RAW_TABLE, (t) => {
    t.increments('id');
    for (const c of RAW_COLUMNS) t.text(c);
  });
}
