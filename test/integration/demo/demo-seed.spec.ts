import { readFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import { expect } from 'chai';
import pino from 'pino';
import { createTestContext, silentLogger, testDialect, type TestContext } from '../../helpers/test-db.js';
import { seedDemo, type DemoSeedResult } from '../../../src/modules/demo/demo-seed.js';
import { buildRapport } from '../../../src/modules/demo/demo-rapport.js';
import { OFFENCES } from '../../../src/modules/demo/demo-texts.js';
import { DISTRICTS } from '../../../src/modules/demo/demo-names.js';
import { createPrng } from '../../../src/modules/demo/prng.js';
import { ROLES } from '../../../src/modules/auth/roles.js';
import { verifyLedger } from '../../../src/modules/ledger/ledger.verify.js';
import { verifyAuditChain } from '../../../src/modules/audit/audit.service.js';
import { amsterdamDateOf, daysBetween } from '../../../src/domain/civil-date.js';

const catalogue = JSON.parse(readFileSync(new URL('../../../db/reference/offences.json', import.meta.url), 'utf8')) as { offences: { code: string }[] };
const SEED = 7;
const Q1 = { today: '2024-03-31', count: 300, seed: SEED };

/** A logger that keeps its JSON lines, to check that no personal data ends up in the logs. */
function capturingLogger(): { logger: pino.Logger; lines: string[] } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { logger: pino({ level: 'info' }, stream), lines };
}

const count = async (t: TestContext, table: string) => Number((await t.db(table).count({ n: '*' }).first())!.n);

async function fineRows(t: TestContext) {
  const rows = await t.db('fines').orderBy('case_number').select('case_number', 'offence_code', 'amount_cents', 'observed_at', 'district', 'issued_on', 'payment_reference', 'withdrawn_reason', 'cancelled_on', 'late_notice_reason');
  return rows.map((r) => ({ ...r, amount_cents: Number(r.amount_cents) }));
}

