-- The core of the portal: providers, citizens, the notice and its
-- confirmations, and the citizen's login log.
-- Events (confirmations, logins) are append-only: triggers refuse UPDATE and DELETE.

CREATE TABLE service_provider (
    id            TEXT PRIMARY KEY,
    kind          TEXT NOT NULL CHECK (kind IN ('wellbeing_services_county', 'city', 'joint_authority', 'private', 'pharmacy')),
    name_fi       TEXT NOT NULL,
    name_sv       TEXT NOT NULL,
    name_en       TEXT NOT NULL,
    uusimaa_party BOOLEAN NOT NULL DEFAULT FALSE
);

CREATE TABLE citizen (
    id            INTEGER PRIMARY KEY,
    identity_code TEXT NOT NULL UNIQUE,
    first_name    TEXT NOT NULL,
    last_name     TEXT NOT NULL,
    -- NULL: the person cannot log in (e.g. a child whose guardian acts for them).
    password_hash TEXT,
    created_at    TEXT NOT NULL
);

CREATE TABLE citizen_login (
    id           INTEGER PRIMARY KEY,
    citizen_id   INTEGER NOT NULL REFERENCES citizen (id),
    logged_in_at TEXT NOT NULL
);
CREATE INDEX citizen_login_by_citizen ON citizen_login (citizen_id, logged_in_at);

CREATE TABLE notice_version (
    version      TEXT PRIMARY KEY,
    published_on TEXT NOT NULL
);

CREATE TABLE notice_text (
    version TEXT NOT NULL REFERENCES notice_version (version),
    locale  TEXT NOT NULL CHECK (locale IN ('fi', 'sv', 'en')),
    title   TEXT NOT NULL,
    body    TEXT NOT NULL,
    PRIMARY KEY (version, locale)
);

CREATE TABLE notice_confirmation (
    id           INTEGER PRIMARY KEY,
    citizen_id   INTEGER NOT NULL REFERENCES citizen (id),
    version      TEXT NOT NULL REFERENCES notice_version (version),
    channel      TEXT NOT NULL CHECK (channel IN ('online', 'in_person')),
    provider_id  TEXT REFERENCES service_provider (id),
    confirmed_at TEXT NOT NULL,
    CHECK ((channel = 'online' AND provider_id IS NULL) OR (channel = 'in_person' AND provider_id IS NOT NULL))
);
CREATE INDEX notice_confirmation_by_citizen ON notice_confirmation (citizen_id, version);
-- A double submit of the online confirmation records nothing new.
CREATE UNIQUE INDEX notice_confirmation_online_once ON notice_confirmation (citizen_id, version) WHERE channel = 'online';

CREATE TRIGGER notice_confirmation_no_update BEFORE UPDATE ON notice_confirmation
BEGIN SELECT RAISE(ABORT, 'notice confirmations are append-only'); END;
CREATE TRIGGER notice_confirmation_no_delete BEFORE DELETE ON notice_confirmation
BEGIN SELECT RAISE(ABORT, 'notice confirmations are append-only'); END;
CREATE TRIGGER citizen_login_no_update BEFORE UPDATE ON citizen_login
BEGIN SELECT RAISE(ABORT, 'the login log is append-only'); END;
CREATE TRIGGER citizen_login_no_delete BEFORE DELETE ON citizen_login
BEGIN SELECT RAISE(ABORT, 'the login log is append-only'); END;

