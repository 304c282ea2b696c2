import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Emailed one-time sign-in links (gateway/sign-in-link.ts); the outbox drift the generator also reports is not this migration's. */
export class SignInLinks1796091367694 implements MigrationInterface {
  name = 'SignInLinks1796091367694';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "identity"."sign_in_links" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "token_hash" text NOT NULL, "account_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "used_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_2097ee1b62272fac6526b35398e" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_7e056095bb858289789025d055" ON "identity"."sign_in_links"  ("token_hash") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "identity"."IDX_7e056095bb858289789025d055"`);
    await queryRunner.query(`DROP TABLE "identity"."sign_in_links"`);
  }
}
