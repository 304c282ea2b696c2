import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Version 1 of the `calendar_event_type` value mappings, created_by 'seed': every CMS calendar
 * event type name the firm is known to use (the demo firm's Hearing, Deposition, Meeting,
 * Deadline and Trial among them), normalized (lowercase, punctuation as spaces, spaces collapsed).
 * Frozen here on purpose: later changes are new versions added by staff (addValueMapping).
 */
const SEED: ReadonlyArray<readonly [rawValue: string, canonical: string]> = [
  ['hearing', 'HEARING'], ['court date', 'HEARING'], ['court appearance', 'HEARING'], ['motion hearing', 'HEARING'], ['status conference', 'HEARING'],
  ['trial', 'TRIAL'], ['jury trial', 'TRIAL'], ['bench trial', 'TRIAL'],
  ['deposition', 'DEPOSITION'], ['depo', 'DEPOSITION'],
  ['meeting', 'MEETING'], ['conference', 'MEETING'], ['client meeting', 'MEETING'], ['call', 'MEETING'], ['mediation', 'MEETING'],
  ['deadline', 'DEADLINE'], ['due date', 'DEADLINE'], ['filing deadline', 'DEADLINE'], ['statute of limitations', 'DEADLINE'],
];

export class SeedCalendarEventTypeMappings1796087453338 implements MigrationInterface {
  name = 'SeedCalendarEventTypeMappings1796087453338';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `INSERT INTO "sync"."value_mappings" ("kind", "raw_value", "canonical", "version", "created_by")
       SELECT 'calendar_event_type', raw_value, canonical, 1, 'seed' FROM unnest($1::text[], $2::text[]) AS s(raw_value, canonical)
       ON CONFLICT DO NOTHING`,
      [SEED.map((s) => s[0]), SEED.map((s) => s[1])],
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM "sync"."value_mappings" WHERE "kind" = 'calendar_event_type' AND "created_by" = 'seed' AND "version" = 1`);
  }
}
