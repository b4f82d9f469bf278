-- audit_keying: the chain is keyed (HMAC) from the next row on; earlier rows stay the SHA-256 chain.
ALTER TABLE "audit_head" ADD COLUMN "keyed_from" bigint DEFAULT 1 NOT NULL;
--> statement-breakpoint
ALTER TABLE "audit_head" ADD COLUMN "key_id" text;
--> statement-breakpoint
ALTER TABLE "audit_head" ADD COLUMN "mac" text;
--> statement-breakpoint
UPDATE "audit_head" SET "keyed_from" = "seq" + 1;
--> statement-breakpoint
-- appendAudit locks this one row (FOR UPDATE) to serialise the chain, so it always exists
INSERT INTO "audit_head" ("id", "seq", "hash", "keyed_from") VALUES ('head', 0, '0000000000000000000000000000000000000000000000000000000000000000', 1) ON CONFLICT ("id") DO NOTHING;
