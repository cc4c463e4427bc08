import { setTimeout as sleep } from 'node:timers/promises'
import { describe, expect, it } from 'vitest'
import { CircuitOpen, createDepartmentCircuits } from './department-circuits.ts'

class DepartmentDown extends Error {}
class BadQuery extends Error {}

describe('department circuit breakers', () => {
  it('stop calling a department after repeated failures, try again later, and keep departments apart', async () => {
    const circuits = createDepartmentCircuits(
      { failures: 2, halfOpenMs: 50 },
      (error) => error instanceof DepartmentDown,
    )
    let calls = 0
    const failing = () => {
      calls++
      return Promise.reject(new DepartmentDown())
    }
    await expect(circuits.run('water-board', failing)).rejects.toBeInstanceOf(DepartmentDown)
    await expect(circuits.run('water-board', failing)).rejects.toBeInstanceOf(DepartmentDown)
    await expect(circuits.run('water-board', failing)).rejects.toBeInstanceOf(CircuitOpen)
    expect(calls).toBe(2)
    expect(await circuits.run('health', () => Promise.resolve('other departments unaffected'))).toBe(
      'other departments unaffected',
    )

    await sleep(80)
    expect(await circuits.run('water-board', () => Promise.resolve('back'))).toBe('back')
    expect(await circuits.run('water-board', () => Promise.resolve('closed again'))).toBe('closed again')
  })

  it('do not count refusals of bad input as the department failing', async () => {
    const circuits = createDepartmentCircuits(
      { failures: 1, halfOpenMs: 10_000 },
      (error) => error instanceof DepartmentDown,
    )
    for (let index = 0; index < 3; index++) {
      await expect(circuits.run('traffic-police', () => Promise.reject(new BadQuery()))).rejects.toBeInstanceOf(
        BadQuery,
      )
    }
    expect(await circuits.run('traffic-police', () => Promise.resolve('still closed'))).toBe('still closed')
  })
})
