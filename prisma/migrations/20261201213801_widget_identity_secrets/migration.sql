-- CreateTable
CREATE TABLE "widget_identity_secrets" (
    "workspace_id" TEXT NOT NULL,
    "secret" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "widget_identity_secrets_pkey" PRIMARY KEY ("workspace_id")
);

-- AddForeignKey
ALTER TABLE "widget_identity_secrets" ADD CONSTRAINT "widget_identity_secrets_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;

