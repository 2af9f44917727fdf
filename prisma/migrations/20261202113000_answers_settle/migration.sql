-- AlterTable
ALTER TABLE "responses" ADD COLUMN     "settled_score" INTEGER,
ADD COLUMN     "settling" BOOLEAN NOT NULL DEFAULT false;

