// The test suite's configuration: the only test module that reads process.env.
const env = process.env

export const testEnv = {
  /** A PostgreSQL server the suite may create and drop databases on. Loopback only. */
  postgresAdminUrl: env.PG_ADMIN_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres',
  /** In CI an unreachable PostgreSQL fails the run instead of skipping the PostgreSQL half. */
  ci: env.CI === 'true' || env.CI === '1',
  chromiumPath: env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  /** The environment for child processes that must behave as in production (vitest sets NODE_ENV=test). */
  productionChildEnv: { ...env, NODE_ENV: 'production' },
  /** How many applications the scale-out soak submits (CI's default is small; `pnpm soak` runs 3000). */
  soakSubmissions: Number(env.SOAK_SUBMISSIONS ?? 200),
  /** The environment a child process such as the demo starts from, as a newcomer's shell would give it. */
  childEnv: { ...env } as Record<string, string | undefined>,
  /** Hostile-input tests: a multiplier on how many inputs each property tries (e.g. 20 for a long run). */
  fuzzScale: Math.max(0.1, Number(env.DARWAZA_FUZZ_SCALE ?? '1') || 1),
  /** and the fast-check seed, fixed so a run is repeatable; a failure prints the seed and path to replay. */
  fuzzSeed: Number.parseInt(env.DARWAZA_FUZZ_SEED ?? '', 10) || 20260704,
}
