// Synchronous look-ups forwarded to departments under a deadline. A department's answer is untrusted
// input: it is size-capped, parsed as JSON and checked against the protocol schema before use.
import type { SigningIdentity } from '@darwaza/contracts/department-protocol/signatures'
import { LookupAnswer, ProtocolError, type LookupRequest } from '@darwaza/contracts/department-protocol/v1'
import { DomainError, invalidInput } from '../domain/errors.ts'
import type { DepartmentLookups, LookupCall } from '../domain/ports.ts'
import { CircuitOpen, type DepartmentCircuits } from './department-circuits.ts'
import { departmentUrl, sendSigned } from './signed-request.ts'

const maxAnswerBytes = 1_000_000

export function createDepartmentLookups(options: {
  deadlineMs: number
  signer: SigningIdentity
  circuits: DepartmentCircuits
}): DepartmentLookups {
  return {
    async lookup(call) {
      try {
        return await options.circuits.run(call.department.code, () => forward(call))
      } catch (error) {
        if (error instanceof CircuitOpen) {
          throw new DomainError(
            'DEPARTMENT_UNAVAILABLE',
            'This department cannot answer right now. Please try again later.',
            {
              detail: error.message,
            },
          )
        }
        throw error
      }
    },
  }

  async function forward(call: LookupCall): Promise<LookupAnswer> {
    const body: LookupRequest = { requestId: call.requestId, service: call.service, query: call.query }
    const unavailable = (detail: string, cause?: unknown) =>
      new DomainError('DEPARTMENT_UNAVAILABLE', 'This department cannot answer right now. Please try again later.', {
        detail: `${call.department.code}: ${detail}`,
        cause,
      })
    const badAnswer = (detail: string) =>
      new DomainError(
        'DEPARTMENT_BAD_ANSWER',
        'This department gave an answer we could not read. Please try again later.',
        {
          detail: `${call.department.code}: ${detail}`,
        },
      )

    let status: number
    let text: string
    try {
      const response = await sendSigned(options.signer, {
        method: 'POST',
        url: departmentUrl(call.department.baseUrl, call.endpointPath),
        requestId: call.requestId,
        body,
        timeoutMs: options.deadlineMs,
      })
      status = response.status
      text = await response.text()
    } catch (error) {
      if (error instanceof DOMException && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
        throw new DomainError('DEPARTMENT_TIMEOUT', 'This department did not answer in time. Please try again later.', {
          detail: `${call.department.code}: no answer within ${options.deadlineMs} ms`,
          cause: error,
        })
      }
      throw unavailable(`request failed: ${describe(error)}`, error)
    }

    if (Buffer.byteLength(text) > maxAnswerBytes) throw badAnswer(`answer larger than ${maxAnswerBytes} bytes`)
    const json = parseJson(text)

    if (status === 200) {
      const answer = LookupAnswer.safeParse(json)
      if (!answer.success) throw badAnswer(`answer does not match the protocol: ${answer.error.message}`)
      return answer.data
    }
    const protocolError = ProtocolError.safeParse(json)
    if (status === 400 && protocolError.success && protocolError.data.error.code === 'invalid_query') {
      const { field, message } = protocolError.data.error
      throw invalidInput([{ field: field ?? '', reason: 'rejected_by_department', message }])
    }
    if (status === 404 && protocolError.success && protocolError.data.error.code === 'unknown_service') {
      throw new DomainError('SERVICE_NOT_AVAILABLE', 'This service is not available from the department right now.', {
        detail: `${call.department.code} does not know service ${call.service}`,
      })
    }
    if (status >= 500) throw unavailable(`answered HTTP ${status}`)
    throw badAnswer(`unexpected HTTP ${status}`)
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown
  } catch {
    return undefined
  }
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const cause = error.cause instanceof Error ? ` (${error.cause.message})` : ''
    return `${error.message}${cause}`
  }
  return String(error)
}
