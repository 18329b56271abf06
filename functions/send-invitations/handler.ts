import { createSendInvitationsDeps } from '#functions/send-invitations/deps.ts';
import { makeSendInvitationsHandler } from '#functions/send-invitations/make-handler.ts';
import { loadConfig } from '#shared/config.ts';

/** Lambda entry point of the invitation run: its adapters are built once per container. */
export const handler = makeSendInvitationsHandler(createSendInvitationsDeps(loadConfig()));
