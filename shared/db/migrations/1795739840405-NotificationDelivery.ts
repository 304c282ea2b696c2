import type { MigrationInterface, QueryRunner } from 'typeorm';

export class NotificationDelivery1795739840405 implements MigrationInterface {
  name = 'NotificationDelivery1795739840405';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "notifications"."deliveries" ("id" uuid NOT NULL, "client_id" text NOT NULL, "kind" text NOT NULL, "status" text NOT NULL DEFAULT 'CLAIMED', "message_id" text NOT NULL, "to_address" text NOT NULL, "subject" text NOT NULL, "text" text NOT NULL, "html" text NOT NULL, "item_count" integer NOT NULL, "attempts" integer NOT NULL DEFAULT '0', "locked_until" TIMESTAMP WITH TIME ZONE NOT NULL, "last_error" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "sent_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_a6ef225c5c5f0974e503bfb731f" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "deliveries_retry" ON "notifications"."deliveries"  ("status", "locked_until") `);
    await queryRunner.query(`CREATE TABLE "notifications"."preferences" ("client_id" text NOT NULL, "frequency" text NOT NULL, "daily_hour" integer NOT NULL, "time_zone" text NOT NULL, "quiet_start" text, "quiet_end" text, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_ed9baa42a6fb983b65b52803389" PRIMARY KEY ("client_id"))`);
    await queryRunner.query(`ALTER TABLE "notifications"."notifications" ADD "update_id" uuid`);
    await queryRunner.query(`ALTER TABLE "notifications"."notifications" ADD "urgent" boolean NOT NULL DEFAULT false`);
    await queryRunner.query(`ALTER TABLE "notifications"."notifications" ADD "category" text`);
    await queryRunner.query(`ALTER TABLE "notifications"."notifications" ADD "matter_number" text`);
    await queryRunner.query(`ALTER TABLE "notifications"."notifications" ADD "matter_title" text`);
    await queryRunner.query(`ALTER TABLE "notifications"."notifications" ADD "status" text NOT NULL DEFAULT 'PENDING'`);
    // Notifications written before delivery existed were never meant for mail.
    await queryRunner.query(`UPDATE "notifications"."notifications" SET "status" = 'PORTAL_ONLY'`);
    await queryRunner.query(`ALTER TABLE "notifications"."notifications" ADD "due_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "notifications"."notifications" ADD "delivery_id" uuid`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_5eb8bfb3271b81578d2edcff7f" ON "notifications"."notifications"  ("update_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_e3734e07713085ced19176d4d0" ON "notifications"."notifications"  ("delivery_id") `);
    await queryRunner.query(`CREATE INDEX "notifications_due" ON "notifications"."notifications"  ("status", "due_at") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "notifications"."notifications_due"`);
    await queryRunner.query(`DROP INDEX "notifications"."IDX_e3734e07713085ced19176d4d0"`);
    await queryRunner.query(`DROP INDEX "notifications"."IDX_5eb8bfb3271b81578d2edcff7f"`);
    await queryRunner.query(`ALTER TABLE "notifications"."notifications" DROP COLUMN "delivery_id"`);
    await queryRunner.query(`ALTER TABLE "notifications"."notifications" DROP COLUMN "due_at"`);
    await queryRunner.query(`ALTER TABLE "notifications"."notifications" DROP COLUMN "status"`);
    await queryRunner.query(`ALTER TABLE "notifications"."notifications" DROP COLUMN "matter_title"`);
    await queryRunner.query(`ALTER TABLE "notifications"."notifications" DROP COLUMN "matter_number"`);
    await queryRunner.query(`ALTER TABLE "notifications"."notifications" DROP COLUMN "category"`);
    await queryRunner.query(`ALTER TABLE "notifications"."notifications" DROP COLUMN "urgent"`);
    await queryRunner.query(`ALTER TABLE "notifications"."notifications" DROP COLUMN "update_id"`);
    await queryRunner.query(`DROP TABLE "notifications"."preferences"`);
    await queryRunner.query(`DROP INDEX "notifications"."deliveries_retry"`);
    await queryRunner.query(`DROP TABLE "notifications"."deliveries"`);
  }
}
