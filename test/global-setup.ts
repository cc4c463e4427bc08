// Once per test run: decide whether PostgreSQL takes part, and prepare one migrated template
// database that each test copies (CREATE DATABASE … TEMPLATE) instead of migrating again.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { TestProject } from 'vitest/node'
import { deployMigrations } from '@darwaza/db/migrate'
import pg from 'pg'
import { testEnv } from './support/env.ts'

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
  const removeScratch = () => rmSync(scratchDir, { recursive: true, force: true })
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

export function databaseUrl(adminUrl: string, database: string): string {
  const url = new URL(adminUrl)
  url.pathname = `/${database}`
  return url.toString()
}
