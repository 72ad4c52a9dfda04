import { z } from 'zod';
import { capabilities, roleSchema } from './roles.ts';
import { orgLevelSchema } from './org.ts';

export const loginRequestSchema = z
  .object({
    username: z.string().trim().min(1, '请输入用户名 (username required)').max(64),
    password: z.string().min(1, '请输入密码 (password required)').max(256),
  })
  .meta({ id: 'LoginRequest' });
export type LoginRequest = z.infer<typeof loginRequestSchema>;

export const assignmentSchema = z.object({
  orgCode: z.string(),
  orgName: z.string(),
  orgLevel: orgLevelSchema,
  role: roleSchema,
});
export type Assignment = z.infer<typeof assignmentSchema>;

export const meSchema = z
  .object({
    user: z.object({ id: z.string(), username: z.string(), displayName: z.string() }),
    assignments: z.array(assignmentSchema),
    capabilities: z.array(z.enum(capabilities)),
    csrfToken: z.string().describe('send back as the x-csrf-token header on every change'),
  })
  .meta({ id: 'Me' });
export type Me = z.infer<typeof meSchema>;

export const errorResponseSchema = z
  .object({
    code: z.string(),
    message: z.string(),
    field: z.string().optional(),
  })
  .meta({ id: 'Error' });
export type ErrorResponse = z.infer<typeof errorResponseSchema>;

export const healthSchema = z
  .object({
    status: z.literal('ok'),
    db: z.enum(['pglite', 'postgres']),
    version: z.string(),
    uptimeSeconds: z.number(),
  })
  .meta({ id: 'Health' });
