import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Each outbox event keeps the trace context of the span that recorded it (docs/operations.md, "Traces"). */
export class OutboxTraceContext1796100000000 implements MigrationInterface {
  name = 'OutboxTraceContext1796100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "events"."outbox" ADD "trace_context" text`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "events"."outbox" DROP COLUMN "trace_context"`);
  }
}
