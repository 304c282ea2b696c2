import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Language } from '../../../shared/mail/index.js';
import type { DigestFrequency } from '../generated/resolvers.js';

/** The SDL's enum DigestFrequency (generated). */
export type Frequency = DigestFrequency;

/** How and when a client wants their email; a client without a row has the defaults (preferences.ts). */
@Entity({ schema: 'notifications', name: 'preferences' })
export class NotificationPreferencesRow {
  @PrimaryColumn({ name: 'client_id', type: 'text' }) clientId!: string;
  @Column({ type: 'text' }) frequency!: Frequency;
  /** Local hour (0–23) of the daily digest. */
  @Column({ name: 'daily_hour', type: 'integer' }) dailyHour!: number;
  /** IANA time zone of the hours here. */
  @Column({ name: 'time_zone', type: 'text' }) timeZone!: string;
  /** Local HH:MM; both set or both null. */
  @Column({ name: 'quiet_start', type: 'text', nullable: true }) quietStart!: string | null;
  @Column({ name: 'quiet_end', type: 'text', nullable: true }) quietEnd!: string | null;
  /** en or es: the language of their email. */
  @Column({ type: 'text', default: 'en' }) language!: Language;
  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' }) updatedAt!: Date;
}
