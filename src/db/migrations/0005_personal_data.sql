-- Personal data: one `person` row per natural person that instructors, secretaries, members and
-- union officers reference. ID-card and phone numbers are stored only encrypted (SM4-CBC +
-- HMAC-SM3, text "keyId:iv:ciphertext:mac", src/core/crypto/pii-cipher.ts) with a blind index
-- (HMAC-SM3 of the normalised value under the index key) for exact lookup and duplicate detection.
-- The clear value never reaches the database.

CREATE TABLE person (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name             text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  gender           text CHECK (gender IN ('male','female')),
  birth_date       date,
  id_number_enc    text,
  id_number_index  text,
  phone_enc        text,
  phone_index      text,
  key_id           text,                        -- the SM4 key both *_enc values are under
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  version          integer NOT NULL DEFAULT 1,
  CHECK ((id_number_enc IS NULL) = (id_number_index IS NULL)),
  CHECK ((phone_enc IS NULL) = (phone_index IS NULL)),
  CHECK (key_id IS NOT NULL OR (id_number_enc IS NULL AND phone_enc IS NULL))
);
-- One person per ID number: the duplicate check the import and the forms rely on.
CREATE UNIQUE INDEX person_id_number_index_key ON person (id_number_index) WHERE id_number_index IS NOT NULL;
CREATE INDEX person_phone_index_idx ON person (phone_index) WHERE phone_index IS NOT NULL;
CREATE INDEX person_name_idx ON person (name text_pattern_ops);
-- Key rotation walks the rows still under an old key.
CREATE INDEX person_key_id_idx ON person (key_id, id);

-- Retention removes the oldest audit entries; a checkpoint keeps the (seq, hash) of the last
-- removed entry, MAC'd with a key kept outside the database, so verify starts from it and a
-- forged or moved checkpoint is caught.
CREATE TABLE audit_checkpoint (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  seq           bigint NOT NULL,                -- the last entry this checkpoint vouches for
  hash          text NOT NULL,                  -- that entry's hash
  kind          text NOT NULL CHECK (kind IN ('prune','anchor')),
  removed       bigint NOT NULL DEFAULT 0,      -- entries removed by the prune that wrote it
  created_at    timestamptz NOT NULL DEFAULT now(),
  mac           text                            -- HMAC-SM3 over (seq, hash, kind, removed, created_at); null when no key
);
CREATE INDEX audit_checkpoint_seq_idx ON audit_checkpoint (seq);
CREATE INDEX audit_event_actor_idx ON audit_event (actor_name, seq);
CREATE INDEX audit_event_action_idx ON audit_event (action, seq);
