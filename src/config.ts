import { z } from 'zod';
import { DateTime } from 'luxon';

/**
 * The environment, validated once at start. Every problem is reported at once with the variable
 * name, so an operator fixes the whole configuration in one go.
 */
const schema = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^(sqlite:.+|postgres(ql)?:\/\/.+)$/, 'must be sqlite:PATH or postgres://…')
    .optional(),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  BBOOR_NOW: z
    .string()
    .refine((v) => DateTime.fromISO(v, { setZone: true }).isValid && /T/.test(v), 'must be an ISO timestamp such as 2024-03-05T10:00:00+01:00')
    .optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  BBOOR_BODY_LIMIT: z
    .string()
    .regex(/^\d+(b|kb|mb)$/i, 'must be a size such as 100kb or 20mb')
    .default('100kb'),
  BBOOR_TRUST_PROXY: z.enum(['true', 'false']).default('false'),
});

export interface Config {
  databaseUrl: string;
  port: number;
  host: string;
  now?: string;
  logLevel: z.infer<typeof schema>['LOG_LEVEL'];
  bodyLimit: string;
  trustProxy: boolean;
}

export const DEFAULT_DATABASE_URL = 'sqlite:data/bboor.sqlite';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // Empty strings count as unset: `PORT= npm start` should not be an error.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const e = parsed.data;
  return {
    databaseUrl: e.DATABASE_URL ?? DEFAULT_DATABASE_URL,
    port: e.PORT,
    host: e.HOST,
    ...(e.BBOOR_NOW ? { now: e.BBOOR_NOW } : {}),
    logLevel: e.LOG_LEVEL,
    bodyLimit: e.BBOOR_BODY_LIMIT,
    trustProxy: e.BBOOR_TRUST_PROXY === 'true',
  };
}
