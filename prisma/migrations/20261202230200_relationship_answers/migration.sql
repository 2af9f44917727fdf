-- AlterTable
ALTER TABLE "responses" ALTER COLUMN "touchpoint_id" DROP NOT NULL,
ALTER COLUMN "stage_id" DROP NOT NULL;


-- A response has a touchpoint and its stage, or neither (an answer to a relationship survey). This is the CHECK
-- ((touchpoint_id IS NULL) = (stage_id IS NULL)) written as a trigger: Prisma's schema cannot describe a CHECK, so one
-- here would be drift against schema.prisma (prisma-drift-check compares constraints, not triggers).
CREATE FUNCTION "responses_touchpoint_stage_pair"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (NEW.touchpoint_id IS NULL) <> (NEW.stage_id IS NULL) THEN
    RAISE EXCEPTION 'a response has both touchpoint_id and stage_id or neither'
      USING ERRCODE = 'check_violation', TABLE = 'responses', CONSTRAINT = 'responses_touchpoint_stage_pair';
  END IF;
  RETURN NEW;
END $$;

CREATE TRIGGER "responses_touchpoint_stage_pair" BEFORE INSERT OR UPDATE OF touchpoint_id, stage_id ON "responses"
  FOR EACH ROW EXECUTE FUNCTION "responses_touchpoint_stage_pair"();
