import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The order notifications were written in, as a sequence: created_at is the clock's, but PGlite's
 * clock can give a batch the same instant, and a digest lists items in the order they happened.
 */
export class NotificationSequence1796092077172 implements MigrationInterface {
  name = 'NotificationSequence1796092077172';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "notifications"."notifications" ADD "seq" BIGSERIAL NOT NULL`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "notifications"."notifications" DROP COLUMN "seq"`);
  }
}
