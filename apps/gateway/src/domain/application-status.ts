// How an application moves once submitted. Departments report each step; the gateway refuses any
// step this table does not allow, so a citizen never sees "completed" become "in review".
import type { ApplicationStatus } from '@darwaza/contracts/applications'

const next: Record<ApplicationStatus, readonly ApplicationStatus[]> = {
  submitted: ['received', 'in_review', 'needs_information', 'approved', 'rejected'],
  received: ['in_review', 'needs_information', 'approved', 'rejected'],
  in_review: ['needs_information', 'approved', 'rejected'],
  needs_information: ['in_review', 'approved', 'rejected'],
  approved: ['completed'],
  rejected: [],
  completed: [],
}

export function canMoveApplication(from: ApplicationStatus, to: ApplicationStatus): boolean {
  return next[from].includes(to)
}

export function isFinal(status: ApplicationStatus): boolean {
  return next[status].length === 0
}

/**
 * When a reported step goes on the citizen's timeline: the department's own time, but never later
 * than the gateway heard of it nor earlier than the step before, so a wrong clock cannot reorder
 * the timeline or date a step in the future. The department's time is kept in the audit log.
 */
export function timelineTime(reported: Date, previousStep: Date, received: Date): Date {
  const time = Math.min(Math.max(reported.getTime(), previousStep.getTime()), received.getTime())
  return new Date(time)
}
