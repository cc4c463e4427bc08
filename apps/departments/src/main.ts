// Runs the six reference departments, each on its own port: `pnpm --filter @darwaza/departments start`.
import { loadDepartmentsConfig } from './env.ts'
import { createReferenceDepartment, referenceDepartmentCodes } from './reference-departments.ts'

const config = loadDepartmentsConfig()
const running = await Promise.all(
  referenceDepartmentCodes.map(async (code, index) => {
    const department = createReferenceDepartment(code, {
      dataDir: config.DEPARTMENTS_DATA_DIR,
      gatewayKeys: config.GATEWAY_KEYS,
      logger: true,
    })
    const url = await department.listen(config.DEPARTMENTS_FIRST_PORT + index, config.HOST)
    console.log(`${code} listening at ${url}`)
    return department
  }),
)
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(
    signal,
    () => void Promise.all(running.map((department) => department.close())).then(() => process.exit(0)),
  )
}
