import { describe, expect, it } from 'vitest'
import { isStorageUnavailable } from './storage-errors.ts'

describe('telling a database that cannot be used right now from other failures', () => {
  it.each([
    [
      'SQLite disk full, through the driver adapter',
      {
        code: 'P2039',
        message: 'Database error. Code: `SQLITE_FULL`. Message: `database or disk is full`',
        meta: { driverAdapterError: { cause: { originalCode: 'SQLITE_FULL', kind: 'sqlite' } } },
      },
    ],
    [
      'PostgreSQL shutting down',
      { message: 'Database error. Code: `57P03`. Message: `the database system is shutting down`' },
    ],
    [
      'a pg client after its connection broke',
      new Error('Client has encountered a connection error and is not queryable'),
    ],
    [
      'the server unreachable',
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
    ],
    ['Prisma cannot reach the server', { code: 'P1001', message: "Can't reach database server" }],
    ['wrapped in a cause', new Error('outer', { cause: { code: '08006', message: 'connection failure' } })],
  ])('%s', (_case, error) => {
    expect(isStorageUnavailable(error)).toBe(true)
  })

  it.each([
    ['a unique violation', { code: 'P2002', message: 'Unique constraint failed' }],
    ['a bug', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['a PostgreSQL syntax error', { message: 'Database error. Code: `42601`. Message: `syntax error`' }],
    ['nothing', undefined],
  ])('not %s', (_case, error) => {
    expect(isStorageUnavailable(error)).toBe(false)
  })
})
