// Runs the six reference departments, each on its own port: `pnpm --filter @darwaza/departments start`.
// Prints each department's public key (it signs answers, callbacks and document fetches), to register
// with the gateway (admin.addDepartmentKey).
import { departmentSigner } from './department-keys.ts'
import { loadDepartmentsConfig } from './env.ts'
import { createReferenceDepartment, referenceDepartmentCodes } from './reference-departments.ts'

const config = loadDepartmentsConfig()
const running = await Promise.all(
  referenceDepartmentCodes.map(async (code, index) => {
    const signer = departmentSigner(config.DEPARTMENT_KEYS_DIR, code)
    const department = createReferenceDepartment(code, {
      dataDir: config.DEPARTMENTS_DATA_DIR,
      gatewayKeys: config.GATEWAY_KEYS,
      signer,
      callbacks: { gatewayUrl: config.GATEWAY_URL },
      officerPassword: config.OFFICER_PASSWORD,
      logger: true,
    })
    const url = await department.listen(config.DEPARTMENTS_FIRST_PORT + index, config.HOST)
    console.log(
      `${code} listening at ${url} (officer page ${url}/officer); signing key ${signer.keyId}=${signer.publicKey}`,
    )
    return department
  }),
)
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(
    signal,
    () => void Promise.all(running.map((department) => department.close())).then(() => process.exit(0)),
  )
}
