import type { Server } from 'node:http';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Socket } from 'node:net';
import { createApp } from './app.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { createLogger, ensureFirstAdmin, openPrepared } from './startup.js';
import type { Services } from './services.js';

export interface Running {
  server: Server;
  port: number;
  /** Stops accepting connections, lets in-flight requests finish, then closes the database. */
  shutdown(): Promise<void>;
}

export async function startServer(config: Config, services: Services): Promise<Running> {
  let shuttingDown = false;
  const app = createApp(services, config, { isShuttingDown: () => shuttingDown });
  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(config.port, config.host, () => resolve(s));
    s.once('error', reject);
  });
  const idle = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    socket.on('close', () => idle.delete(socket));
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  let closing: Promise<void> | null = null;
  return {
    server,
    port,
    shutdown() {
      closing ??= (async () => {
        shuttingDown = true;
        // close() waits for in-flight requests; idle keep-alive sockets are closed so it can finish.
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeIdleConnections();
        await closed;
        await services.db.destroy();
      })();
      return closing;
    },
  };
}

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
  const logger = createLogger(config);
  const { services, migrations } = await openPrepared(config, logger);
  if (migrations.length) logger.info({ migrations }, 'database migrated');
  const admin = await ensureFirstAdmin(services);
  if (admin) {
    // Shown once, to the person who started the service: only the hashes are stored. Written to
    // stdout on purpose, never through the logger, so the one-time password cannot end up in logs.
    process.stdout.write(
      [
        '',
        'Eerste beheerder aangemaakt (wordt maar één keer getoond):',
        `  gebruikersnaam: ${admin.user.username}`,
        `  wachtwoord:     ${admin.password}`,
        `  API-token:      ${admin.token}`,
        '',
        '',
      ].join('\n'),
    );
  }
  const running = await startServer(config, services);
  // The console's answer to `npm start` (tests and scripts read the port from it); logs go to stderr.
  process.stdout.write(`BBOOR boetegrootboek luistert op http://localhost:${running.port} (database: ${config.databaseUrl.startsWith('sqlite:') ? config.databaseUrl : 'postgres'})\n`);
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      logger.info({ signal }, 'shutting down');
      running.shutdown().then(
        () => process.exit(0),
        (err) => {
          logger.error({ err }, 'shutdown failed');
          process.exit(1);
        },
      );
    });
  }
}

// Run only when started directly (`node dist/src/server.js`), not when imported by tests.
if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main().catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
