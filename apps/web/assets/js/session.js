// Who is signed in. The CSRF token lives only in memory: it is fetched from a
// same-origin JSON endpoint that other sites cannot read.
const RANK = { viewer: 0, manager: 1, admin: 2 };

export const session = { user: null, csrf: null, workspaceId: null };

export function setSession(data) {
  session.user = data?.user ?? null;
  session.csrf = data?.csrfToken ?? null;
  session.workspaceId = data?.workspaceId ?? null;
}

/** True when the signed-in user has at least `role` (what the API will also check). */
export function can(role) {
  return Boolean(session.user) && RANK[session.user.role] >= RANK[role];
}
