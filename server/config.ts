import { isIP } from 'node:net';
import { z } from 'zod';
import { parseMonth, type MonthIndex } from './domain/months.js';

/** One address or CIDR range: `10.0.0.5`, `10.0.0.0/8`, `::1`, `fd00::/8`. */
function isAddressOrRange(entry: string): boolean {
  const [address, bits, ...rest] = entry.split('/');
  const family = isIP(address ?? '');
  if (family === 0 || rest.length > 0) return false;
  if (bits === undefined) return true;
  return /^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128);
}

function isPostgresUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'postgres:' || url.protocol === 'postgresql:') && url.hostname !== '' && url.pathname.length > 1;
  } catch {
    return false;
  }
}

const ProxyList = z
  .string()
  .transform((text) => text.split(',').map((entry) => entry.trim()).filter((entry) => entry !== ''))
  .refine((entries) => entries.every(isAddressOrRange), 'give the proxy addresses as a comma-separated list of IP addresses or CIDR ranges');

const ConfigSchema = z.object({
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DATABASE_PATH: z.string().min(1).default('data/planning.sqlite'),
  DATABASE_URL: z
    .string()
    .refine(isPostgresUrl, 'give a PostgreSQL URL: postgres://user:password@host:port/database')
    .optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SEED_DEMO: z.stringbool().default(true),
  ADMIN_EMAIL: z.email().optional(),
  ADMIN_PASSWORD: z.string().min(8, 'at least 8 characters').optional(),
  COOKIE_SECURE: z.stringbool().default(false),
  TRUST_PROXY: ProxyList.default([]),
  PLANNING_MONTH: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'give a month as YYYY-MM').optional(),
  REQUEST_TIMEOUT_S: z.coerce.number().int().min(1).max(3600).default(30),
  MAX_REQUESTS_PER_ADDRESS: z.coerce.number().int().min(1).max(100_000).default(64),
}).refine((env) => (env.ADMIN_EMAIL === undefined) === (env.ADMIN_PASSWORD === undefined), {
  path: ['ADMIN_PASSWORD'],
  message: 'set ADMIN_EMAIL and ADMIN_PASSWORD together',
});

export type DatabaseConfig = { readonly kind: 'sqlite'; readonly path: string } | { readonly kind: 'postgres'; readonly url: string };

export interface Config {
  readonly host: string;
  readonly port: number;
  /**
   * The embedded SQLite file (a path, or `:memory:` for a throwaway database), or a PostgreSQL
   * server for a shared instance with several app processes.
   */
  readonly database: DatabaseConfig;
  readonly logLevel: z.infer<typeof ConfigSchema>['LOG_LEVEL'];
  /** Seed the demo areas into a database that has never been seeded and holds no tasks. */
  readonly seedDemo: boolean;
  /** An admin to create at start-up when no user has this email yet. */
  readonly bootstrapAdmin: { email: string; password: string } | null;
  /** Send the session cookie only over HTTPS (set true behind TLS). */
  readonly cookieSecure: boolean;
  /**
   * The reverse proxies in front of the app: only requests from these addresses have their
   * X-Forwarded-For believed, for the per-address limits, the sign-in limit and the logs.
   */
  readonly trustedProxies: readonly string[];
  /** The longest a client may take to send a whole request, headers and body. */
  readonly requestTimeoutMs: number;
  /** Requests one client address may have in progress at once. */
  readonly maxRequestsPerAddress: number;
  /**
   * The month the planning treats as now (started work is fixed before it), pinned for a
   * demonstration, a training or the tests; null: the current month in the Netherlands.
   */
  readonly planningMonth: MonthIndex | null;
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
    database: Object.freeze(
      values.DATABASE_URL ? { kind: 'postgres' as const, url: values.DATABASE_URL } : { kind: 'sqlite' as const, path: values.DATABASE_PATH },
    ),
    logLevel: values.LOG_LEVEL,
    seedDemo: values.SEED_DEMO,
    bootstrapAdmin:
      values.ADMIN_EMAIL && values.ADMIN_PASSWORD ? { email: values.ADMIN_EMAIL, password: values.ADMIN_PASSWORD } : null,
    cookieSecure: values.COOKIE_SECURE,
    trustedProxies: Object.freeze(values.TRUST_PROXY),
    requestTimeoutMs: values.REQUEST_TIMEOUT_S * 1000,
    maxRequestsPerAddress: values.MAX_REQUESTS_PER_ADDRESS,
    planningMonth: values.PLANNING_MONTH === undefined ? null : parseMonth(values.PLANNING_MONTH),
  });
}
