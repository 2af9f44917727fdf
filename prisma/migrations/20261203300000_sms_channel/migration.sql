-- CreateEnum
CREATE TYPE "SurveyChannel" AS ENUM ('email', 'sms');

-- AlterEnum
ALTER TYPE "ResponseSource" ADD VALUE 'sms';

-- AlterTable
ALTER TABLE "surveys" ADD COLUMN     "channel" "SurveyChannel" NOT NULL DEFAULT 'email';

-- AlterTable
ALTER TABLE "invitations" ADD COLUMN     "sms_status" TEXT;

-- CreateTable
CREATE TABLE "sms_suppressions" (
    "id" TEXT NOT NULL,
    "workspace_id" TEXT NOT NULL,
    "phone_hash" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "sms_suppressions_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "sms_suppressions_workspace_id_phone_hash_key" ON "sms_suppressions"("workspace_id", "phone_hash");

-- CreateIndex
CREATE INDEX "people_phone_number_idx" ON "people"("phone_number");

-- CreateIndex
CREATE INDEX "invitations_message_id_idx" ON "invitations"("message_id");

-- AddForeignKey
ALTER TABLE "sms_suppressions" ADD CONSTRAINT "sms_suppressions_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;

