// Seeds the demo catalogue into DATABASE_URL (default: the demo's SQLite file).
import path from 'node:path'
import { createDb } from '../src/index.ts'
import { demoDepartments, seedDemoCatalogue } from '../src/seed/demo-catalogue.ts'

// eslint-disable-next-line no-restricted-properties -- a command-line tool of its own
const env = process.env
const db = createDb(env.DATABASE_URL ?? `file:${path.resolve(import.meta.dirname, '../../data/darwaza.db')}`)
// The reference departments listen on consecutive ports, in this order (apps/departments/src/main.ts).
const firstPort = Number(env.DEPARTMENTS_FIRST_PORT ?? 4101)
await seedDemoCatalogue(
  db,
  Object.fromEntries(
    demoDepartments.map((department, index) => [department.code, `http://127.0.0.1:${firstPort + index}`]),
  ),
)
await db.$disconnect()
console.log('Seeded the demo catalogue.')
