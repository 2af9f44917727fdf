-- CreateTable
CREATE TABLE "sent_notices" (
    "message_id" TEXT NOT NULL,
    "sent_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "sent_notices_pkey" PRIMARY KEY ("message_id")
);

