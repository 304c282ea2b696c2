import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The language a client reads their email in (issue 12): a preference like the others, English
 * until they choose; notifications keep the Spanish words of their update beside the English.
 */
export class PreferencesLanguage1796097130775 implements MigrationInterface {
  name = 'PreferencesLanguage1796097130775';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "notifications"."preferences" ADD "language" text NOT NULL DEFAULT 'en'`);
    await queryRunner.query(`ALTER TABLE "notifications"."notifications" ADD "translations" jsonb NOT NULL DEFAULT '{}'`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "notifications"."notifications" DROP COLUMN "translations"`);
    await queryRunner.query(`ALTER TABLE "notifications"."preferences" DROP COLUMN "language"`);
  }
}
