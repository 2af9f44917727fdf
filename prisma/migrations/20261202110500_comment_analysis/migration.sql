-- CreateEnum
CREATE TYPE "sentiment_label" AS ENUM ('positive', 'neutral', 'negative');

-- AlterTable
ALTER TABLE "workspaces" ADD COLUMN     "themes_seeded" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "themes_version" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "themes" (
    "id" TEXT NOT NULL,
    "workspace_id" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "name" JSONB NOT NULL,
    "keywords" JSONB NOT NULL,
    "built_in" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "themes_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "comment_analyses" (
    "response_id" TEXT NOT NULL,
    "workspace_id" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "sentiment_score" REAL NOT NULL,
    "sentiment_label" "sentiment_label" NOT NULL,
    "themes" TEXT[],
    "themes_version" INTEGER NOT NULL,
    "analysed_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "comment_analyses_pkey" PRIMARY KEY ("response_id")
);

-- CreateIndex
CREATE UNIQUE INDEX "themes_workspace_id_key_key" ON "themes"("workspace_id", "key");

-- CreateIndex
CREATE INDEX "comment_analyses_workspace_id_themes_version_idx" ON "comment_analyses"("workspace_id", "themes_version");

-- CreateIndex
CREATE INDEX "comment_analyses_themes_idx" ON "comment_analyses" USING GIN ("themes");

-- AddForeignKey
ALTER TABLE "themes" ADD CONSTRAINT "themes_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "comment_analyses" ADD CONSTRAINT "comment_analyses_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "comment_analyses" ADD CONSTRAINT "comment_analyses_response_id_fkey" FOREIGN KEY ("response_id") REFERENCES "responses"("id") ON DELETE CASCADE ON UPDATE CASCADE;

