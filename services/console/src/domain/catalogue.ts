// What the console knows about the shop's own workflows (names from services/order). Only
// used to tell an operator what an idle instance waits for and to prefill the raise-event
// form; an unknown workflow still shows and acts like any other.

export interface WorkflowKnowledge {
  /** custom status -> the external events the instance waits for in it. */
  readonly waits: Readonly<Record<string, readonly string[]>>;
  /** The event an operator raises to approve a payment (3-D Secure), when there is one. */
  readonly approvalEvent?: string;
  /** Steps whose result carries the provider's `paymentId` (the newest name first). */
  readonly paymentSteps?: readonly string[];
}

export const WORKFLOWS: Readonly<Record<string, WorkflowKnowledge>> = {
  checkoutWorkflow: {
    waits: { 'awaiting-payment-confirmation': ['payment-confirmation', 'cancellation-requested'] },
    approvalEvent: 'payment-confirmation',
    // payAndConfirm since the two-step happy path; authorizePayment in instances started before.
    paymentSteps: ['payAndConfirm', 'authorizePayment'],
  },
  cancellationWorkflow: { waits: {} },
};

export function expectedEvents(name: string, customStatus: string | undefined): readonly string[] {
  return (customStatus && WORKFLOWS[name]?.waits[customStatus]) || [];
}

export function awaitsApproval(name: string, customStatus: string | undefined): boolean {
  const event = WORKFLOWS[name]?.approvalEvent;
  return event !== undefined && expectedEvents(name, customStatus).includes(event);
}
