/**
 * What a one-time link is for. All three end in the person choosing a password on /set-password:
 * - set_password: a new account's first password (the first administrator, created by `npm run setup`);
 * - reset_password: a forgotten password, for an account that has one;
 * - invite: an invitation to a new account (issue 19).
 */
export const USER_TOKEN_PURPOSES = ["set_password", "reset_password", "invite"] as const;
export type UserTokenPurpose = (typeof USER_TOKEN_PURPOSES)[number];

/** How long a link lives unless the caller says otherwise. */
export const USER_TOKEN_TTL_HOURS: Record<UserTokenPurpose, number> = { set_password: 72, reset_password: 2, invite: 7 * 24 };

/** Why a link cannot be used; each has its own message (errors.<code>). */
export const USER_TOKEN_PROBLEMS = ["token_unknown", "token_used", "token_expired"] as const;
export type UserTokenProblem = (typeof USER_TOKEN_PROBLEMS)[number];
