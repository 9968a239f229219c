-- Same as sqlite_012_wallboard_names: the community's name, the wallboard's hashed
-- token, and the weekly figures counted again with team kudos.
ALTER TABLE communities ADD COLUMN display_name TEXT;

CREATE TABLE web_wallboards (
    community_id TEXT COLLATE "C" PRIMARY KEY,
    token_hash   TEXT COLLATE "C" NOT NULL UNIQUE,
    created_at   TEXT COLLATE "C" NOT NULL
);

DELETE FROM web_figures WHERE figure_key LIKE 'week:%';
