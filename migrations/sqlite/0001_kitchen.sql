-- Households, people, identities, invites, recipes, pantry and shopping list.
-- Every row except the shared recipe catalog (household_id NULL) belongs to a household.

CREATE TABLE households (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    name        TEXT NOT NULL,
    name_key    TEXT NOT NULL UNIQUE,
    preferences TEXT NOT NULL DEFAULT '{}',
    created_at  TEXT NOT NULL
);

CREATE TABLE members (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    household_id INTEGER NOT NULL REFERENCES households(id) ON DELETE CASCADE,
    display_name TEXT NOT NULL,
    preferences  TEXT NOT NULL DEFAULT '{}',
    created_at   TEXT NOT NULL
);
CREATE INDEX members_household ON members(household_id);

CREATE TABLE identities (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    household_id     INTEGER NOT NULL REFERENCES households(id) ON DELETE CASCADE,
    member_id        INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
    channel          TEXT NOT NULL,
    platform_user_id TEXT NOT NULL,
    created_at       TEXT NOT NULL,
    UNIQUE (channel, platform_user_id)
);
CREATE INDEX identities_household ON identities(household_id);

CREATE TABLE invites (
    code         TEXT PRIMARY KEY,
    household_id INTEGER NOT NULL REFERENCES households(id) ON DELETE CASCADE,
    created_by   INTEGER REFERENCES members(id) ON DELETE SET NULL,
    created_at   TEXT NOT NULL,
    expires_at   TEXT NOT NULL,
    used_by      INTEGER REFERENCES members(id) ON DELETE SET NULL,
    used_at      TEXT
);
CREATE INDEX invites_household ON invites(household_id);

CREATE TABLE recipes (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    household_id INTEGER REFERENCES households(id) ON DELETE CASCADE,
    slug         TEXT NOT NULL,
    title        TEXT NOT NULL,
    spec         TEXT NOT NULL,
    created_at   TEXT NOT NULL
);
CREATE UNIQUE INDEX recipes_shared_slug ON recipes(slug) WHERE household_id IS NULL;
CREATE UNIQUE INDEX recipes_own_slug ON recipes(household_id, slug) WHERE household_id IS NOT NULL;

CREATE TABLE pantry_items (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    household_id INTEGER NOT NULL REFERENCES households(id) ON DELETE CASCADE,
    name         TEXT NOT NULL,
    amount       REAL NOT NULL,
    unit         TEXT NOT NULL,
    expires_on   TEXT,
    location     TEXT NOT NULL,
    created_at   TEXT NOT NULL
);
CREATE INDEX pantry_items_household ON pantry_items(household_id);

CREATE TABLE shopping_items (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    household_id INTEGER NOT NULL REFERENCES households(id) ON DELETE CASCADE,
    name         TEXT NOT NULL,
    amount       REAL,
    unit         TEXT,
    aisle        TEXT NOT NULL,
    source       TEXT NOT NULL,
    checked      INTEGER NOT NULL DEFAULT 0,
    checked_at   TEXT,
    created_at   TEXT NOT NULL
);
CREATE INDEX shopping_items_household ON shopping_items(household_id);

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
