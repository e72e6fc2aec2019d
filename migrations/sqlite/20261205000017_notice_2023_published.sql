-- The 2023-11 version of "Information about the Kanta Services" was
-- published on 30 November 2023 (kanta.fi), not on the 15th.
UPDATE notice_version SET published_on = '2023-11-30' WHERE version = '2023-11';

-- Swedish: social welfare has clients ("klient"), not customers.
UPDATE notice_text SET body = REPLACE(body, 'kund- eller vårdrelation', 'klient- eller vårdrelation')
WHERE version = '2023-11' AND locale = 'sv';
