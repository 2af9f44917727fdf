-- AlterTable
ALTER TABLE "webhook_deliveries" ADD COLUMN     "response_id" TEXT;

-- CreateIndex
CREATE INDEX "webhook_deliveries_response_id_idx" ON "webhook_deliveries"("response_id");


-- Backfill: the response id inside payloads already stored (JSON text: Cairn's body, or Delighted's for survey_response events).
UPDATE "webhook_deliveries" d SET "response_id" = COALESCE(b.body #>> '{data,response,id}', CASE WHEN b.body ->> 'event_type' LIKE 'survey_response.%' THEN b.body #>> '{event_data,id}' END)
FROM (SELECT id, CASE WHEN jsonb_typeof(payload) = 'string' THEN (payload #>> '{}')::jsonb ELSE payload END AS body
      FROM "webhook_deliveries" WHERE jsonb_typeof(payload) = 'object' OR payload #>> '{}' LIKE '{%') b
WHERE b.id = d.id;
