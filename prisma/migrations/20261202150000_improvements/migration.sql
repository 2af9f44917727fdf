-- CreateEnum
CREATE TYPE "improvement_status" AS ENUM ('planned', 'in_progress', 'launched', 'done', 'abandoned');

-- CreateTable
CREATE TABLE "improvements" (
    "id" TEXT NOT NULL,
    "workspace_id" TEXT NOT NULL,
    "touchpoint_id" TEXT NOT NULL,
    "metric" "Metric" NOT NULL,
    "title" TEXT NOT NULL,
    "hypothesis" TEXT,
    "owner" TEXT,
    "status" "improvement_status" NOT NULL DEFAULT 'planned',
    "launched_at" TIMESTAMP(3),
    "window_days" INTEGER NOT NULL DEFAULT 30,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "improvements_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "improvements_workspace_id_created_at_idx" ON "improvements"("workspace_id", "created_at");

-- CreateIndex
CREATE INDEX "improvements_touchpoint_id_idx" ON "improvements"("touchpoint_id");

-- AddForeignKey
ALTER TABLE "improvements" ADD CONSTRAINT "improvements_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "improvements" ADD CONSTRAINT "improvements_touchpoint_id_fkey" FOREIGN KEY ("touchpoint_id") REFERENCES "touchpoints"("id") ON DELETE CASCADE ON UPDATE CASCADE;

