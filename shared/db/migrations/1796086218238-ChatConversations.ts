import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ChatConversations1796086218238 implements MigrationInterface {
  name = 'ChatConversations1796086218238';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "notifications"."conversations" ("id" uuid NOT NULL, "account_id" text NOT NULL, "client_id" text, "language" text NOT NULL, "matter_id" text, "started_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_ee34f4f7ced4ec8681f26bf04ef" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_a4dd9d576b74b39e3edc786069" ON "notifications"."conversations"  ("client_id", "started_at") `);
    await queryRunner.query(`CREATE TABLE "notifications"."conversation_turns" ("id" BIGSERIAL NOT NULL, "conversation_id" uuid NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "role" text NOT NULL, "text" text NOT NULL, "intent" text, "refused" boolean NOT NULL DEFAULT false, CONSTRAINT "PK_73857f0e1ae61da8995faed5f62" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_e807aeb961f10af6fea24bcc88" ON "notifications"."conversation_turns"  ("conversation_id", "id") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "notifications"."IDX_e807aeb961f10af6fea24bcc88"`);
    await queryRunner.query(`DROP TABLE "notifications"."conversation_turns"`);
    await queryRunner.query(`DROP INDEX "notifications"."IDX_a4dd9d576b74b39e3edc786069"`);
    await queryRunner.query(`DROP TABLE "notifications"."conversations"`);
  }
}
