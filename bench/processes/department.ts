// A reference department process for the benchmarks (@darwaza/departments), trusting the bench
// gateway's signing key, signing with its own key (kept in keysDir, made by the bench beforehand and
// registered with the gateway), on the port the bench asks for.
import { departmentSigner } from '@darwaza/departments/department-keys'
import { createReferenceDepartment, type ReferenceDepartmentCode } from '@darwaza/departments/reference'

interface Start {
  code: ReferenceDepartmentCode
  dataDir: string
  keysDir: string
  port: number
  gatewayKeys: [string, string][]
}

process.once('message', (message: Start) => {
  const options = {
    dataDir: message.dataDir,
    gatewayKeys: new Map(message.gatewayKeys),
    signer: departmentSigner(message.keysDir, message.code),
  }
  const department = createReferenceDepartment(message.code, options)
  department
    .listen(message.port, '127.0.0.1')
    .then((url) => {
      process.on('message', (next: { type: string }) => {
        if (next.type === 'stop') void department.close().then(() => process.exit(0))
      })
      process.send?.({ type: 'ready', url })
    })
    .catch((error: unknown) => {
      console.error(error)
      process.send?.({ type: 'error', message: error instanceof Error ? error.message : String(error) }, () =>
        process.exit(1),
      )
    })
})
