-- Delighted-compatible numeric ids (issue 19). The sequences start at 10^11 so that Delighted's own ids, which an
-- import keeps, never meet one Cairn gave; otherwise exactly what BIGSERIAL makes.
CREATE SEQUENCE "people_compat_id_seq" START WITH 100000000000;
ALTER TABLE "people" ADD COLUMN     "compat_id" BIGINT NOT NULL DEFAULT nextval('"people_compat_id_seq"');
ALTER SEQUENCE "people_compat_id_seq" OWNED BY "people"."compat_id";
CREATE SEQUENCE "responses_compat_id_seq" START WITH 100000000000;

-- AlterTable
ALTER TABLE "responses" ADD COLUMN     "additional_answers" JSONB NOT NULL DEFAULT '[]',
ADD COLUMN     "compat_hidden_at" TIMESTAMP(3),
ADD COLUMN     "compat_id" BIGINT NOT NULL DEFAULT nextval('"responses_compat_id_seq"'),
ADD COLUMN     "tags" TEXT[] DEFAULT ARRAY[]::TEXT[];
ALTER SEQUENCE "responses_compat_id_seq" OWNED BY "responses"."compat_id";

-- AlterTable
ALTER TABLE "webhook_endpoints" ADD COLUMN     "delighted_signing_key" TEXT;

-- CreateTable
CREATE TABLE "delighted_trends" (
    "workspace_id" TEXT NOT NULL,
    "trend_id" TEXT NOT NULL,
    "touchpoint_id" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "delighted_trends_pkey" PRIMARY KEY ("workspace_id","trend_id")
);

-- CreateIndex
CREATE INDEX "delighted_trends_touchpoint_id_idx" ON "delighted_trends"("touchpoint_id");

-- CreateIndex
CREATE UNIQUE INDEX "people_workspace_id_compat_id_key" ON "people"("workspace_id", "compat_id");

-- CreateIndex
CREATE UNIQUE INDEX "responses_workspace_id_compat_id_key" ON "responses"("workspace_id", "compat_id");

-- AddForeignKey
ALTER TABLE "delighted_trends" ADD CONSTRAINT "delighted_trends_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "delighted_trends" ADD CONSTRAINT "delighted_trends_touchpoint_id_fkey" FOREIGN KEY ("touchpoint_id") REFERENCES "touchpoints"("id") ON DELETE CASCADE ON UPDATE CASCADE;

