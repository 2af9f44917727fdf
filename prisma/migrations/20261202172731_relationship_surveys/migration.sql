-- CreateEnum
CREATE TYPE "SurveyKind" AS ENUM ('touchpoint', 'relationship');

-- AlterTable
ALTER TABLE "surveys" ADD COLUMN     "every_days" INTEGER,
ADD COLUMN     "journey_id" TEXT,
ADD COLUMN     "kind" "SurveyKind" NOT NULL DEFAULT 'touchpoint',
ADD COLUMN     "schedule_anchor" TIMESTAMP(3),
ADD COLUMN     "segment" JSONB,
ALTER COLUMN "touchpoint_id" DROP NOT NULL,
ALTER COLUMN "trigger_event" DROP NOT NULL;

-- AlterTable
ALTER TABLE "invitations" ADD COLUMN     "period_index" INTEGER;

-- CreateIndex
CREATE INDEX "surveys_journey_id_idx" ON "surveys"("journey_id");

-- CreateIndex
CREATE INDEX "surveys_kind_active_idx" ON "surveys"("kind", "active");

-- CreateIndex
CREATE UNIQUE INDEX "invitations_survey_id_person_id_period_index_key" ON "invitations"("survey_id", "person_id", "period_index");

-- AddForeignKey
ALTER TABLE "surveys" ADD CONSTRAINT "surveys_journey_id_fkey" FOREIGN KEY ("journey_id") REFERENCES "journeys"("id") ON DELETE CASCADE ON UPDATE CASCADE;

