// Configuration of the reference departments: the only module here that reads process.env.
import path from 'node:path'
import { z } from 'zod'

const repoRoot = path.resolve(import.meta.dirname, '../../..')

const Schema = z.object({
  HOST: z.string().min(1).default('127.0.0.1'),
  TRAFFIC_POLICE_PORT: z.coerce.number().int().min(0).max(65535).default(4101),
  DEPARTMENTS_DATA_DIR: z.string().min(1).default(path.join(repoRoot, 'data/departments')),
})

export function loadDepartmentsConfig(source: Record<string, string | undefined> = process.env) {
  const parsed = Schema.safeParse(source)
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`)
    throw new Error(`Invalid department configuration:\n${problems.join('\n')}`)
  }
  return parsed.data
}
