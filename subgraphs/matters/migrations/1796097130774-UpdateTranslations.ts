import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A client update's title and body in Spanish beside the English (issue 12: email in the client's language). */
export class UpdateTranslations1796097130774 implements MigrationInterface {
  name = 'UpdateTranslations1796097130774';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "matters"."matter_updates" ADD "translations" jsonb NOT NULL DEFAULT '{}'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "matters"."matter_updates" DROP COLUMN "translations"`);
  }
}