-- The public service providers: the 21 wellbeing services counties, the City
-- of Helsinki and HUS. The six Uusimaa parties organise public healthcare in
-- Uusimaa jointly.
INSERT INTO service_provider (id, kind, name_fi, name_sv, name_en, uusimaa_party) VALUES
('ita-uusimaa', 'wellbeing_services_county', 'Itä-Uudenmaan hyvinvointialue', 'Östra Nylands välfärdsområde', 'Itä-Uusimaa Wellbeing Services County', TRUE),
('keski-uusimaa', 'wellbeing_services_county', 'Keski-Uudenmaan hyvinvointialue', 'Mellersta Nylands välfärdsområde', 'Keski-Uusimaa Wellbeing Services County', TRUE),
('lansi-uusimaa', 'wellbeing_services_county', 'Länsi-Uudenmaan hyvinvointialue', 'Västra Nylands välfärdsområde', 'Länsi-Uusimaa Wellbeing Services County', TRUE),
('vantaa-kerava', 'wellbeing_services_county', 'Vantaan ja Keravan hyvinvointialue', 'Vanda och Kervo välfärdsområde', 'Vantaa and Kerava Wellbeing Services County', TRUE),
('varsinais-suomi', 'wellbeing_services_county', 'Varsinais-Suomen hyvinvointialue', 'Egentliga Finlands välfärdsområde', 'Varsinais-Suomi Wellbeing Services County', FALSE),
('satakunta', 'wellbeing_services_county', 'Satakunnan hyvinvointialue', 'Satakunta välfärdsområde', 'Satakunta Wellbeing Services County', FALSE),
('kanta-hame', 'wellbeing_services_county', 'Kanta-Hämeen hyvinvointialue', 'Egentliga Tavastlands välfärdsområde', 'Kanta-Häme Wellbeing Services County', FALSE),
('pirkanmaa', 'wellbeing_services_county', 'Pirkanmaan hyvinvointialue', 'Birkalands välfärdsområde', 'Pirkanmaa Wellbeing Services County', FALSE),
('paijat-hame', 'wellbeing_services_county', 'Päijät-Hämeen hyvinvointialue', 'Päijänne-Tavastlands välfärdsområde', 'Päijät-Häme Wellbeing Services County', FALSE),
('kymenlaakso', 'wellbeing_services_county', 'Kymenlaakson hyvinvointialue', 'Kymmenedalens välfärdsområde', 'Kymenlaakso Wellbeing Services County', FALSE),
('etela-karjala', 'wellbeing_services_county', 'Etelä-Karjalan hyvinvointialue', 'Södra Karelens välfärdsområde', 'Etelä-Karjala Wellbeing Services County', FALSE),
('etela-savo', 'wellbeing_services_county', 'Etelä-Savon hyvinvointialue', 'Södra Savolax välfärdsområde', 'Etelä-Savo Wellbeing Services County', FALSE),
('pohjois-savo', 'wellbeing_services_county', 'Pohjois-Savon hyvinvointialue', 'Norra Savolax välfärdsområde', 'Pohjois-Savo Wellbeing Services County', FALSE),
('pohjois-karjala', 'wellbeing_services_county', 'Pohjois-Karjalan hyvinvointialue', 'Norra Karelens välfärdsområde', 'Pohjois-Karjala Wellbeing Services County', FALSE),
('keski-suomi', 'wellbeing_services_county', 'Keski-Suomen hyvinvointialue', 'Mellersta Finlands välfärdsområde', 'Keski-Suomi Wellbeing Services County', FALSE),
('etela-pohjanmaa', 'wellbeing_services_county', 'Etelä-Pohjanmaan hyvinvointialue', 'Södra Österbottens välfärdsområde', 'Etelä-Pohjanmaa Wellbeing Services County', FALSE),
('pohjanmaa', 'wellbeing_services_county', 'Pohjanmaan hyvinvointialue', 'Österbottens välfärdsområde', 'Pohjanmaa Wellbeing Services County', FALSE),
('keski-pohjanmaa', 'wellbeing_services_county', 'Keski-Pohjanmaan hyvinvointialue', 'Mellersta Österbottens välfärdsområde', 'Keski-Pohjanmaa Wellbeing Services County', FALSE),
('pohjois-pohjanmaa', 'wellbeing_services_county', 'Pohjois-Pohjanmaan hyvinvointialue', 'Norra Österbottens välfärdsområde', 'Pohjois-Pohjanmaa Wellbeing Services County', FALSE),
('kainuu', 'wellbeing_services_county', 'Kainuun hyvinvointialue', 'Kajanalands välfärdsområde', 'Kainuu Wellbeing Services County', FALSE),
('lappi', 'wellbeing_services_county', 'Lapin hyvinvointialue', 'Lapplands välfärdsområde', 'Lappi Wellbeing Services County', FALSE),
('helsinki', 'city', 'Helsingin kaupunki', 'Helsingfors stad', 'City of Helsinki', TRUE),
('hus', 'joint_authority', 'HUS-yhtymä', 'HUS-sammanslutningen', 'HUS Group', TRUE);
