// Seeds the demo catalogue into DATABASE_URL (default: the demo's SQLite file).
import path from 'node:path'
import { createDb } from '../src/index.ts'
import { seedDemoCatalogue } from '../src/seed/demo-catalogue.ts'

// eslint-disable-next-line no-restricted-properties -- a command-line tool of its own
const env = process.env
const db = createDb(env.DATABASE_URL ?? `file:${path.resolve(import.meta.dirname, '../../data/darwaza.db')}`)
await seedDemoCatalogue(db, { trafficPolice: env.TRAFFIC_POLICE_URL ?? 'http://127.0.0.1:4101' })
await db.$disconnect()
console.log('Seeded the demo catalogue.')
