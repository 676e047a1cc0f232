-- The daily e-mail digest (issue 17 item 3; docs/inbox.md, "每日摘要"): where a user's digest goes,
-- and which day's digest each user has been sent, so a second run of the same day sends nothing twice.
ALTER TABLE app_user ADD COLUMN email text CONSTRAINT app_user_email_check CHECK (email IS NULL OR (length(email) BETWEEN 3 AND 254 AND email ~ '^[^@\s]+@[^@\s]+$'));

CREATE TABLE digest_sent (
  user_id   bigint NOT NULL CONSTRAINT digest_sent_user_fk REFERENCES app_user(id) ON DELETE CASCADE,
  on_date   date NOT NULL,
  sent_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, on_date)
);
