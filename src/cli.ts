import { ConfigError, loadConfig } from './config.js';
import { AppError } from './shared/errors.js';
import { translateDbError } from './shared/db.js';
import { createLogger, ensureFirstAdmin, openPrepared } from './startup.js';
import { startServer } from './server.js';
import { verifyAuditChain } from './modules/audit/audit.service.js';
import { verifyLedger } from './modules/ledger/ledger.verify.js';
import { parse, printJson, UsageError } from './cli/cli-support.js';
import { USER_USAGE, userCommand } from './cli/user-commands.js';
import { NOTICE_USAGE, issueNoticesCommand } from './cli/notice-commands.js';
import { IMPORT_USAGE, importStatementCommand } from './cli/payment-commands.js';
import { COLLECT_USAGE, collectCommand } from './cli/collection-commands.js';
import { BASELINE_USAGE, REPORT_USAGE, baselineCommand, reportCommand } from './cli/report-commands.js';
import { seedDemo } from './modules/demo/demo-seed.js';

const USAGE = `Usage: bboor <command>

  migrate                  migrate the database and load the reference data
  seed [--demo] [--seed N]  load the reference data (idempotent); --demo also creates demo users of
                           every role and a year of realistic fines (once; prints the demo tokens)
  serve                    start the HTTP service (like npm start, without building)
  ${USER_USAGE.split('\n').join('\n  ')}
  ${NOTICE_USAGE}
                           issue the registered rapports as one notice run (JSON result);
                           --out writes the run's print-ready PDF
  ${IMPORT_USAGE}
                           import a bank statement in one transaction (JSON summary); a bad line
                           imports nothing and each bad line is listed as FILE:LINE: field: reason
  ${COLLECT_USAGE}
                           the daily collection run (aanmaning, dwangbevel stage), idempotent per
                           fine and step; catches up after missed days
  ${REPORT_USAGE}
                           the year-end pilot evaluation (JSON with a content hash; pdf: the
                           report for the council; csv: the pseudonymised export, one row per fine)
  ${BASELINE_USAGE}
                           import the CJIB years (jaar;feitcode;aantal;opgelegd_bedrag)
  audit verify             check the audit log's hash chain; exit 1 at the first broken link
  ledger verify            check every ledger invariant (JSON report); exit 1 on any violation
  ledger balances [--as-of YYYY-MM-DD]
                           balance per account on a date

Environment: DATABASE_URL (default sqlite:data/bboor.sqlite), BBOOR_NOW, PORT, LOG_LEVEL.
JSON results go to stdout; progress and errors to stderr.`;

async function run(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  if (!command || command === 'help' || command === '--help' || command === '-h') {
    process.stdout.write(`${USAGE}\n`);
    return command ? 0 : 2;
  }
  const known = ['migrate', 'seed', 'serve', 'user', 'issue-notices', 'import-statement', 'collect', 'report', 'baseline', 'audit', 'ledger'];
  if (!known.includes(command)) throw new UsageError(`unknown command ${command}`);

  const config = loadConfig();
  const logger = createLogger({ logLevel: config.logLevel === 'info' ? 'warn' : config.logLevel });
  const { services, migrations, reference } = await openPrepared(config, logger);
  try {
    switch (command) {
      case 'migrate':
        printJson({ migrations, reference });
        return 0;
      case 'seed': {
        const { values } = parse(args, { demo: { type: 'boolean' }, seed: { type: 'string' } });
        if (values.seed !== undefined && !values.demo) throw new UsageError('--seed goes with --demo');
        const seed = values.seed === undefined ? undefined : Number(values.seed);
        if (seed !== undefined && !Number.isSafeInteger(seed)) throw new UsageError('--seed must be a whole number');
        const demo = values.demo ? await seedDemo(services.db, { logger, today: services.clock.today(), ...(seed !== undefined ? { seed } : {}) }) : undefined;
        printJson({ migrations, reference, ...(demo ? { demo } : {}) });
        return 0;
      }
      case 'serve': {
        const admin = await ensureFirstAdmin(services);
        if (admin) console.log(`First admin: ${admin.user.username} / ${admin.password}\nAPI token: ${admin.token}`);
        const running = await startServer(config, services);
        console.error(`listening on http://localhost:${running.port}`);
        await new Promise<void>((resolve) => {
          process.once('SIGTERM', resolve);
          process.once('SIGINT', resolve);
        });
        await running.shutdown();
        return 0;
      }
      case 'user':
        return await userCommand(services, args);
      case 'issue-notices':
        return await issueNoticesCommand(services, args);
      case 'import-statement':
        return await importStatementCommand(services, args);
      case 'collect':
        return await collectCommand(services, args);
      case 'report':
        return await reportCommand(services, args);
      case 'baseline':
        return await baselineCommand(services, args);
      case 'audit': {
        if (args[0] !== 'verify') throw new UsageError('usage: bboor audit verify');
        const report = await verifyAuditChain(services.db);
        printJson(report);
        if (!report.ok) console.error(`audit chain broken at row ${report.firstBroken!.id}: ${report.firstBroken!.reason}`);
        return report.ok ? 0 : 1;
      }
      case 'ledger': {
        if (args[0] === 'verify') {
          const report = await verifyLedger(services.db, services.ledgerChecks);
          printJson(report);
          if (!report.ok) console.error(`ledger verification failed: ${report.checks.filter((c) => !c.ok).map((c) => c.name).join(', ')}`);
          return report.ok ? 0 : 1;
        }
        if (args[0] === 'balances') {
          const { values } = parse(args.slice(1), { 'as-of': { type: 'string' } });
          const asOf = values['as-of'] ?? services.clock.today();
          if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf)) throw new UsageError('--as-of must be YYYY-MM-DD');
          printJson({ asOf, items: await services.ledger.accountBalances(services.db, asOf) });
          return 0;
        }
        throw new UsageError('usage: bboor ledger verify | bboor ledger balances [--as-of YYYY-MM-DD]');
      }
    }
    return 2;
  } finally {
    if (command !== 'serve') await services.db.destroy();
  }
}

export async function main(argv: string[]): Promise<number> {
  try {
    return await run(argv);
  } catch (raw) {
    const err = translateDbError(raw);
    if (err instanceof UsageError) {
      console.error(`bboor: ${err.message}\n\n${USAGE}`);
      return 2;
    }
    if (err instanceof ConfigError) {
      console.error(err.message);
      return 2;
    }
    if (err instanceof AppError) {
      const fields = err.errors?.map((e) => `\n  ${e.field}: ${e.message}`).join('') ?? '';
      console.error(`bboor: ${err.message}${fields}`);
      return 1;
    }
    console.error(`bboor: ${(err as Error)?.message ?? String(err)}`);
    return 1;
  }
}

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
