-- Clinical rules v1.2. An alert names its administration as a clinician knows it (the clinic's session
-- number, else its place among the episode's administrations of its instrument by its rater, intake = 1), says why
-- (reasons, a JSON array: an at_risk alert of a stagnant client, the alliance reasons of a rating) and, for the kinds of
-- section 11, carries the support-v1 suggestions chosen when it was raised (a JSON array of { code, text }).
-- Alerts stored before v1.2 keep their messages and rules versions; the session number and the place are facts of
-- their administration, filled in here (one statement; a maintenance window on a large table, as 0005).
ALTER TABLE dbo.alerts ADD
    session_number INT NULL,
    administration_ordinal INT NULL,
    reasons_json NVARCHAR(MAX) NULL,
    suggestions_json NVARCHAR(MAX) NULL,
    suggestions_version NVARCHAR(16) COLLATE Latin1_General_100_BIN2 NULL;
GO
UPDATE al SET
    session_number = a.session_number,
    administration_ordinal = (
        SELECT COUNT(*) FROM dbo.administrations o
        WHERE o.tenant_id = a.tenant_id AND o.episode_id = a.episode_id AND o.instrument = a.instrument AND o.rater = a.rater
          AND (o.administered_at < a.administered_at OR (o.administered_at = a.administered_at AND o.id <= a.id)))
FROM dbo.alerts al
JOIN dbo.administrations a ON a.id = al.administration_id;
GO
