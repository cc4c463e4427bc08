// Migrations through Prisma's own schema engine compiled to WebAssembly, driven by the same driver
// adapters the application uses. This replaces `prisma migrate`, whose native engine cannot be
// downloaded on machines without internet. The engine is the same Rust code, so the migrations
// table (`_prisma_migrations`) it keeps is the one `prisma migrate deploy` keeps.
import { readFileSync, readdirSync, existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3'
import { PrismaPg } from '@prisma/adapter-pg'
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlMigrationAwareDriverAdapterFactory,
} from '@prisma/driver-adapter-utils'
import type { MigrationList, SchemaEngine } from '@prisma/schema-engine-wasm'
import type * as SchemaEngineBindings from '@prisma/schema-engine-wasm/schema_engine_bg'
import pg from 'pg'
import { providerOf, sqliteFilePath, type Provider } from './database-url.ts'

const packageRoot = path.resolve(import.meta.dirname, '..')
const filters = { externalTables: [], externalEnums: [] }

export function schemaPath(provider: Provider): string {
  return path.join(packageRoot, provider === 'sqlite' ? 'schema.prisma' : 'postgres/schema.prisma')
}

export function migrationsDir(provider: Provider): string {
  return path.join(packageRoot, provider === 'sqlite' ? 'migrations' : 'postgres/migrations')
}

/** The committed migrations of one provider, in the order they apply. */
export function loadMigrations(provider: Provider): MigrationList {
  const baseDir = migrationsDir(provider)
  const lockPath = path.join(baseDir, 'migration_lock.toml')
  const names = existsSync(baseDir)
    ? readdirSync(baseDir, { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry) => entry.name)
        .sort()
    : []
  return {
    baseDir,
    lockfile: { path: 'migration_lock.toml', content: existsSync(lockPath) ? readFileSync(lockPath, 'utf8') : null },
    shadowDbInitScript: '',
    migrationDirectories: names.map((name) => ({
      path: name,
      migrationFile: {
        path: 'migration.sql',
        content: { tag: 'ok', value: readFileSync(path.join(baseDir, name, 'migration.sql'), 'utf8') },
      },
    })),
  }
}

type Disposable = { dispose(): Promise<void> }

export interface OpenEngine {
  engine: SchemaEngine
  provider: Provider
  close(): Promise<void>
}

let wasmModule: Promise<typeof SchemaEngineBindings> | undefined

/** Instantiates the wasm engine once per process (Node 20 has no wasm ES module imports). */
function loadWasm() {
  wasmModule ??= (async () => {
    const registry = { set_message: (message: string) => console.error(`schema engine panic: ${message}`) }
    ;(globalThis as Record<string, unknown>).PRISMA_WASM_PANIC_REGISTRY = registry
    const bg = await import('@prisma/schema-engine-wasm/schema_engine_bg')
    const require = createRequire(import.meta.url)
    const wasmFile = path.join(path.dirname(require.resolve('@prisma/schema-engine-wasm')), 'schema_engine_bg.wasm')
    // @types/node declares no WebAssembly without the DOM lib, so the two constructors are typed here.
    const wasm = (
      globalThis as unknown as {
        WebAssembly: {
          Module: new (bytes: Uint8Array) => object
          Instance: new (module: object, imports: object) => { exports: unknown }
        }
      }
    ).WebAssembly
    const instance = new wasm.Instance(new wasm.Module(readFileSync(wasmFile)), { './schema_engine_bg.js': bg })
    const exports = instance.exports as unknown as { __wbindgen_start(): void }
    bg.__wbg_set_wasm(exports)
    exports.__wbindgen_start()
    return bg
  })()
  return wasmModule
}

/**
 * Opens the schema engine on a database. The adapters it opens are tracked and disposed on close:
 * `engine.free()` alone leaves a SQLite file locked and a PostgreSQL pool open.
 */
export async function openSchemaEngine(url: string): Promise<OpenEngine> {
  const provider = providerOf(url)
  const opened: Disposable[] = []
  let pool: pg.Pool | undefined
  let factory: SqlMigrationAwareDriverAdapterFactory
  if (provider === 'postgresql') {
    pool = new pg.Pool({ connectionString: url, max: 2 })
    factory = new PrismaPg(pool)
  } else {
    factory = new PrismaBetterSqlite3({ url: sqliteFilePath(url) })
  }
  const tracking: SqlMigrationAwareDriverAdapterFactory = {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => track(await factory.connect()),
    connectToShadowDb: async () => track(await factory.connectToShadowDb()),
  }
  function track<T extends Disposable>(adapter: T): T {
    opened.push(adapter)
    return adapter
  }
  const bg = await loadWasm()
  const schema = schemaPath(provider)
  const engine = await bg.SchemaEngine.new(
    { datamodels: [[schema, readFileSync(schema, 'utf8')]] },
    () => {},
    bindMigrationAwareSqlAdapterFactory(tracking),
  )
  return {
    engine,
    provider,
    async close() {
      engine.free()
      for (const adapter of opened) await adapter.dispose()
      await pool?.end()
    },
  }
}

async function withEngine<T>(url: string, work: (open: OpenEngine) => Promise<T>): Promise<T> {
  const open = await openSchemaEngine(url)
  try {
    return await work(open)
  } finally {
    await open.close()
  }
}

/** Applies every pending migration; returns the names applied now. */
export async function deployMigrations(url: string): Promise<string[]> {
  return withEngine(url, async ({ engine, provider }) => {
    const result = await engine.applyMigrations({ migrationsList: loadMigrations(provider), filters })
    return result.appliedMigrationNames
  })
}

export type MigrationStatus =
  { state: 'up-to-date' } | { state: 'behind'; pending: string[] } | { state: 'diverged'; detail: string }

export async function migrationStatus(url: string): Promise<MigrationStatus> {
  return withEngine(url, async ({ engine, provider }) => {
    const migrationsList = loadMigrations(provider)
    const diagnosis = await engine
      .diagnoseMigrationHistory({ migrationsList, optInToShadowDatabase: false, filters })
      .catch((error: unknown) => {
        // A database that has never been migrated has no migrations table to diagnose.
        if (String(error).includes('_prisma_migrations` does not exist')) return null
        throw error
      })
    if (diagnosis === null) {
      return { state: 'behind', pending: migrationsList.migrationDirectories.map((entry) => entry.path) }
    }
    if (diagnosis.failedMigrationNames.length > 0) {
      return { state: 'diverged', detail: `failed migrations: ${diagnosis.failedMigrationNames.join(', ')}` }
    }
    if (diagnosis.editedMigrationNames.length > 0) {
      return { state: 'diverged', detail: `edited after being applied: ${diagnosis.editedMigrationNames.join(', ')}` }
    }
    const history = diagnosis.history
    if (history === null) return { state: 'up-to-date' }
    if (history.diagnostic === 'databaseIsBehind') return { state: 'behind', pending: history.unappliedMigrationNames }
    return {
      state: 'diverged',
      detail: `the database has migrations this code does not know: ${history.unpersistedMigrationNames.join(', ')}`,
    }
  })
}
