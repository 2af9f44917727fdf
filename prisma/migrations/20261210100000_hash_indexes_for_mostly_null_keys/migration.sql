-- A hash index stores no entry for a NULL key, where a B-tree stores one for every row. An invitation has no
-- message id until a send claims it (a throttled or suppressed one never has one), and most people have no number,
-- so the intake stops paying an index entry for each new invitation and each new person. Both are only ever looked
-- up by equality (SMS status callbacks, SMS replies, the Delighted API's people), which a hash index serves.

-- DropIndex
DROP INDEX "people_phone_number_idx";

-- DropIndex
DROP INDEX "invitations_message_id_idx";

-- CreateIndex
CREATE INDEX "people_phone_number_idx" ON "people" USING HASH ("phone_number");

-- CreateIndex
CREATE INDEX "invitations_message_id_idx" ON "invitations" USING HASH ("message_id");
