-- Identity: the sign-in log, TOTP second factor state. (Sessions, users and grants are in 0001.)

-- Every sign-in attempt, success or failure. `username` is what was typed (the account may not
-- exist); `user_id` is set only when it does. Never holds a password or a TOTP code.
CREATE TABLE sign_in_log (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at          timestamptz NOT NULL DEFAULT now(),
  username    text NOT NULL,
  user_id     bigint REFERENCES app_user(id) ON DELETE SET NULL,
  success     boolean NOT NULL,
  reason      text NOT NULL,            -- ok | bad_credentials | locked | disabled | totp_required | totp_invalid
  ip          text,
  user_agent  text
);
CREATE INDEX sign_in_log_at_idx ON sign_in_log (at);
CREATE INDEX sign_in_log_user_idx ON sign_in_log (user_id, at);

-- totp_secret (0001) holds the secret from setup on; it only counts once totp_enabled is true.
-- totp_last_step is the last accepted 30-second step: a code is never accepted twice (RFC 6238 §5.2).
ALTER TABLE app_user ADD COLUMN totp_enabled boolean NOT NULL DEFAULT false;
ALTER TABLE app_user ADD COLUMN totp_last_step bigint;
