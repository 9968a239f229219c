-- Same as sqlite_014_formality: tu/du ('informal', the default) or vous/Sie ('formal').
ALTER TABLE communities ADD COLUMN formality TEXT NOT NULL DEFAULT 'informal';
