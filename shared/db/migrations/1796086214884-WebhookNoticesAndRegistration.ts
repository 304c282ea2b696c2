import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Webhook deliveries become notices whose record is read from the CMS: a processor claims an
 * object's pending deliveries for a while (claimed_until) instead of holding a transaction open
 * across the HTTP read. A handshake for an unknown subscription is waited for only while a
 * registration is in flight (webhook_registering_until).
 */
export class WebhookNoticesAndRegistration1796086214884 implements MigrationInterface {
  name = 'WebhookNoticesAndRegistration1796086214884';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "sync"."webhook_deliveries" ADD "claimed_until" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "sync"."legacy_systems" ADD "webhook_registering_until" TIMESTAMP WITH TIME ZONE`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "sync"."legacy_systems" DROP COLUMN "webhook_registering_until"`);
    await queryRunner.query(`ALTER TABLE "sync"."webhook_deliveries" DROP COLUMN "claimed_until"`);
  }
}
