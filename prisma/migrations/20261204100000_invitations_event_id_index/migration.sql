-- CreateIndex
CREATE INDEX "invitations_event_id_idx" ON "invitations"("event_id");

