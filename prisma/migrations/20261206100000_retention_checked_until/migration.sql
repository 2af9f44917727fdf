-- AlterTable
ALTER TABLE "workspaces" ADD COLUMN     "retention_checked_until" TIMESTAMP(3);
