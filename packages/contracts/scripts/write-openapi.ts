// Writes department-protocol/openapi.json from the zod schemas (a test keeps the two in step).
import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { departmentProtocolOpenApi } from '../src/department-protocol/openapi.ts'

const target = path.join(import.meta.dirname, '../src/department-protocol/openapi.json')
writeFileSync(target, `${JSON.stringify(departmentProtocolOpenApi(), null, 2)}\n`)
console.log(`wrote ${target}`)
