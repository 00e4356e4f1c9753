-- Households, people, identities, invites, recipes, pantry and shopping list.
-- Every row except the shared recipe catalog (household_id NULL) belongs to a household.

CREATE TABLE households (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name        TEXT NOT NULL,
    name_key    TEXT NOT NULL UNIQUE,
    preferences TEXT NOT NULL DEFAULT '{}',
    created_at  TIMESTAMPTZ NOT NULL
);

CREATE TABLE members (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    household_id BIGINT NOT NULL REFERENCES households(id) ON DELETE CASCADE,
    display_name TEXT NOT NULL,
    preferences  TEXT NOT NULL DEFAULT '{}',
    created_at   TIMESTAMPTZ NOT NULL
);
CREATE INDEX members_household ON members(household_id);

CREATE TABLE identities (
    id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    household_id     BIGINT NOT NULL REFERENCES households(id) ON DELETE CASCADE,
    member_id        BIGINT NOT NULL REFERENCES members(id) ON DELETE CASCADE,
    channel          TEXT NOT NULL,
    platform_user_id TEXT NOT NULL,
    created_at       TIMESTAMPTZ NOT NULL,
    UNIQUE (channel, platform_user_id)
);
CREATE INDEX identities_household ON identities(household_id);

CREATE TABLE invites (
    code         TEXT PRIMARY KEY,
    household_id BIGINT NOT NULL REFERENCES households(id) ON DELETE CASCADE,
    created_by   BIGINT REFERENCES members(id) ON DELETE SET NULL,
    created_at   TIMESTAMPTZ NOT NULL,
    expires_at   TIMESTAMPTZ NOT NULL,
    used_by      BIGINT REFERENCES members(id) ON DELETE SET NULL,
    used_at      TIMESTAMPTZ
);
CREATE INDEX invites_household ON invites(household_id);

CREATE TABLE recipes (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    household_id BIGINT REFERENCES households(id) ON DELETE CASCADE,
    slug         TEXT NOT NULL,
    title        TEXT NOT NULL,
    spec         TEXT NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL
);
CREATE UNIQUE INDEX recipes_shared_slug ON recipes(slug) WHERE household_id IS NULL;
CREATE UNIQUE INDEX recipes_own_slug ON recipes(household_id, slug) WHERE household_id IS NOT NULL;

CREATE TABLE pantry_items (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    household_id BIGINT NOT NULL REFERENCES households(id) ON DELETE CASCADE,
    name         TEXT NOT NULL,
    amount       DOUBLE PRECISION NOT NULL,
    unit         TEXT NOT NULL,
    expires_on   DATE,
    location     TEXT NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL
);
CREATE INDEX pantry_items_household ON pantry_items(household_id);

CREATE TABLE shopping_items (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    household_id BIGINT NOT NULL REFERENCES households(id) ON DELETE CASCADE,
    name         TEXT NOT NULL,
    amount       DOUBLE PRECISION,
    unit         TEXT,
    aisle        TEXT NOT NULL,
    source       TEXT NOT NULL,
    checked      BOOLEAN NOT NULL DEFAULT FALSE,
    checked_at   TIMESTAMPTZ,
    created_at   TIMESTAMPTZ NOT NULL
);
CREATE INDEX shopping_items_household ON shopping_items(household_id);

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
