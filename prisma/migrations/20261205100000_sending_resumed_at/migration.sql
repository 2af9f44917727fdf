-- AlterTable
ALTER TABLE "workspaces" ADD COLUMN     "sending_resumed_at" TIMESTAMP(3);

