-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "ResponseSource" ADD VALUE 'qr';
ALTER TYPE "ResponseSource" ADD VALUE 'kiosk';

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "WebhookFormat" ADD VALUE 'slack';
ALTER TYPE "WebhookFormat" ADD VALUE 'teams';

-- CreateTable
CREATE TABLE "touchpoint_answer_blocks" (
    "touchpoint_id" TEXT NOT NULL,
    "workspace_id" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "source" "ResponseSource" NOT NULL,
    "reason" TEXT NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,
    "updated_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "touchpoint_answer_blocks_pkey" PRIMARY KEY ("touchpoint_id","day","source","reason")
);

-- CreateIndex
CREATE INDEX "touchpoint_answer_blocks_workspace_id_idx" ON "touchpoint_answer_blocks"("workspace_id");

-- AddForeignKey
ALTER TABLE "touchpoint_answer_blocks" ADD CONSTRAINT "touchpoint_answer_blocks_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "touchpoint_answer_blocks" ADD CONSTRAINT "touchpoint_answer_blocks_touchpoint_id_fkey" FOREIGN KEY ("touchpoint_id") REFERENCES "touchpoints"("id") ON DELETE CASCADE ON UPDATE CASCADE;

