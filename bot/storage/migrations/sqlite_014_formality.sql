-- Tone (issue 18): how Roots addresses members in French and German, chosen once per
-- community with /roots-config formality. 'informal' (tu, du: the default) or 'formal'
-- (vous, Sie). Other languages have one form and ignore it. (The lead may renumber this file.)
ALTER TABLE communities ADD COLUMN formality TEXT NOT NULL DEFAULT 'informal';
