import { StaffSessionGrant, StaffSignInInput } from '@darwaza/contracts/identity'
import { z } from 'zod'
import { staffSignIn } from '../services/staff.ts'
import { publicProcedure, router, staffProcedure } from '../trpc.ts'

export const staffRouter = router({
  signIn: publicProcedure
    .input(StaffSignInInput)
    .output(StaffSessionGrant)
    .mutation(({ ctx, input }) => staffSignIn(ctx.services.access, input, ctx.device)),
  me: staffProcedure
    .output(z.object({ role: z.string(), serviceCentreId: z.string().nullable(), departmentId: z.string().nullable() }))
    .query(({ ctx }) => ({
      role: ctx.actor.role,
      serviceCentreId: ctx.actor.serviceCentreId,
      departmentId: ctx.actor.departmentId,
    })),
})
