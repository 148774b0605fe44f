import { z } from 'zod';

export const ACTIONS = [
  'raise-event',
  'approve-payment',
  'decline-payment',
  'suspend',
  'resume',
  'terminate',
  'purge',
  'rerun',
] as const;
export type ActionName = (typeof ACTIONS)[number];

// A form posts strings; a JSON client may post a boolean. Both must say yes explicitly.
const confirmed = z.union([z.literal('yes'), z.literal('on'), z.literal(true)], {
  error: 'confirm the action (confirm=yes)',
});

const base = {
  reason: z.string().trim().min(3, 'give a reason (3 characters or more)').max(500),
  confirm: confirmed,
  csrf: z.string().max(200).optional(),
};

export const actionBodies = {
  'raise-event': z.strictObject({
    ...base,
    eventName: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9._:-]{1,100}$/, 'an event name: letters, digits, . _ : -'),
    eventData: z
      .string()
      .max(10_000)
      .default('')
      .refine((t) => t.trim() === '' || isJson(t), 'event data must be JSON (or empty)'),
  }),
  'approve-payment': z.strictObject(base),
  'decline-payment': z.strictObject(base),
  suspend: z.strictObject(base),
  resume: z.strictObject(base),
  terminate: z.strictObject(base),
  purge: z.strictObject(base),
  rerun: z.strictObject({ ...base, fromEventId: z.coerce.number().int().min(0).max(1_000_000) }),
} satisfies Record<ActionName, z.ZodType>;

export type ActionBody<A extends ActionName> = z.output<(typeof actionBodies)[A]>;

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

export function isActionName(value: string): value is ActionName {
  return (ACTIONS as readonly string[]).includes(value);
}

/** Which actions make sense for an instance in a status (the page shows only these). */
export function actionsFor(status: string, awaitsApproval: boolean): ActionName[] {
  const finished = ['COMPLETED', 'FAILED', 'TERMINATED', 'CANCELED'].includes(status);
  if (finished) return ['purge', 'rerun'];
  const list: ActionName[] = ['raise-event'];
  if (awaitsApproval) list.push('approve-payment', 'decline-payment');
  list.push(status === 'SUSPENDED' ? 'resume' : 'suspend', 'terminate');
  return list;
}
