import type { MigrationInterface, QueryRunner } from 'typeorm';

export class EventsStagesQuarantine1795739175037 implements MigrationInterface {
  name = 'EventsStagesQuarantine1795739175037';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE SCHEMA IF NOT EXISTS "events"`);
    await queryRunner.query(`CREATE TABLE "matters"."stage_transitions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "matter_id" text NOT NULL, "from_stage" text, "to_stage" text NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL, "rule" text NOT NULL, "explanation" text NOT NULL, "event_ids" bigint array NOT NULL DEFAULT '{}', "facts" jsonb NOT NULL DEFAULT '{}', "overridden_by" text, "override_reason" text, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_faf253f34705dae8d5e187ddb62" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_e357b3146f8bd21525e4860c96" ON "matters"."stage_transitions"  ("matter_id", "at") `);
    await queryRunner.query(`CREATE TABLE "matters"."matter_updates" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "matter_id" text NOT NULL, "client_id" text NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL, "title" text NOT NULL, "body" text NOT NULL, "category" text NOT NULL, "urgent" boolean NOT NULL DEFAULT false, "rule" text NOT NULL, "event_ids" bigint array NOT NULL DEFAULT '{}', "facts" jsonb NOT NULL DEFAULT '{}', "subject" text, "supersedes_id" uuid, "withdrawn_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_5dc3c766f9f3a6ae92cdbc8c214" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_ed359feafd610308018b1c3f8e" ON "matters"."matter_updates"  ("subject") `);
    await queryRunner.query(`CREATE INDEX "IDX_78ea89f4928c33548dd82f9730" ON "matters"."matter_updates"  ("client_id", "created_at") `);
    await queryRunner.query(`CREATE INDEX "IDX_dbd0e704564a8ff0e7f48ab979" ON "matters"."matter_updates"  ("matter_id", "at") `);
    await queryRunner.query(`CREATE TABLE "sync"."quarantine" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "system" text NOT NULL, "resource" text NOT NULL, "legacy_id" text, "reason" text NOT NULL, "detail" text NOT NULL, "mapping_kind" text, "raw_value" text, "payload" jsonb NOT NULL, "api_version" text, "first_seen_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "last_seen_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "times_seen" integer NOT NULL DEFAULT '1', "resolved_at" TIMESTAMP WITH TIME ZONE, "resolution" text, CONSTRAINT "PK_c1cbd36649a09294e417ae639fa" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_1b8fa180b0deb090990a74327a" ON "sync"."quarantine"  ("resolved_at") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_42b555c94a66763bbbd4387e08" ON "sync"."quarantine"  ("system", "resource", "legacy_id") WHERE resolved_at IS NULL`);
    await queryRunner.query(`CREATE TABLE "sync"."value_mappings" ("id" BIGSERIAL NOT NULL, "kind" text NOT NULL, "raw_value" text NOT NULL, "canonical" text NOT NULL, "version" integer NOT NULL, "created_by" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_5c2e21eb2a62b055fe90e438faa" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_c525958cb938fe2fbb0fb93b64" ON "sync"."value_mappings"  ("kind", "raw_value", "version") `);
    await queryRunner.query(`CREATE TABLE "events"."outbox" ("id" BIGSERIAL NOT NULL, "tx_id" bigint NOT NULL DEFAULT (pg_current_xact_id()::text)::bigint, "type" text NOT NULL, "matter_id" text, "matter_number" text, "client_id" text, "subject" text NOT NULL, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "payload" jsonb NOT NULL, "dedupe_key" text NOT NULL, CONSTRAINT "PK_340ab539f309f03bdaa14aa7649" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_52c6221ea953d3acd726ca982d" ON "events"."outbox"  ("dedupe_key") `);
    await queryRunner.query(`CREATE INDEX "IDX_fc5fa3e684ce4829e7ba7f6dad" ON "events"."outbox"  ("matter_number", "id") `);
    await queryRunner.query(`CREATE INDEX "IDX_02265441b4cfc6d0297befdf1a" ON "events"."outbox"  ("matter_id", "id") `);
    await queryRunner.query(`CREATE INDEX "IDX_75d98a1f85df29d2ae0bd2a3a9" ON "events"."outbox"  ("tx_id", "id") `);
    await queryRunner.query(`CREATE TABLE "events"."consumers" ("name" text NOT NULL, "tx_id" bigint NOT NULL DEFAULT '0', "event_id" bigint NOT NULL DEFAULT '0', "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_0ec5ffb5c882182b64db8bcfda5" PRIMARY KEY ("name"))`);
    await queryRunner.query(`ALTER TABLE "matters"."matters" ADD "stage" text NOT NULL DEFAULT 'INTAKE'`);
    await queryRunner.query(`ALTER TABLE "matters"."matters" ADD "case_status" text`);
    // Wakes LISTENing consumers once per inserting statement; they read the rows themselves.
    await queryRunner.query(`CREATE FUNCTION events.notify_outbox() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_notify('casebridge_events', ''); RETURN NULL; END $$`);
    await queryRunner.query(`CREATE TRIGGER outbox_notify AFTER INSERT ON events.outbox FOR EACH STATEMENT EXECUTE FUNCTION events.notify_outbox()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER outbox_notify ON events.outbox`);
    await queryRunner.query(`DROP FUNCTION events.notify_outbox()`);
    await queryRunner.query(`ALTER TABLE "matters"."matters" DROP COLUMN "case_status"`);
    await queryRunner.query(`ALTER TABLE "matters"."matters" DROP COLUMN "stage"`);
    await queryRunner.query(`DROP TABLE "events"."consumers"`);
    await queryRunner.query(`DROP INDEX "events"."IDX_75d98a1f85df29d2ae0bd2a3a9"`);
    await queryRunner.query(`DROP INDEX "events"."IDX_02265441b4cfc6d0297befdf1a"`);
    await queryRunner.query(`DROP INDEX "events"."IDX_fc5fa3e684ce4829e7ba7f6dad"`);
    await queryRunner.query(`DROP INDEX "events"."IDX_52c6221ea953d3acd726ca982d"`);
    await queryRunner.query(`DROP TABLE "events"."outbox"`);
    await queryRunner.query(`DROP INDEX "sync"."IDX_c525958cb938fe2fbb0fb93b64"`);
    await queryRunner.query(`DROP TABLE "sync"."value_mappings"`);
    await queryRunner.query(`DROP INDEX "sync"."IDX_42b555c94a66763bbbd4387e08"`);
    await queryRunner.query(`DROP INDEX "sync"."IDX_1b8fa180b0deb090990a74327a"`);
    await queryRunner.query(`DROP TABLE "sync"."quarantine"`);
    await queryRunner.query(`DROP INDEX "matters"."IDX_dbd0e704564a8ff0e7f48ab979"`);
    await queryRunner.query(`DROP INDEX "matters"."IDX_78ea89f4928c33548dd82f9730"`);
    await queryRunner.query(`DROP INDEX "matters"."IDX_ed359feafd610308018b1c3f8e"`);
    await queryRunner.query(`DROP TABLE "matters"."matter_updates"`);
    await queryRunner.query(`DROP INDEX "matters"."IDX_e357b3146f8bd21525e4860c96"`);
    await queryRunner.query(`DROP TABLE "matters"."stage_transitions"`);
    await queryRunner.query(`DROP SCHEMA "events"`);
  }
}
