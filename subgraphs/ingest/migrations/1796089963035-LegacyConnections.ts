import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The OAuth connections to legacy providers (tokens encrypted) and the pending connect states. */
export class LegacyConnections1796089963035 implements MigrationInterface {
  name = 'LegacyConnections1796089963035';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "sync"."legacy_connections" ("provider" text NOT NULL, "status" text NOT NULL, "access_token" text, "refresh_token" text, "expires_at" TIMESTAMP WITH TIME ZONE, "connected_at" TIMESTAMP WITH TIME ZONE, "connected_by" text, "refreshed_at" TIMESTAMP WITH TIME ZONE, "revoked_at" TIMESTAMP WITH TIME ZONE, "revocation_notified_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_legacy_connections" PRIMARY KEY ("provider"))`);
    await queryRunner.query(`CREATE TABLE "sync"."connect_states" ("state_hash" text NOT NULL, "provider" text NOT NULL, "account_id" text NOT NULL, "browser_hash" text NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_connect_states" PRIMARY KEY ("state_hash"))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "sync"."connect_states"`);
    await queryRunner.query(`DROP TABLE "sync"."legacy_connections"`);
  }
}
