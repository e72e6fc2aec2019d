-- The matters an e-authorisation names (DOMAIN.md §6, §8): healthcare
-- (health data, prescriptions, laboratory results, vaccinations, renewal
-- requests) and, separately, social welfare (client documents). Those
-- given before this named healthcare.
ALTER TABLE authorisation ADD COLUMN covers_healthcare BOOLEAN NOT NULL DEFAULT TRUE;
ALTER TABLE authorisation ADD COLUMN covers_social_welfare BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE authorisation ADD CONSTRAINT authorisation_names_a_matter CHECK (covers_healthcare OR covers_social_welfare);

-- Latvia joins the countries whose pharmacies may see Finnish prescriptions.
INSERT INTO abroad_country (code, name_fi, name_sv, name_en) VALUES ('LV', 'Latvia', 'Lettland', 'Latvia');
