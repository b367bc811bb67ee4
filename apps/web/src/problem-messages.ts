import type { ProblemKind } from './public-releases-api';

export type PageProblemKind = ProblemKind | 'no-link';

export interface ProblemMessage {
  title: string;
  text: string;
  /** Whether trying the same thing again may help. */
  canRetry: boolean;
}

/** What the signer reads when something stops them, in plain words. */
export const PROBLEM_MESSAGES: Record<PageProblemKind, ProblemMessage> = {
  'no-link': {
    title: 'Open the link from your email',
    text: 'This page shows a release only when you open it with the link in your email. If you reloaded the page, open the link from your email again.',
    canRetry: false,
  },
  'unknown-link': {
    title: 'This link does not work',
    text: 'The link is not known, or it was not signed within 7 days and has closed. Ask your coach to send you a new link.',
    canRetry: false,
  },
  expired: {
    title: 'This release has expired',
    text: 'The date it was valid until has passed, so it can no longer be signed or used. Ask your coach if a new release is needed.',
    canRetry: false,
  },
  revoked: {
    title: 'This release has been revoked',
    text: 'It can no longer be used to share your information. Nothing more needs to be done.',
    canRetry: false,
  },
  'already-signed': {
    title: 'This release is already signed',
    text: 'It was signed with this link before. You can download your copy or revoke it below.',
    canRetry: false,
  },
  'too-many-attempts': {
    title: 'Too many attempts',
    text: 'Too many requests came from your connection in a short time. Wait a few minutes, then try again.',
    canRetry: true,
  },
  network: {
    title: 'We could not reach Haven',
    text: 'Check your internet connection, then try again.',
    canRetry: true,
  },
  refused: {
    title: 'This was not accepted',
    text: 'Please check what you entered and try again.',
    canRetry: false,
  },
  unexpected: {
    title: 'Something went wrong',
    text: 'Please try again in a few minutes.',
    canRetry: true,
  },
};
