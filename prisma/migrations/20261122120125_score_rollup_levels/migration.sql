-- CreateTable
CREATE TABLE "score_rollups_daily" (
    "touchpoint_id" TEXT NOT NULL,
    "metric" "Metric" NOT NULL,
    "bucket" TIMESTAMP(3) NOT NULL,
    "score" INTEGER NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "score_rollups_daily_pkey" PRIMARY KEY ("touchpoint_id","metric","bucket","score")
);

-- CreateTable
CREATE TABLE "score_rollups_weekly" (
    "touchpoint_id" TEXT NOT NULL,
    "metric" "Metric" NOT NULL,
    "bucket" TIMESTAMP(3) NOT NULL,
    "score" INTEGER NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "score_rollups_weekly_pkey" PRIMARY KEY ("touchpoint_id","metric","bucket","score")
);

-- CreateIndex
CREATE INDEX "score_rollups_daily_touchpoint_id_metric_bucket_score_count_idx" ON "score_rollups_daily"("touchpoint_id", "metric", "bucket", "score", "count");

-- CreateIndex
CREATE INDEX "score_rollups_weekly_touchpoint_id_metric_bucket_score_coun_idx" ON "score_rollups_weekly"("touchpoint_id", "metric", "bucket", "score", "count");


-- Databases that already hold hourly rollups get their daily and weekly rows from them.
INSERT INTO "score_rollups_daily" ("touchpoint_id", "metric", "bucket", "score", "count")
SELECT "touchpoint_id", "metric", date_trunc('day', "bucket"), "score", sum("count")::int
FROM "score_rollups" GROUP BY 1, 2, 3, 4;
INSERT INTO "score_rollups_weekly" ("touchpoint_id", "metric", "bucket", "score", "count")
SELECT "touchpoint_id", "metric", date_trunc('week', "bucket"), "score", sum("count")::int
FROM "score_rollups" GROUP BY 1, 2, 3, 4;

-- Score reads are many short index-range scans whose cost estimates can pass
-- jit_above_cost; compiling them then takes longer (20–60 ms) than running
-- them (1–5 ms). Off for this database, where the privilege allows it.
DO $$
BEGIN
  EXECUTE format('ALTER DATABASE %I SET jit = off', current_database());
EXCEPTION WHEN insufficient_privilege THEN
  RAISE NOTICE 'jit left as configured: not allowed to change database settings';
END $$;
