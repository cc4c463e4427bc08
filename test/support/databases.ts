// Fresh, migrated databases for tests: a SQLite file in a temporary folder, and (when the run has
// PostgreSQL) a new PostgreSQL database copied from the run's migrated template.
import { mkdtempSync } from 'node:fs'
import path from 'node:path'
import { deployMigrations } from '@darwaza/db/migrate'
import pg from 'pg'
import { inject } from 'vitest'
import { databaseUrl } from '../global-setup.ts'

export type DatabaseKind = 'sqlite' | 'postgresql'

let counter = 0

/** A new folder inside the run's scratch folder, which global teardown removes. */
export function scratchFolder(): string {
  return mkdtempSync(path.join(inject('scratchDir'), 'f-'))
}

export function freshSqliteUrl(options: { migrated?: boolean } = {}): Promise<string> {
  const url = `file:${path.join(scratchFolder(), 'darwaza.db')}`
  return options.migrated === false ? Promise.resolve(url) : deployMigrations(url).then(() => url)
}

export async function freshPostgresUrl(options: { migrated?: boolean } = {}): Promise<string> {
  const postgres = inject('postgres')
  if (!postgres) throw new Error('PostgreSQL is not part of this run')
  const name = `darwaza_test_${postgres.runId}_${process.pid}_${++counter}`
  const admin = new pg.Client({ connectionString: postgres.adminUrl })
  await admin.connect()
  try {
    await admin.query(
      options.migrated === false ? `CREATE DATABASE ${name}` : `CREATE DATABASE ${name} TEMPLATE ${postgres.template}`,
    )
  } finally {
    await admin.end()
  }
  return databaseUrl(postgres.adminUrl, name)
}

/** The databases every persistence test runs against; PostgreSQL is absent only outside CI when unreachable. */
export function databaseKinds(): DatabaseKind[] {
  return inject('postgres') ? ['sqlite', 'postgresql'] : ['sqlite']
}

export function freshDatabaseUrl(kind: DatabaseKind, options: { migrated?: boolean } = {}): Promise<string> {
  return kind === 'sqlite' ? freshSqliteUrl(options) : freshPostgresUrl(options)
}
