import type { Config } from '#shared/config.ts';
import type { UrgentCue } from '#shared/domain/classification.ts';
import { customerLabel, type FeedbackRecord } from '#shared/domain/feedback.ts';
import { headerSafe } from '#shared/web/html.ts';

/** An alert the rules decided to send, before it is rendered and recorded in the outbox. */
export interface AlertDecision {
  /** Deterministic: the same feedback always gives the same key, so it is sent once. */
  incidentKey: string;
  kind: 'first-complaint' | 'urgent-cue';
  urgent: boolean;
  subject: string;
  headline: string;
  nextSteps: string[];
}

const CUE_PHRASES: Record<UrgentCue, string> = {
  illness: 'Illness reported',
  injury: 'Injury reported',
  safety: 'Safety issue reported',
  legal: 'Legal action mentioned',
  discrimination: 'Discrimination reported',
  press: 'Threat to go public',
  fraud: 'Fraud reported',
  'data-leak': 'Data leak reported',
};

/**
 * Decides which alerts one processed item raises. Pure: the same record and settings always give
 * the same decisions (and incident keys).
 */
export function decideAlerts(feedback: FeedbackRecord, settings: Config['alerts']): AlertDecision[] {
  const who = headerSafe(customerLabel(feedback.customer), 80);
  const { cues } = feedback.classification;
  if (feedback.classification.urgent && cues.length > 0) {
    const cue = CUE_PHRASES[cues[0]!];
    return [
      {
        incidentKey: `urgent:${feedback.id}`,
        kind: 'urgent-cue',
        urgent: true,
        subject: `URGENT: ${cue} by ${who}`,
        headline: `${cue} by ${who}`,
        nextSteps: [
          `Contact ${who} personally today; listen first and do not argue the facts in writing.`,
          'Write down what happened, when and who was involved while it is fresh; keep receipts, messages and photos.',
          cues.some((c) => c === 'legal' || c === 'press' || c === 'fraud' || c === 'data-leak')
            ? 'Talk to your insurer or adviser before you admit fault or offer compensation.'
            : 'Check that nobody else is at risk now (the product, the batch, the place) and act on it.',
        ],
      },
    ];
  }
  if (!feedback.complaint || settings.firstComplaint === 'off') return [];
  return [
    {
      incidentKey: `complaint:${feedback.id}`,
      kind: 'first-complaint',
      urgent: false,
      subject: `New complaint from ${who}`,
      headline: `New complaint from ${who}`,
      nextSteps: [
        `Reply to ${who} within a day: thank them, apologise for the specific problem and say what you will do.`,
        feedback.orderIds.length
          ? `Look up order ${feedback.orderIds.join(', ')} to see what went wrong.`
          : 'Find the order or visit this is about to see what went wrong.',
        'Fix the cause, so that this customer has no reason to complain a second time.',
      ],
    },
  ];
}
