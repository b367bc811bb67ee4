import type { LocalDate } from '#haven/ethics';
import type { OutgoingMail } from '#haven/mail';

// Every email of certification, in one place. They name the coach, their body, credential and
// dates: never a client, a session or anything a coach wrote about one.

export function renewalReminderMail(facts: {
  to: string;
  bodyName: string;
  credentialNumber: string;
  expiresOn: LocalDate;
  daysLeft: number;
  ethicsReviewMissing: boolean;
}): OutgoingMail {
  const days = facts.daysLeft === 1 ? '1 day' : `${facts.daysLeft} days`;
  const review = facts.ethicsReviewMissing
    ? 'Your ethics review course for this cycle is still missing: complete it and record it in Haven, or your certification cannot be renewed.'
    : 'Your ethics review course for this cycle is recorded.';
  return {
    to: facts.to,
    subject: `Your certification expires in ${days}`,
    text:
      `Your certification ${facts.credentialNumber} with ${facts.bodyName} expires on ${facts.expiresOn}, in ${days}.\n\n` +
      `${review}\n\nYour certification body renews it once the review is recorded.\n`,
  };
}

export function lapseNoticeMail(facts: {
  to: string;
  bodyName: string;
  credentialNumber: string;
  coachDisplayName: string;
  expiresOn: LocalDate;
}): OutgoingMail {
  return {
    to: facts.to,
    subject: `A certification of ${facts.bodyName} has lapsed`,
    text:
      `The certification ${facts.credentialNumber} of ${facts.coachDisplayName} lapsed on ${facts.expiresOn}.\n\n` +
      'The coach cannot take new clients until it is renewed or reinstated. See the certifier dashboard.\n',
  };
}

export function auditSampleMail(facts: { to: string; bodyName: string; evidenceDueOn: LocalDate }): OutgoingMail {
  return {
    to: facts.to,
    subject: `${facts.bodyName} has selected you for a random audit`,
    text:
      `${facts.bodyName} has drawn your certification in a random audit sample.\n\n` +
      `Please send your renewal evidence to your certification body by ${facts.evidenceDueOn}. ` +
      'The request shows in Haven under your certification until the body marks it answered.\n',
  };
}
