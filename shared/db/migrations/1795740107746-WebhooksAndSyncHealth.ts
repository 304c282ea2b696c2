import type { MigrationInterface, QueryRunner } from 'typeorm';

export class WebhooksAndSyncHealth1795740107746 implements MigrationInterface {
  name = 'WebhooksAndSyncHealth1795740107746';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "sync"."webhook_subscriptions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "system" text NOT NULL, "model" text, "legacy_webhook_id" text NOT NULL, "secret" text, "url" text, "fields" text, "expires_at" TIMESTAMP WITH TIME ZONE, "status" text NOT NULL DEFAULT 'PENDING', "handshake_at" TIMESTAMP WITH TIME ZONE, "last_error" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_bf631ae77d39849d599817fb6f4" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_228f8f3c6d1516a66d587db60e" ON "sync"."webhook_subscriptions"  ("system", "legacy_webhook_id") `);
    await queryRunner.query(`CREATE TABLE "sync"."webhook_deliveries" ("id" BIGSERIAL NOT NULL, "system" text NOT NULL, "delivery_id" text NOT NULL, "legacy_webhook_id" text NOT NULL, "model" text NOT NULL, "event" text NOT NULL, "object_id" text, "occurred_at" TIMESTAMP WITH TIME ZONE, "payload" jsonb NOT NULL, "received_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "processed_at" TIMESTAMP WITH TIME ZONE, "outcome" text, "attempts" integer NOT NULL DEFAULT '0', "last_error" text, CONSTRAINT "PK_535dd409947fb6d8fc6dfc0112a" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_1c7ae96091e5f421855b6fa2c8" ON "sync"."webhook_deliveries"  ("received_at") WHERE processed_at IS NULL`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_bba464218963293882511a74ea" ON "sync"."webhook_deliveries"  ("system", "delivery_id") `);
    // Wakes the worker as soon as the gateway has stored a delivery (LISTEN webhook_deliveries).
    await queryRunner.query(`CREATE FUNCTION sync.notify_webhook_delivery() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_notify('casebridge_webhooks', ''); RETURN NULL; END $$`);
    await queryRunner.query(`CREATE TRIGGER webhook_delivery_notify AFTER INSERT ON sync.webhook_deliveries FOR EACH STATEMENT EXECUTE FUNCTION sync.notify_webhook_delivery()`);
    await queryRunner.query(`CREATE TABLE "sync"."legacy_systems" ("system" text NOT NULL, "circuit_state" text NOT NULL DEFAULT 'CLOSED', "circuit_changed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "last_failure" text, "api_version" text, CONSTRAINT "PK_fb8b7e0d676d0ae39fa2497bf20" PRIMARY KEY ("system"))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "sync"."legacy_systems"`);
    await queryRunner.query(`DROP TRIGGER webhook_delivery_notify ON sync.webhook_deliveries`);
    await queryRunner.query(`DROP FUNCTION sync.notify_webhook_delivery()`);
    await queryRunner.query(`DROP INDEX "sync"."IDX_bba464218963293882511a74ea"`);
    await queryRunner.query(`DROP INDEX "sync"."IDX_1c7ae96091e5f421855b6fa2c8"`);
    await queryRunner.query(`DROP TABLE "sync"."webhook_deliveries"`);
    await queryRunner.query(`DROP INDEX "sync"."IDX_228f8f3c6d1516a66d587db60e"`);
    await queryRunner.query(`DROP TABLE "sync"."webhook_subscriptions"`);
  }
}
