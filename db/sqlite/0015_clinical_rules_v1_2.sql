-- Clinical rules v1.2. An alert names its administration as a clinician knows it (the clinic's session
-- number, else its place among the episode's administrations of its instrument by its rater, intake = 1), says why
-- (reasons, a JSON array: an at_risk alert of a stagnant client, the alliance reasons of a rating) and, for the kinds of
-- section 11, carries the support-v1 suggestions chosen when it was raised (a JSON array of { code, text }).
-- Alerts stored before v1.2 keep their messages and rules versions; the session number and the place are facts of
-- their administration, filled in here; they have no reasons or suggestions.
ALTER TABLE alerts ADD COLUMN session_number INTEGER NULL;
ALTER TABLE alerts ADD COLUMN administration_ordinal INTEGER NULL;
ALTER TABLE alerts ADD COLUMN reasons_json TEXT NULL;
ALTER TABLE alerts ADD COLUMN suggestions_json TEXT NULL;
ALTER TABLE alerts ADD COLUMN suggestions_version TEXT NULL;

UPDATE alerts SET
    session_number = (SELECT a.session_number FROM administrations a WHERE a.id = alerts.administration_id),
    administration_ordinal = (
        SELECT COUNT(*) FROM administrations a
        JOIN administrations o ON o.tenant_id = a.tenant_id AND o.episode_id = a.episode_id AND o.instrument = a.instrument
                              AND o.rater = a.rater
                              AND (o.administered_at < a.administered_at OR (o.administered_at = a.administered_at AND o.id <= a.id))
        WHERE a.id = alerts.administration_id);
