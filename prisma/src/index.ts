import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3'
import { PrismaPg } from '@prisma/adapter-pg'
import { PrismaClient as SqliteClient } from '../generated/sqlite/client.ts'
import { PrismaClient as PostgresClient } from '../generated/postgres/client.ts'
import { providerOf, sqliteFilePath } from './database-url.ts'

export { providerOf, redactUrl, type Provider } from './database-url.ts'
export { Prisma } from '../generated/sqlite/client.ts'
export type * from '../generated/sqlite/models.ts'
export type {
  ApplicationStatus,
  Channel,
  DepartmentState,
  OutboxState,
  ServiceCategory,
  ServiceKind,
  ServiceVersionState,
} from '../generated/sqlite/enums.ts'

/**
 * The one typed client API. Both databases are generated from the same schema, so their results
 * are identical; only some input types differ (PostgreSQL adds options SQLite lacks), which is why
 * the PostgreSQL client is viewed through the SQLite client's type. Shared code must not use
 * provider-specific options such as Json path filters or `mode: 'insensitive'`.
 */
export type Db = SqliteClient

export function createDb(url: string): Db {
  if (providerOf(url) === 'postgresql') {
    return new PostgresClient({ adapter: new PrismaPg({ connectionString: url }) }) as unknown as Db
  }
  return new SqliteClient({ adapter: new PrismaBetterSqlite3({ url: sqliteFilePath(url) }) })
}
