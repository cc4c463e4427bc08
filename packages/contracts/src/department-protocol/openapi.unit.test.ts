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

  it('asks for a signed answer to every protocol request, and for none from /health', () => {
    const document = departmentProtocolOpenApi()
    type Operation = { responses: Record<string, { headers?: Record<string, { required: boolean }> }> }
    const paths = document.paths as unknown as Record<string, Record<string, Operation>>
    const answers = Object.entries(paths).flatMap(([path, item]) =>
      Object.values(item).flatMap((operation) =>
        Object.entries(operation.responses).map(([status, response]) => ({ path, status, response })),
      ),
    )
    for (const { path, status, response } of answers) {
      if (path === '/health') {
        expect(response.headers).toBeUndefined()
        continue
      }
      expect(Object.keys(response.headers ?? {}), `${path} ${status}`).toEqual([
        'x-request-id',
        'content-digest',
        'signature-input',
        'signature',
      ])
      expect(response.headers?.signature?.required).toBe(status !== '401')
    }
    expect(document.info.description).toContain('"signature";req;key="darwaza"')
  })
})