describe(`demo seed (${testDialect()})`, function () {
  this.timeout(120_000);

  it('uses only offence codes of the catalogue and writes rapporten with the right Amsterdam offset', () => {
    const known = new Set(catalogue.offences.map((o) => o.code));
    for (const o of OFFENCES) expect(known.has(o.code), o.code).to.equal(true);
    const prng = createPrng(1);
    const winter = buildRapport(prng, OFFENCES[0]!, '2024-01-15');
    const summer = buildRapport(prng, OFFENCES[0]!, '2024-07-15');
    expect(winter.input.observedAt).to.match(/^2024-01-15T\d\d:\d\d:00\+01:00$/);
    expect(summer.input.observedAt).to.match(/^2024-07-15T\d\d:\d\d:00\+02:00$/);
    for (let i = 0; i < 200; i++) {
      const r = buildRapport(prng, OFFENCES[i % OFFENCES.length]!, '2024-05-10');
      expect(r.input.observation).to.not.match(/[{}]/);
      expect(r.input.location.postcode).to.match(/^27[12]\d [A-Z]{2}$/);
      if (r.input.offender.address.country === 'NL') expect(r.input.offender.address.postcode).to.match(/^[1-9]\d{3} [A-Z]{2}$/);
    }
  });

  describe('the first quarter (today 2024-03-31, count 300)', () => {
    let t: TestContext;
    let result: DemoSeedResult;
    before(async () => {
      t = await createTestContext('2024-01-01T07:00:00+01:00');
      result = await seedDemo(t.db, { logger: silentLogger, ...Q1 });
    });
    after(async () => t?.destroy());

    it('creates demo users of every role, boa’s with a badge, each with a working token', async () => {
      expect(result.created).to.equal(true);
      expect(result.users.map((u) => u.role)).to.have.members(['boa', 'boa', 'boa', 'backoffice', 'finance', 'evaluator', 'admin']);
      expect(new Set(result.users.map((u) => u.role))).to.deep.equal(new Set(ROLES));
      expect(result.users.map((u) => u.username)).to.include.members(['demo.boa.1', 'demo.boa.2', 'demo.boa.3', 'demo.backoffice', 'demo.finance', 'demo.evaluator', 'demo.admin']);
      for (const u of result.users) expect((await t.services.auth.authenticateToken(u.token))?.username).to.equal(u.username);
      const badges = await t.db('users').where({ role: 'boa' }).orderBy('username').pluck('badge_number');
      expect(badges).to.deep.equal(['BOA-ZM-101', 'BOA-ZM-102', 'BOA-ZM-103']);
    });

    it('registers the first quarter’s share of the year, in the evening of the day observed', async () => {
      const fines = await t.db('fines').select('offence_date', 'observed_at', 'registered_at', 'district', 'reduced_for_minor', 'late_notice_reason');
      expect(fines.length).to.equal(result.fines);
      expect(result.fines).to.be.within(50, 120);
      const districts = new Set(DISTRICTS.map((d) => d.name));
      for (const f of fines) {
        expect(f.offence_date >= '2024-01-02' && f.offence_date <= '2024-03-31', f.offence_date).to.equal(true);
        expect(Date.parse(f.observed_at)).to.be.below(Date.parse(f.registered_at));
        if (!f.late_notice_reason) expect(amsterdamDateOf(f.registered_at)).to.equal(f.offence_date);
        expect(districts.has(f.district)).to.equal(true);
      }
      expect(new Set(fines.map((f) => f.district)).size).to.be.greaterThan(6);
      expect(fines.filter((f) => Boolean(f.reduced_for_minor)).length).to.be.within(1, Math.ceil(fines.length / 5));
    });

    it('issues most rapporten within a week, every issued fine with a payment reference; some are withdrawn, one issued late with a reason', async () => {
      const fines = await t.db('fines').select('issued_on', 'payment_reference', 'registered_at', 'withdrawn_at', 'withdrawn_reason', 'late_notice_reason', 'cancelled_on', 'cancel_reason');
      const issued = fines.filter((f) => f.issued_on);
      expect(issued.length).to.equal(result.issued);
      expect(issued.length).to.be.greaterThan(fines.length * 0.8);
      for (const f of issued) {
        expect(f.payment_reference).to.match(/^\d{16}$/);
        expect(f.withdrawn_at).to.equal(null);
        // The weekly run is on Monday, or on Tuesday after Easter or Whit Monday.
        expect(daysBetween(amsterdamDateOf(f.registered_at), f.issued_on)).to.be.within(1, 8);
      }
      const withdrawn = fines.filter((f) => f.withdrawn_at);
      expect(withdrawn.length).to.equal(result.withdrawn).and.to.be.greaterThan(0);
      for (const f of withdrawn) expect(f.withdrawn_reason).to.be.a('string').and.not.equal('');
      expect(fines.filter((f) => f.late_notice_reason)).to.have.length(1);
      expect(fines.filter((f) => f.cancelled_on).length).to.equal(result.cancelled);
      expect(await count(t, 'notice_runs')).to.equal(result.noticeRuns).and.to.be.within(11, 14);
    });

    it('leaves books and an audit chain that verify', async () => {
      const report = await verifyLedger(t.db);
      expect(report.ok, JSON.stringify(report.checks.filter((c) => !c.ok))).to.equal(true);
      expect(report.entries).to.equal(result.issued + result.cancelled);
      expect((await verifyAuditChain(t.db)).ok).to.equal(true);
    });

    it('changes nothing when run a second time', async () => {
      const before = await Promise.all(['users', 'fines', 'audit_log', 'journal_entries', 'notice_runs'].map((table) => count(t, table)));
      const again = await seedDemo(t.db, { logger: silentLogger, ...Q1 });
      expect(again).to.deep.equal({ created: false, users: [], fines: 0, issued: 0, withdrawn: 0, cancelled: 0, noticeRuns: 0 });
      expect(await Promise.all(['users', 'fines', 'audit_log', 'journal_entries', 'notice_runs'].map((table) => count(t, table)))).to.deep.equal(before);
    });

    it('gives the same data in a fresh database with the same seed, and logs no personal data', async () => {
      const other = await createTestContext('2024-01-01T07:00:00+01:00');
      try {
        const { logger, lines } = capturingLogger();
        const second = await seedDemo(other.db, { logger, ...Q1 });
        const { users: _a, ...totals } = result;
        const { users: _b, ...secondTotals } = second;
        expect(secondTotals).to.deep.equal(totals);
        expect(await fineRows(other)).to.deep.equal(await fineRows(t));
        expect(lines.length).to.be.greaterThan(3);
        const log = lines.join('\n');
        const offenders = await other.db('offenders').select('surname', 'street', 'birth_date');
        for (const o of offenders) {
          expect(log).to.not.include(o.surname);
          expect(log).to.not.include(o.birth_date);
        }
        for (const u of second.users) expect(log).to.not.include(u.token);
      } finally {
        await other.destroy();
      }
    });
  });
});
