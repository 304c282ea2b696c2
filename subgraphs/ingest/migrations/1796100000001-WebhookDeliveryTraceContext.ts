import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A stored webhook delivery keeps the receiving request's trace context: the worker's processing continues it. */
export class WebhookDeliveryTraceContext1796100000001 implements MigrationInterface {
  name = 'WebhookDeliveryTraceContext1796100000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "sync"."webhook_deliveries" ADD "trace_context" text`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "sync"."webhook_deliveries" DROP COLUMN "trace_context"`);
  }
}
