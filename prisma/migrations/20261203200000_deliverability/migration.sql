-- CreateEnum
CREATE TYPE "bounce_kind" AS ENUM ('hard', 'soft', 'complaint');

-- AlterEnum
ALTER TYPE "InvitationStatus" ADD VALUE 'bounced';

-- AlterTable
ALTER TABLE "workspaces" ADD COLUMN     "provider_hook_secret_hash" TEXT,
ADD COLUMN     "sending_paused_at" TIMESTAMP(3),
ADD COLUMN     "sending_paused_reason" TEXT;

-- CreateTable
CREATE TABLE "bounces" (
    "id" TEXT NOT NULL,
    "workspace_id" TEXT NOT NULL,
    "invitation_id" TEXT,
    "email_hash" TEXT NOT NULL,
    "domain" TEXT NOT NULL,
    "kind" "bounce_kind" NOT NULL,
    "source" TEXT NOT NULL,
    "status" TEXT,
    "report_key" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "bounces_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "bounces_report_key_key" ON "bounces"("report_key");

-- CreateIndex
CREATE INDEX "bounces_workspace_id_created_at_idx" ON "bounces"("workspace_id", "created_at");

-- CreateIndex
CREATE INDEX "bounces_workspace_id_email_hash_kind_created_at_idx" ON "bounces"("workspace_id", "email_hash", "kind", "created_at");

-- CreateIndex
CREATE INDEX "invitations_workspace_id_sent_at_idx" ON "invitations"("workspace_id", "sent_at");

-- AddForeignKey
ALTER TABLE "bounces" ADD CONSTRAINT "bounces_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;

