import { z } from 'zod';

const ConfigSchema = z.object({
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DATABASE_PATH: z.string().min(1).default('data/planning.sqlite'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SEED_DEMO: z.stringbool().default(true),
  ADMIN_EMAIL: z.email().optional(),
  ADMIN_PASSWORD: z.string().min(8, 'at least 8 characters').optional(),
  COOKIE_SECURE: z.stringbool().default(false),
}).refine((env) => (env.ADMIN_EMAIL === undefined) === (env.ADMIN_PASSWORD === undefined), {
  path: ['ADMIN_PASSWORD'],
  message: 'set ADMIN_EMAIL and ADMIN_PASSWORD together',
});

export interface Config {
  readonly host: string;
  readonly port: number;
  /** A file path, or `:memory:` for a throwaway database. */
  readonly databasePath: string;
  readonly logLevel: z.infer<typeof ConfigSchema>['LOG_LEVEL'];
  /** Seed the demo areas into a database that has never been seeded and holds no tasks. */
  readonly seedDemo: boolean;
  /** An admin to create at start-up when no user has this email yet. */
  readonly bootstrapAdmin: { email: string; password: string } | null;
  /** Send the session cookie only over HTTPS (set true behind TLS). */
  readonly cookieSecure: boolean;
}

/**
 * The only reader of the environment: parses it once and throws one error that names
 * every bad key, so a misconfigured start fails loudly and completely.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = ConfigSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  const values = parsed.data;
  return Object.freeze({
    host: values.HOST,
    port: values.PORT,
    databasePath: values.DATABASE_PATH,
    logLevel: values.LOG_LEVEL,
    seedDemo: values.SEED_DEMO,
    bootstrapAdmin:
      values.ADMIN_EMAIL && values.ADMIN_PASSWORD ? { email: values.ADMIN_EMAIL, password: values.ADMIN_PASSWORD } : null,
    cookieSecure: values.COOKIE_SECURE,
  });
}
