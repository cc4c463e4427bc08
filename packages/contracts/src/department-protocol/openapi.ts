import { z } from 'zod'
import { HealthResponse, LookupAnswer, LookupRequest, ProtocolError, protocolVersion, requestHeaders } from './v1.ts'

function schema(type: z.ZodType) {
  return z.toJSONSchema(type, { target: 'draft-2020-12', io: 'output', unrepresentable: 'throw' })
}

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/ProtocolError' } } },
})

/** The department protocol as an OpenAPI 3.1 document, built from the same zod schemas the gateway parses with. */
export function departmentProtocolOpenApi() {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Darwaza department protocol',
      version: protocolVersion,
      description:
        'What a department service implements so the Darwaza gateway can reach it. ' +
        'Look-ups are answered synchronously under the gateway deadline (3 s by default).',
    },
    paths: {
      '/health': {
        get: {
          operationId: 'health',
          summary: 'Liveness and protocol version of the department service',
          responses: {
            '200': {
              description: 'The service is up',
              content: { 'application/json': { schema: { $ref: '#/components/schemas/HealthResponse' } } },
            },
          },
        },
      },
      '/lookups/{service}': {
        post: {
          operationId: 'lookup',
          summary: 'Answer a synchronous look-up for one of the department’s services',
          description:
            'The path is the endpoint path registered for the service in the catalogue; /lookups/{service} is the convention.',
          parameters: [
            { name: 'service', in: 'path', required: true, schema: { type: 'string' } },
            { name: requestHeaders.requestId, in: 'header', required: true, schema: { type: 'string' } },
            { name: requestHeaders.protocolVersion, in: 'header', required: true, schema: { const: protocolVersion } },
          ],
          requestBody: {
            required: true,
            content: { 'application/json': { schema: { $ref: '#/components/schemas/LookupRequest' } } },
          },
          responses: {
            '200': {
              description: 'Found, or not found (an answer, not an error)',
              content: { 'application/json': { schema: { $ref: '#/components/schemas/LookupAnswer' } } },
            },
            '400': errorResponse('The query is malformed; `field` names the field at fault'),
            '404': errorResponse('The department does not offer this service'),
            '500': errorResponse('The department failed'),
          },
        },
      },
    },
    components: {
      schemas: {
        HealthResponse: schema(HealthResponse),
        LookupRequest: schema(LookupRequest),
        LookupAnswer: schema(LookupAnswer),
        ProtocolError: schema(ProtocolError),
      },
    },
  }
}
