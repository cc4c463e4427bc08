import { DepartmentState } from '@darwaza/contracts/departments'
import { describe, expect, it } from 'vitest'
import { canMoveDepartment, needsConformance } from './department-lifecycle.ts'

describe('department lifecycle', () => {
  it('allows exactly these moves', () => {
    const moves = DepartmentState.options.flatMap((from) =>
      DepartmentState.options.filter((to) => canMoveDepartment(from, to)).map((to) => `${from}→${to}`),
    )
    expect(moves).toEqual([
      'sandbox→live',
      'sandbox→suspended',
      'live→suspended',
      'suspended→sandbox',
      'suspended→live',
    ])
  })

  it('asks for a conformance check only when going live', () => {
    expect(DepartmentState.options.filter(needsConformance)).toEqual(['live'])
  })
})
