import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Each resource's first-import progress, on its cursor row (syncHealth's `progress`). */
export class ImportProgress1796100000002 implements MigrationInterface {
  name = 'ImportProgress1796100000002';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "sync"."cursors" ADD "progress_started_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "sync"."cursors" ADD "progress_finished_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "sync"."cursors" ADD "progress_records_done" integer NOT NULL DEFAULT 0`);
    await queryRunner.query(`ALTER TABLE "sync"."cursors" ADD "progress_pages_done" integer NOT NULL DEFAULT 0`);
    await queryRunner.query(`ALTER TABLE "sync"."cursors" ADD "progress_records_total" integer`);
    await queryRunner.query(`ALTER TABLE "sync"."cursors" ADD "progress_rate_limit_wait_ms" bigint NOT NULL DEFAULT 0`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const column of ['progress_rate_limit_wait_ms', 'progress_records_total', 'progress_pages_done', 'progress_records_done', 'progress_finished_at', 'progress_started_at']) {
      await queryRunner.query(`ALTER TABLE "sync"."cursors" DROP COLUMN "${column}"`);
    }
  }
}
