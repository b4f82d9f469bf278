-- blobs: uploaded files (attachments, final reports) kept in PostgreSQL, so every app process behind
-- a load balancer reads what any of them received. Content-addressed by SHA-256 and written once;
-- the bytes are split in chunks of at most 1 MiB so neither side holds a whole file in memory.
CREATE TABLE IF NOT EXISTS "blobs" (
  "sha256" text PRIMARY KEY NOT NULL,
  "size_bytes" bigint NOT NULL,
  "chunk_count" integer NOT NULL,
  "created_at" timestamp with time zone NOT NULL DEFAULT now()
);
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "blob_chunks" (
  "sha256" text NOT NULL REFERENCES "blobs"("sha256") ON DELETE CASCADE,
  "seq" integer NOT NULL,
  "data" bytea NOT NULL,
  PRIMARY KEY ("sha256", "seq")
);
