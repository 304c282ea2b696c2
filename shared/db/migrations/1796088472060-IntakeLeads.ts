import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The intake context: submissions, leads, their outbound emails and escalations. */
export class IntakeLeads1796088472060 implements MigrationInterface {
  name = 'IntakeLeads1796088472060';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE SCHEMA IF NOT EXISTS "intake"`);
    await queryRunner.query(`CREATE TABLE "intake"."submissions" ("id" uuid NOT NULL, "received_at" TIMESTAMP WITH TIME ZONE NOT NULL, "source" text NOT NULL, "idempotency_key" text, "dedupe_hash" text NOT NULL, "payload" jsonb NOT NULL, "address" text, CONSTRAINT "PK_10b3be95b8b2fb1e482e07d706b" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "submissions_idempotency_key" ON "intake"."submissions"  ("idempotency_key") `);
    await queryRunner.query(`CREATE INDEX "submissions_dedupe" ON "intake"."submissions"  ("dedupe_hash", "received_at") `);
    await queryRunner.query(`CREATE TABLE "intake"."leads" ("id" uuid NOT NULL, "received_at" TIMESTAMP WITH TIME ZONE NOT NULL, "first_name" text NOT NULL, "last_name" text NOT NULL, "email" text NOT NULL, "phone" text, "practice_area" text NOT NULL, "description" text NOT NULL, "state" text, "city" text, "zip" text, "opposing_party" text, "language" text NOT NULL, "status" text NOT NULL DEFAULT 'RECEIVED', "routing" jsonb, "conflict" boolean NOT NULL DEFAULT false, "due_at" TIMESTAMP WITH TIME ZONE, "cms_contact_id" text, "cms_matter_id" text, "cms_task_id" text, "attempts" integer NOT NULL DEFAULT '0', "next_attempt_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "locked_until" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "last_error" text, "routed_at" TIMESTAMP WITH TIME ZONE, "contacted_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_cd102ed7a9a4ca7d4d8bfeba406" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "leads_pending" ON "intake"."leads"  ("status", "next_attempt_at") `);
    await queryRunner.query(`CREATE TABLE "intake"."outbound" ("id" uuid NOT NULL, "lead_id" uuid NOT NULL, "kind" text NOT NULL, "status" text NOT NULL DEFAULT 'CLAIMED', "message_id" text NOT NULL, "to_address" text NOT NULL, "subject" text NOT NULL, "text" text NOT NULL, "attempts" integer NOT NULL DEFAULT '0', "locked_until" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "last_error" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "sent_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_46deb2c727cdef44d1e19c428da" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "outbound_retry" ON "intake"."outbound"  ("status", "locked_until") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "outbound_once" ON "intake"."outbound"  ("lead_id", "kind") `);
    await queryRunner.query(`CREATE TABLE "intake"."escalations" ("lead_id" uuid NOT NULL, "escalated_at" TIMESTAMP WITH TIME ZONE NOT NULL, "late_seconds" integer NOT NULL, "notified" text NOT NULL, CONSTRAINT "PK_f95f851013bd033863584668263" PRIMARY KEY ("lead_id"))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "intake"."escalations"`);
    await queryRunner.query(`DROP INDEX "intake"."outbound_once"`);
    await queryRunner.query(`DROP INDEX "intake"."outbound_retry"`);
    await queryRunner.query(`DROP TABLE "intake"."outbound"`);
    await queryRunner.query(`DROP INDEX "intake"."leads_pending"`);
    await queryRunner.query(`DROP TABLE "intake"."leads"`);
    await queryRunner.query(`DROP INDEX "intake"."submissions_dedupe"`);
    await queryRunner.query(`DROP INDEX "intake"."submissions_idempotency_key"`);
    await queryRunner.query(`DROP TABLE "intake"."submissions"`);
    await queryRunner.query(`DROP SCHEMA "intake"`);
  }
}
