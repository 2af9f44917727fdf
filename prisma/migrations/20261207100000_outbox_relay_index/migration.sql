-- DropIndex
DROP INDEX "outbox_events_processed_at_available_at_idx";

-- CreateIndex
CREATE INDEX "outbox_events_processed_at_seq_idx" ON "outbox_events"("processed_at", "seq");

