/**
 * The invitation behind a response token with everything an answer needs
 * (LockedInvitation), for a WHERE on `t` to follow. Instants come out as
 * timestamptz: node-postgres would read a bare `timestamp` in the process's
 * zone. Shared by the one-statement first answer and the locked path.
 * A relationship survey has no touchpoint: its answers get none and no stage,
 * and the survey's own journey.
 */
export const ANSWER_TARGET_SELECT = `
  SELECT t.token_hash AS "tokenHash", i.id AS "invitationId", i.workspace_id AS "workspaceId", i.status,
         i.responded_at AT TIME ZONE 'UTC' AS "respondedAt", i.expires_at AT TIME ZONE 'UTC' AS "expiresAt",
         p.erased_at AT TIME ZONE 'UTC' AS "erasedAt", COALESCE(i.locale, p.locale) AS locale,
         s.id AS "surveyId", s.metric, s.channel::text AS channel, tp.id AS "touchpointId", tp.stage_id AS "stageId",
         COALESCE(tp.journey_id, s.journey_id) AS "journeyId",
         p.id AS "personId", p.properties AS "personProperties", w.edit_window_seconds AS "editWindowSeconds"
  FROM invitation_tokens t
  JOIN invitations i ON i.id = t.invitation_id
  JOIN surveys s ON s.id = i.survey_id
  LEFT JOIN touchpoints tp ON tp.id = s.touchpoint_id
  JOIN people p ON p.id = i.person_id
  JOIN workspaces w ON w.id = i.workspace_id`;
