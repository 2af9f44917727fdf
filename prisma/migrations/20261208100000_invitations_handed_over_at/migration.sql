-- AlterTable
ALTER TABLE "invitations" ADD COLUMN     "handed_over_at" TIMESTAMP(3);

