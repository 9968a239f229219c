-- Same as sqlite_016: secrets Roots makes for itself and shares between its processes
-- (the key that signs the dashboard's picture URLs for Slack).
CREATE TABLE site_secrets (
    name       TEXT COLLATE "C" PRIMARY KEY,
    secret     TEXT COLLATE "C" NOT NULL,
    created_at TEXT COLLATE "C" NOT NULL
);
-- (SQLite's 016 also replaces 008's partial index kudos_pairs_opened with one holding
-- `opened`, which SQLite needs to count from the index alone; PostgreSQL's index-only scan
-- uses the partial index as it is.)
