import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fromRoot } from '../../src/shared/paths.js';
import { createEmptyTestDb, testDialect, type TestDb } from './test-db.js';

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `bboor` from the TypeScript sources as a child process, as a user would run it; `input` is piped to its stdin. */
export function runCli(args: string[], env: Record<string, string>, input?: string): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', fromRoot('src', 'cli.ts'), ...args], {
      cwd: fromRoot(),
      env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn', ...env },
      stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    if (input !== undefined) child.stdin!.end(input);
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (d) => (stdout += d));
    child.stderr!.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

export interface CliDb {
  /** DATABASE_URL for the child process. */
  url: string;
  /** An open handle on the same database, for assertions. */
  db: TestDb['db'];
  destroy(): Promise<void>;
}

/** An empty database the CLI can open: a temporary SQLite file, or a fresh PostgreSQL schema. */
export async function createCliDb(): Promise<CliDb> {
  if (testDialect() === 'postgres') {
    const t = await createEmptyTestDb();
    const url = new URL(process.env.TEST_DATABASE_URL!);
    url.searchParams.set('options', `-c search_path=${t.schema}`);
    return { url: url.toString(), db: t.db, destroy: t.destroy };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bboor-cli-'));
  const file = path.join(dir, 'cli.sqlite');
  const { createDb } = await import('../../src/shared/db.js');
  const db = createDb(`sqlite:${file}`);
  return {
    url: `sqlite:${file}`,
    db,
    destroy: async () => {
      await db.destroy();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
