-- CreateIndex
CREATE INDEX "alerts_response_id_idx" ON "alerts"("response_id");

