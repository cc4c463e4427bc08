// Runs the Traffic Police department on its own: `pnpm --filter @darwaza/departments start:traffic-police`.
import path from 'node:path'
import { loadDepartmentsConfig } from '../env.ts'
import { createTrafficPoliceServer } from './server.ts'

const config = loadDepartmentsConfig()
const department = createTrafficPoliceServer({
  dataFile: path.join(config.DEPARTMENTS_DATA_DIR, 'traffic-police.db'),
  logger: true,
})
const url = await department.listen(config.TRAFFIC_POLICE_PORT, config.HOST)
console.log(`Traffic Police department listening at ${url}`)
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void department.close().then(() => process.exit(0)))
}
