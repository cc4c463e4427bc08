// Starts the whole demo in one process: the Traffic Police department (its own SQLite file), the
// gateway on the embedded SQLite database with the seeded catalogue, and the web view it serves.
// The database file is created and migrated on first start. Ctrl+C stops everything cleanly.
import path from 'node:path'
import { createTrafficPoliceServer, demoChallans } from '@darwaza/departments/traffic-police'
import { createDb } from '@darwaza/db'
import { deployMigrations } from '@darwaza/db/migrate'
import { seedDemoCatalogue } from '@darwaza/db/seed'
import { loadConfig } from '@darwaza/gateway/env'
import { startGateway } from '@darwaza/gateway/start'

const root = path.resolve(import.meta.dirname, '..')
const dataDir = path.join(root, 'data')

const config = loadConfig({
  DATABASE_URL: `file:${path.join(dataDir, 'darwaza.db')}`,
  WEB_ROOT: path.join(root, 'apps/kiosk/dist'),
  LOG_LEVEL: 'warn',
  // The kiosk shell serves the app from app://kiosk and calls the gateway from there.
  CORS_ORIGINS: 'app://kiosk',
  ...process.env,
})

const trafficPolice = createTrafficPoliceServer({ dataFile: path.join(dataDir, 'departments/traffic-police.db') })
const trafficPoliceUrl = await trafficPolice.listen(Number(process.env.TRAFFIC_POLICE_PORT ?? 4101), '127.0.0.1')

const applied = await deployMigrations(config.databaseUrl)
if (applied.length > 0) console.log(`Database ready (applied ${applied.join(', ')}).`)
const db = createDb(config.databaseUrl)
await seedDemoCatalogue(db, { trafficPolice: trafficPoliceUrl })
await db.$disconnect()

const gateway = await startGateway(config)

const sample = (status: string) => demoChallans.find((challan) => challan.status === status)?.number ?? '-'
console.log(`
  Darwaza demo is running.

  Open the web view:      ${gateway.url}/
  Traffic Police (dept):  ${trafficPoliceUrl}

  Try "Verify an e-challan" with:
    ${sample('unpaid')}  an unpaid ticket
    ${sample('paid')}  a paid ticket
    3520100003  an unpaid ticket past its due date
    0000000000  a number the department does not know
    12345       a malformed number

  Press Ctrl+C to stop.
`)

let stopping = false
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    if (stopping) return
    stopping = true
    console.log('\nStopping…')
    void Promise.all([gateway.stop(), trafficPolice.close()]).then(() => process.exit(0))
  })
}
