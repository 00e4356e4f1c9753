-- The household's meal calendar (one row per date and meal) and the log of
-- changes that can be undone.

CREATE TABLE plan_slots (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    household_id BIGINT NOT NULL REFERENCES households(id) ON DELETE CASCADE,
    date         DATE NOT NULL,
    meal         TEXT NOT NULL,
    recipe       TEXT,
    people       INTEGER NOT NULL,
    servings     DOUBLE PRECISION NOT NULL,
    cooked       BOOLEAN NOT NULL DEFAULT FALSE,
    leftover_of  DATE,
    UNIQUE (household_id, date, meal)
);

CREATE TABLE changes (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    household_id BIGINT NOT NULL REFERENCES households(id) ON DELETE CASCADE,
    kind         TEXT NOT NULL,
    summary      TEXT NOT NULL,
    undo         TEXT NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL,
    undone_at    TIMESTAMPTZ
);
CREATE INDEX changes_household ON changes(household_id, id);
