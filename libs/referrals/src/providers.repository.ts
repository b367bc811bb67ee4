import { Injectable } from '@nestjs/common';
import type { Queries } from '#haven/audit';
import { DEFAULT_REVETTING_MONTHS } from '#haven/ethics';
import { keysetPage, type PageRequest } from '#haven/platform';
import { CoachSettingsEntity, ProviderEntity, ProviderVettingEntity } from './provider.entity.js';

/** A provider due for re-vetting, as the cross-coach function answers: ids and dates only. */
export interface ProviderDueRow {
  provider_id: string;
  coach_id: string;
  last_vetted_on: string;
  vetting_period_months: number;
}

/** Named queries over providers, their vettings and the coach's settings. RLS hides other coaches' rows. */
@Injectable()
export class ProvidersRepository {
  async insert(db: Queries, provider: Omit<ProviderEntity, 'seq'>, vetting: Omit<ProviderVettingEntity, 'seq'>) {
    await db.insert(ProviderEntity, provider);
    await db.insert(ProviderVettingEntity, vetting);
  }

  /** The caller's provider, archived or not; null for an unknown id or another coach's provider. */
  findOne(db: Queries, coachId: string, providerId: string): Promise<ProviderEntity | null> {
    return db.findOne(ProviderEntity, { id: providerId, coachId });
  }

  /** Newest first. */
  page(db: Queries, coachId: string, page: PageRequest): Promise<ProviderEntity[]> {
    return db.find(
      ProviderEntity,
      keysetPage<ProviderEntity>({ coachId }, { key: 'seq', order: 'DESC', table: 'providers' }, page),
    );
  }

  /** Every vetting of a provider, oldest first. */
  vettings(db: Queries, providerId: string): Promise<ProviderVettingEntity[]> {
    return db.find(ProviderVettingEntity, { where: { providerId }, order: { seq: 'ASC' } });
  }

  /** Records a vetting; the provider's latest vetting day moves only forward. */
  async addVetting(db: Queries, vetting: Omit<ProviderVettingEntity, 'seq'>): Promise<string> {
    await db.insert(ProviderVettingEntity, vetting);
    const [row] = await db.query<{ last_vetted_on: string }>(
      `UPDATE providers SET last_vetted_on = GREATEST(last_vetted_on, $2::date) WHERE id = $1
       RETURNING to_char(last_vetted_on, 'YYYY-MM-DD') AS last_vetted_on`,
      [vetting.providerId, vetting.vettedOn],
    );
    return row!.last_vetted_on;
  }

  /** Archives once; the first archiving time stays. */
  async archive(db: Queries, providerId: string, at: Date): Promise<Date> {
    const [row] = await db.query<{ archived_at: Date }>(
      `UPDATE providers SET archived_at = coalesce(archived_at, $2) WHERE id = $1 RETURNING archived_at`,
      [providerId, at],
    );
    return row!.archived_at;
  }

  async vettingPeriodMonths(db: Queries, coachId: string): Promise<number> {
    const settings = await db.findOne(CoachSettingsEntity, { coachId });
    return settings?.vettingPeriodMonths ?? DEFAULT_REVETTING_MONTHS;
  }

  async setVettingPeriodMonths(db: Queries, coachId: string, months: number, at: Date): Promise<void> {
    await db.query(
      `INSERT INTO coach_settings (coach_id, vetting_period_months, updated_at) VALUES ($1, $2, $3)
       ON CONFLICT (coach_id) DO UPDATE SET vetting_period_months = EXCLUDED.vetting_period_months,
                                            updated_at = EXCLUDED.updated_at`,
      [coachId, months, at],
    );
  }

  /**
   * Across coaches, through the SECURITY DEFINER function (migration 1764900000000): live
   * providers whose vetting runs out on or before `asOf` + `withinDays`. Ids and dates only.
   */
  dueForRevetting(db: Queries, asOf: string, withinDays: number): Promise<ProviderDueRow[]> {
    return db.query<ProviderDueRow>(
      `SELECT provider_id, coach_id, to_char(last_vetted_on, 'YYYY-MM-DD') AS last_vetted_on, vetting_period_months
         FROM providers_due_for_revetting($1::date, $2)`,
      [asOf, withinDays],
    );
  }

  /**
   * Claims the reminder for (provider, due day), as the coach: true for the one caller that
   * inserted the row, false for every other (a second sweep, a second worker, a restart).
   */
  async claimReminder(db: Queries, coachId: string, providerId: string, dueOn: string, at: Date): Promise<boolean> {
    const rows = await db.query(
      `INSERT INTO provider_revetting_reminders (provider_id, due_on, coach_id, claimed_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT DO NOTHING RETURNING provider_id`,
      [providerId, dueOn, coachId, at],
    );
    return rows.length === 1;
  }
}
