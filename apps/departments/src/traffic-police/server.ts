// The Traffic Police reference department: a real HTTP server speaking version 1 of the department
// protocol (packages/contracts/src/department-protocol).
import {
  HealthResponse,
  LookupRequest,
  protocolVersion,
  type LookupAnswer,
  type ProtocolError,
} from '@darwaza/contracts/department-protocol/v1'
import Fastify, { type FastifyError } from 'fastify'
import { challanAnswer, challanNumberPattern } from './challan-record.ts'
import { demoChallans, openChallanStore } from './challan-store.ts'

export { demoChallans }

export interface TrafficPoliceOptions {
  dataFile: string
  /** The department's clock, injectable so "overdue" is testable. */
  now?: () => Date
  logger?: boolean
}

export interface RunningDepartment {
  listen(port: number, host?: string): Promise<string>
  close(): Promise<void>
}

const protocolError = (code: ProtocolError['error']['code'], message: string, field?: string): ProtocolError => ({
  error: { code, message, ...(field ? { field } : {}) },
})

export function createTrafficPoliceServer(options: TrafficPoliceOptions): RunningDepartment {
  const store = openChallanStore(options.dataFile)
  const now = options.now ?? (() => new Date())
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: 65_536,
    requestIdHeader: 'x-request-id',
  })

  app.setErrorHandler<FastifyError>((error, request, reply) => {
    const status = error.statusCode ?? 500
    if (status >= 500) {
      request.log.error({ err: error }, 'traffic police failed')
      return reply.code(500).send(protocolError('internal', 'The department failed to answer.'))
    }
    return reply.code(400).send(protocolError('invalid_query', `The request is malformed: ${error.message}`))
  })

  app.get('/health', async () => HealthResponse.parse({ status: 'ok', department: 'traffic-police', protocolVersion }))

  app.post<{ Params: { service: string } }>('/lookups/:service', async (request, reply) => {
    if (request.params.service !== 'echallan-verification') {
      return reply
        .code(404)
        .send(protocolError('unknown_service', `Traffic Police offers no look-up "${request.params.service}".`))
    }
    const parsed = LookupRequest.safeParse(request.body)
    if (!parsed.success) {
      const issue = parsed.error.issues[0]
      return reply
        .code(400)
        .send(protocolError('invalid_query', issue?.message ?? 'malformed request', issue?.path.join('.') || undefined))
    }
    const number = parsed.data.query.challanNumber
    if (typeof number !== 'string' || !challanNumberPattern.test(number)) {
      return reply
        .code(400)
        .send(protocolError('invalid_query', 'An e-challan number is exactly 10 digits.', 'challanNumber'))
    }
    const today = now().toISOString().slice(0, 10)
    const answer: LookupAnswer = challanAnswer(store.find(number), number, today)
    return answer
  })

  return {
    async listen(port, host = '127.0.0.1') {
      return app.listen({ port, host })
    },
    async close() {
      await app.close()
      store.close()
    },
  }
}
