import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { departmentProtocolOpenApi } from './openapi.ts'

describe('department protocol OpenAPI document', () => {
  it('the committed openapi.json matches the zod schemas (run `pnpm --filter @darwaza/contracts openapi:write`)', () => {
    const committed = JSON.parse(readFileSync(path.join(import.meta.dirname, 'openapi.json'), 'utf8')) as unknown
    expect(committed).toEqual(departmentProtocolOpenApi())
  })

  it('describes health and look-up with the error shape departments must use', () => {
    const document = departmentProtocolOpenApi()
    expect(Object.keys(document.paths)).toEqual([
      '/health',
      '/lookups/{service}',
      '/applications/{service}',
      '/applications/{service}/answers',
      '/status-queries',
    ])
    expect(document.components.schemas.ProtocolError).toMatchObject({
      type: 'object',
      required: ['error'],
    })
    expect(document.components.schemas.LookupAnswer).toHaveProperty('oneOf')
  })
})
