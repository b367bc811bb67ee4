import { Column, Entity } from 'typeorm';
import { ClientRowColumns } from '#haven/clients';

/** A referral of a client to a provider: which provider, and why, both under the client key. */
@Entity('client_referrals')
export class ClientReferralEntity extends ClientRowColumns {
  @Column({ name: 'referral_enc', type: 'text' })
  referralEnc!: string;
}

/** How an engagement ended: the explanation and the reason, under the client key; the referral it made. */
@Entity('client_endings')
export class ClientEndingEntity extends ClientRowColumns {
  @Column({ name: 'referral_id', type: 'uuid' })
  referralId!: string;

  @Column({ name: 'ending_enc', type: 'text' })
  endingEnc!: string;
}

/** The AEAD purpose of each encrypted column ('<table>.<column>'). */
export const ENGAGEMENT_COLUMNS = {
  referral: 'client_referrals.referral_enc',
  ending: 'client_endings.ending_enc',
} as const;
