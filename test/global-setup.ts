// Once per test run: decide whether PostgreSQL takes part, and prepare one migrated template
// database that each test copies (CREATE DATABASE … TEMPLATE) instead of migrating again.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { TestProject } from 'vitest/node'
import { deployMigrations } from '@darwaza/db/migrate'
import pg from 'pg'
import { demoStaff } from '@darwaza/gateway/seed'
import { testEnv } from './support/env.ts'
import { leaks, logsFolderName, secretsFileName } from './support/secrets.ts'

declare module 'vitest' {
  export interface ProvidedContext {
    postgres: { adminUrl: string; template: string; runId: string } | null
    /** A folder for this run's files (SQLite databases, builds); removed when the run ends. */
    scratchDir: string
  }
}

export default async function setup(project: TestProject) {
  const runId = `${process.pid}_${Date.now().toString(36)}`
  const scratchDir = mkdtempSync(path.join(tmpdir(), 'darwaza-test-run-'))
  project.provide('scratchDir', scratchDir)
  const removeScratch = () => {
    // Before the run's files go: no secret the tests were handed may appear in any server's log.
    const scan = secretsInLogs(scratchDir)
    rmSync(scratchDir, { recursive: true, force: true })
    // Vitest does not fail a run for an error here, so the test command reads this report (scripts/test.sh).
    mkdirSync(artifactsDir, { recursive: true })
    writeFileSync(path.join(artifactsDir, 'log-scan.json'), `${JSON.stringify(scan, null, 2)}\n`)
    if (scan.leaks.length > 0) {
      console.error(
        `Secrets appeared in the logs: ${scan.leaks.map((leak) => `${leak.kind} ${leak.value} in ${leak.file}`).join('; ')}`,
      )
      process.exitCode = 1
    }
  }
  const admin = new pg.Client({ connectionString: testEnv.postgresAdminUrl, connectionTimeoutMillis: 3000 })
  try {
    await admin.connect()
  } catch (error) {
    if (testEnv.ci) {
      throw new Error(
        `PostgreSQL is unreachable at ${testEnv.postgresAdminUrl} and CI=true: the PostgreSQL tests must run in CI. ` +
          `(${error instanceof Error ? error.message : String(error)})`,
        { cause: error },
      )
    }
    console.warn(
      `PostgreSQL unreachable at ${testEnv.postgresAdminUrl}: PostgreSQL tests are skipped (outside CI only).`,
    )
    project.provide('postgres', null)
    return removeScratch
  }
  const template = `darwaza_test_${runId}_template`
  await admin.query(`CREATE DATABASE ${template}`)
  await deployMigrations(databaseUrl(testEnv.postgresAdminUrl, template))
  project.provide('postgres', { adminUrl: testEnv.postgresAdminUrl, template, runId })

  return async () => {
    const { rows } = await admin.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [
      `darwaza_test_${runId}_%`,
    ])
    for (const { datname } of rows) await admin.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`)
    await admin.end()
    removeScratch()
  }
}

function secretsInLogs(scratchDir: string) {
  const secretsFile = path.join(scratchDir, secretsFileName)
  const logsFolder = path.join(scratchDir, logsFolderName)
  const secrets = [
    ...(existsSync(secretsFile)
      ? readFileSync(secretsFile, 'utf8')
          .split('\n')
          .filter(Boolean)
          .map((line) => JSON.parse(line) as { kind: string; value: string })
      : []),
    ...demoStaff.map((staff) => ({ kind: 'staff password', value: staff.password })),
  ]
  const unique = [...new Map(secrets.map((secret) => [secret.value, secret])).values()]
  const found: { kind: string; value: string; file: string }[] = []
  const files = existsSync(logsFolder) ? readdirSync(logsFolder) : []
  for (const file of files) {
    const text = readFileSync(path.join(logsFolder, file), 'utf8')
    for (const leak of leaks(text, unique)) found.push({ ...leak, file })
  }
  console.log(`Scanned ${files.length} server logs for ${unique.length} secrets: ${found.length} found.`)
  return {
    logs: files.length,
    secrets: unique.length,
    leaks: found.map((leak) => ({ kind: leak.kind, value: `${leak.value.slice(0, 4)}…`, file: leak.file })),
  }
}

const artifactsDir = path.resolve(import.meta.dirname, '.artifacts')

export function databaseUrl(adminUrl: string, database: string): string {
  const url = new URL(adminUrl)
  url.pathname = `/${database}`
  return url.toString()
}
