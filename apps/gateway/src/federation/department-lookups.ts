// Synchronous calls to departments under a deadline, through the department's circuit breaker:
// look-ups, and the quote for an application to a quoted-fee service (a dry run at submission). A
// department's answer is untrusted input: believed only when signed by one of the department's
// registered keys for this very request, then size-capped, parsed as JSON, checked against the protocol.
import type { SigningIdentity } from '@darwaza/contracts/department-protocol/signatures'
import {
  DeliveryReceipt,
  LookupAnswer,
  ProtocolError,
  type DeliveryQuote,
  type LookupRequest,
} from '@darwaza/contracts/department-protocol/v1'
import { DomainError, invalidInput } from '../domain/errors.ts'
import type { DepartmentLookups, DepartmentQuotes } from '../domain/ports.ts'
import { CircuitOpen, type DepartmentCircuits } from './department-circuits.ts'
import { askDepartment, departmentUrl } from './signed-request.ts'

const maxAnswerBytes = 1_000_000

export function createDepartmentLookups(options: {
  deadlineMs: number
  signer: SigningIdentity
  circuits: DepartmentCircuits
  /** The department's active public keys (keyId → key), which its answers must be signed with. */
  departmentKeys: (departmentCode: string) => Promise<ReadonlyMap<string, string>>
}): DepartmentLookups & DepartmentQuotes {
  const guarded = async <T>(departmentCode: string, call: () => Promise<T>): Promise<T> => {
    try {
      return await options.circuits.run(departmentCode, call)
    } catch (error) {
      if (error instanceof CircuitOpen) {
        throw new DomainError(
          'DEPARTMENT_UNAVAILABLE',
          'This department cannot answer right now. Please try again later.',
          { detail: error.message },
        )
      }
      throw error
    }
  }

  return {
    lookup(call) {
      const body: LookupRequest = { requestId: call.requestId, service: call.service, query: call.query }
      return guarded(call.department.code, () =>
        forward({ ...call, body, fieldPrefix: '' }, (json) => {
          const answer = LookupAnswer.safeParse(json)
          return answer.success ? answer.data : `answer does not match the protocol: ${answer.error.message}`
        }),
      )
    },
    quote(call) {
      return guarded(call.department.code, () =>
        forward(
          {
            department: call.department,
            endpointPath: call.endpointPath,
            service: call.delivery.service,
            requestId: call.delivery.requestId,
            body: { ...call.delivery, dryRun: true },
            fieldPrefix: 'form.',
          },
          (json): DeliveryQuote | string => {
            const receipt = DeliveryReceipt.safeParse(json)
            if (!receipt.success) return `answer does not match the protocol: ${receipt.error.message}`
            if (receipt.data.outcome !== 'validated' || !receipt.data.quote) return 'a dry run answered without a quote'
            return receipt.data.quote
          },
        ),
      )
    },
  }

  /** One signed POST; `read` turns a 200 answer into the result, or says what is wrong with it. */
  async function forward<T>(
    call: {
      department: { code: string; baseUrl: string }
      endpointPath: string
      service: string
      requestId: string
      body: unknown
      /** Where the department's field names sit in the citizen's input ("form." for applications). */
      fieldPrefix: string
    },
    read: (json: unknown) => T | string,
  ): Promise<T> {
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

    // Asked for while the request is on its way; awaited (and its failure thrown) only with the answer.
    const keys = options.departmentKeys(call.department.code)
    keys.catch(() => undefined)
    let status: number
    let text: string
    try {
      const answer = await askDepartment(
        options.signer,
        {
          method: 'POST',
          url: departmentUrl(call.department.baseUrl, call.endpointPath),
          requestId: call.requestId,
          body: call.body,
          timeoutMs: options.deadlineMs,
        },
        keys,
      )
      if (!answer.signed) {
        // Whatever it says, an answer the department did not sign (for this request) is not its answer.
        throw new DomainError(
          'DEPARTMENT_BAD_ANSWER',
          'This department cannot answer right now. Please try again later.',
          {
            detail: `${call.department.code}: the answer's signature is not valid (HTTP ${answer.status}): ${answer.reason}`,
          },
        )
      }
      status = answer.status
      text = answer.text
    } catch (error) {
      if (error instanceof DomainError) throw error
      // Not reading the department's keys is the gateway's own failure, not the department's.
      await keys
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
      const result = read(json)
      if (typeof result === 'string') throw badAnswer(result)
      return result
    }
    const protocolError = ProtocolError.safeParse(json)
    if (status === 400 && protocolError.success && protocolError.data.error.code === 'invalid_query') {
      const { field, message } = protocolError.data.error
      throw invalidInput([
        { field: field ? `${call.fieldPrefix}${field}` : '', reason: 'rejected_by_department', message },
      ])
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
