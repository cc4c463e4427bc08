// The benchmarks' configuration: the only bench module that reads process.env.
const env = process.env

export const benchEnv = {
  /** A PostgreSQL server the benchmarks may create and drop their own databases on. Loopback only. */
  postgresAdminUrl: env.PG_ADMIN_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres',
  chromiumPath: env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  /** The environment for child processes (the web view build runs as in production). */
  childEnv: { ...env } as Record<string, string | undefined>,
}
