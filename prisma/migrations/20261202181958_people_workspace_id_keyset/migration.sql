-- CreateIndex
CREATE INDEX "people_workspace_id_id_idx" ON "people"("workspace_id", "id");

