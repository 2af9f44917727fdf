-- AlterTable
ALTER TABLE "stages" ADD COLUMN     "customer_actions" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "customer_goal" TEXT;

-- AlterTable
ALTER TABLE "touchpoints" ADD COLUMN     "owner" TEXT,
ADD COLUMN     "target" DOUBLE PRECISION;

-- AlterTable
ALTER TABLE "personas" ADD COLUMN     "goals" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "pain_points" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "quote" TEXT;

