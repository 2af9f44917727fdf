-- CreateTable
CREATE TABLE "score_rollup_deltas" (
    "seq" BIGSERIAL NOT NULL,
    "touchpoint_id" TEXT NOT NULL,
    "metric" "Metric" NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "score" INTEGER NOT NULL,
    "delta" INTEGER NOT NULL,

    CONSTRAINT "score_rollup_deltas_pkey" PRIMARY KEY ("seq")
);

-- CreateIndex
CREATE INDEX "score_rollup_deltas_touchpoint_id_metric_at_idx" ON "score_rollup_deltas"("touchpoint_id", "metric", "at");

