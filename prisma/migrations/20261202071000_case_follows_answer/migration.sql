-- AlterTable
ALTER TABLE "workspaces" ADD COLUMN     "case_auto_resolve" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "cases" ADD COLUMN     "auto_resolved" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "last_score" INTEGER;

