// One circuit breaker per department (cockatiel), shared by look-ups and deliveries: after several
// failures in a row the gateway stops calling that department for a while, so a department that is
// down costs a citizen at a kiosk nothing but a clear message, and is tried again when it may be back.
import {
  BrokenCircuitError,
  circuitBreaker,
  ConsecutiveBreaker,
  handleWhen,
  type CircuitBreakerPolicy,
} from 'cockatiel'

export interface CircuitOptions {
  /** Consecutive failures that open the circuit. */
  failures: number
  /** How long the circuit stays open before one trial call is let through. */
  halfOpenMs: number
}

export class CircuitOpen extends Error {
  override name = 'CircuitOpen'
  constructor(readonly department: string) {
    super(`the circuit to ${department} is open after repeated failures`)
  }
}

export interface DepartmentCircuits {
  /**
   * Runs a call to a department. Errors `isFailure` accepts count towards opening the circuit; when it
   * is open the call is not made and CircuitOpen is thrown.
   */
  run<T>(department: string, call: () => Promise<T>): Promise<T>
  readonly halfOpenMs: number
}

export function createDepartmentCircuits(
  options: CircuitOptions,
  isFailure: (error: unknown) => boolean,
): DepartmentCircuits {
  const breakers = new Map<string, CircuitBreakerPolicy>()
  const breakerFor = (department: string) => {
    let breaker = breakers.get(department)
    if (!breaker) {
      breaker = circuitBreaker(handleWhen(isFailure), {
        halfOpenAfter: options.halfOpenMs,
        breaker: new ConsecutiveBreaker(options.failures),
      })
      breakers.set(department, breaker)
    }
    return breaker
  }
  return {
    halfOpenMs: options.halfOpenMs,
    async run(department, call) {
      try {
        return await breakerFor(department).execute(call)
      } catch (error) {
        if (error instanceof BrokenCircuitError) throw new CircuitOpen(department)
        throw error
      }
    },
  }
}
