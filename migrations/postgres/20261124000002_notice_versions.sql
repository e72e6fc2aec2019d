-- The versions of "Information about the Kanta Services" and their texts in fi, sv and en,
-- written in the portal's own words from Kela's texts (shared/seeds 000-002).
INSERT INTO notice_version (version, published_on) VALUES ('2022-11', '2022-11-01'), ('2023-11', '2023-11-15');

INSERT INTO notice_text (version, locale, title, body) VALUES ('2022-11', 'en', 'Information about the Kanta Services',
'This information tells you what the Kanta Services are, how your data is used in healthcare and social welfare, and how you can influence its use. It was issued in November 2022, when the wellbeing services counties took over public healthcare and social welfare services.

## The wellbeing services counties
From the beginning of 2023, each wellbeing services county has one patient register for all of its public healthcare and one client register for its social welfare services. These registers combine the data of the public service providers that operated in the area before. Your patient and prescription data can be used in public healthcare throughout your county when you are treated there, and your social welfare data in the county''s social services when it is needed.

## Your data is used only when you are a client or a patient
Professionals may use your data only when it is needed for your care or service, only if you are their client or patient, and only if their work requires it. Every viewing is logged, so that the use of your data can be checked.

## Consent to data sharing
With a consent to data sharing, your patient data can also be shared between wellbeing services counties and between public and private healthcare. A consent you have given before remains valid.

## Denial of consent to data sharing
With a denial of consent to data sharing you can restrict which of your appointment or prescription data is disclosed to other wellbeing services counties, and between the counties and private service providers. A denial does not prevent the use of data within one register, for example in the healthcare services of your own wellbeing services county.

## Healthcare data in Uusimaa
In Uusimaa, public healthcare is organised jointly by four wellbeing services counties, the City of Helsinki and HUS. Once you have confirmed that you have received this information, your patient data can be used across public healthcare in Uusimaa as it was before the wellbeing services counties. You can restrict this with a denial of consent to data sharing.');

INSERT INTO notice_text (version, locale, title, body) VALUES ('2022-11', 'fi', 'Tietoa Kanta-palveluista',
'Tämä informaatio kertoo, mitä Kanta-palvelut ovat, miten tietojasi käytetään terveydenhuollossa ja sosiaalihuollossa ja miten voit vaikuttaa niiden käyttöön. Informaatio annettiin marraskuussa 2022, kun hyvinvointialueet ottivat vastuun julkisista sosiaali- ja terveyspalveluista.

## Hyvinvointialueet
Vuoden 2023 alusta jokaisella hyvinvointialueella on yksi potilasrekisteri koko julkiselle terveydenhuollolleen ja yksi asiakasrekisteri sosiaalipalveluilleen. Rekistereihin on yhdistetty alueella aiemmin toimineiden julkisten palvelunantajien tiedot. Potilas- ja reseptitietojasi voidaan käyttää hoidossasi koko hyvinvointialueen julkisessa terveydenhuollossa ja sosiaalihuollon tietojasi tarvittaessa alueen sosiaalipalveluissa.

## Tietojasi käytetään vain asiakas- tai hoitosuhteessa
Ammattilainen saa käyttää tietojasi vain, kun hoitosi tai palvelusi sitä vaatii, kun olet hänen asiakkaansa tai potilaansa ja kun hänen työtehtävänsä sitä edellyttävät. Jokainen katselu kirjataan lokiin, jotta tietojesi käyttöä voidaan valvoa.

## Suostumus tietojen luovutukseen
Tietojen luovutukseen annetulla suostumuksella potilastietojasi voidaan luovuttaa myös hyvinvointialueiden välillä sekä julkisen ja yksityisen terveydenhuollon välillä. Aiemmin antamasi suostumus on edelleen voimassa.

## Luovutuskielto
Luovutuskiellolla voit rajata, mitä käynti- tai reseptitietojasi luovutetaan muille hyvinvointialueille sekä hyvinvointialueiden ja yksityisten palvelunantajien välillä. Kielto ei estä tietojen käyttöä yhden rekisterin sisällä, esimerkiksi oman hyvinvointialueesi terveyspalveluissa.

## Terveystiedot Uudellamaalla
Uudellamaalla julkisen terveydenhuollon järjestävät yhdessä neljä hyvinvointialuetta, Helsingin kaupunki ja HUS. Kun olet vahvistanut saaneesi tämän informaation, potilastietojasi voidaan käyttää koko Uudenmaan julkisessa terveydenhuollossa kuten ennen hyvinvointialueita. Voit rajata tätä luovutuskiellolla.');

INSERT INTO notice_text (version, locale, title, body) VALUES ('2022-11', 'sv', 'Information om Kantatjänsterna',
'Denna information berättar vad Kantatjänsterna är, hur dina uppgifter används inom hälso- och sjukvården och socialvården och hur du kan påverka hur de används. Informationen gavs i november 2022, när välfärdsområdena tog över ansvaret för den offentliga social- och hälsovården.

## Välfärdsområdena
Från början av 2023 har varje välfärdsområde ett patientregister för hela sin offentliga hälso- och sjukvård och ett klientregister för sin socialvård. Registren förenar uppgifterna från de offentliga serviceproducenter som tidigare verkade i området. Dina patient- och receptuppgifter kan användas i din vård inom hela välfärdsområdets offentliga hälso- och sjukvård, och dina socialvårdsuppgifter vid behov inom områdets socialvård.

## Dina uppgifter används bara i ett kund- eller vårdförhållande
En yrkesperson får använda dina uppgifter bara när din vård eller service kräver det, när du är hens klient eller patient och när hens arbetsuppgifter förutsätter det. Varje visning loggas, så att användningen av dina uppgifter kan övervakas.

## Samtycke till utlämnande av uppgifter
Med ett samtycke till utlämnande av uppgifter kan dina patientuppgifter också lämnas ut mellan välfärdsområden och mellan offentlig och privat hälso- och sjukvård. Ett samtycke som du har gett tidigare gäller fortfarande.

## Förbud mot utlämnande
Med ett förbud mot utlämnande kan du begränsa vilka besöks- eller receptuppgifter som lämnas ut till andra välfärdsområden och mellan välfärdsområdena och privata serviceproducenter. Förbudet hindrar inte att uppgifterna används inom ett och samma register, till exempel inom hälsotjänsterna i ditt eget välfärdsområde.

## Hälsouppgifter i Nyland
I Nyland ordnas den offentliga hälso- och sjukvården gemensamt av fyra välfärdsområden, Helsingfors stad och HUS. När du har bekräftat att du har fått denna information kan dina patientuppgifter användas inom hela den offentliga hälso- och sjukvården i Nyland, som före välfärdsområdena. Du kan begränsa detta med ett förbud mot utlämnande.');

INSERT INTO notice_text (version, locale, title, body) VALUES ('2023-11', 'en', 'Information about the Kanta Services',
'This information tells you what the Kanta Services are, how your data is used and how you can influence its use. It was updated in November 2023. The most important change: a consent to data sharing that you give or renew now covers all sharing of your data in social welfare and healthcare, both through the Kanta Services and in other ways.

## The Kanta Services help to handle your data securely
The Kanta Services are the national information system services of social welfare and healthcare. When you visit a health or social service or a pharmacy, your data is stored in the service provider''s information system and transferred from there to the Kanta Services, which pass it on securely to the professionals who handle your affairs. You can see your own data in MyKanta.

## Your data is used only when you are a client or a patient
Professionals use your data only when it is needed. Using it always requires a client or treatment relationship, and only those who need your data in their work may access it. Every viewing is logged, so that the use of your data can be checked.

## With a consent to data sharing, other service providers can see your data
A service provider may use the data in its own patient or client register without your separate consent. For example, patient data stored by a wellbeing services county can be used in that county''s healthcare services.

When you give a consent to data sharing, your data is also available to other service providers wherever you are treated or served. The consent covers sharing through the Kanta Services and in other ways, for example on paper.

Your prescription data may be used without a separate consent when you are being treated and when you collect your medicine from a pharmacy.

## You can restrict the use of your data
With a denial of consent to data sharing you decide which of your prescription, patient and client data other social welfare and healthcare service providers may not see. Data you deny is visible only to the service provider whose register it belongs to.

You can give a consent to data sharing or set a denial of consent to data sharing in MyKanta, or when you visit a social welfare or healthcare service.

## Healthcare data in Uusimaa
Public healthcare providers in Uusimaa may view your patient data in each other''s registers once you have confirmed that you have received this information. You can restrict this with a denial of consent to data sharing.');

INSERT INTO notice_text (version, locale, title, body) VALUES ('2023-11', 'fi', 'Tietoa Kanta-palveluista',
'Tämä informaatio kertoo, mitä Kanta-palvelut ovat, miten tietojasi käytetään ja miten voit vaikuttaa niiden käyttöön. Informaatio päivitettiin marraskuussa 2023. Tärkein muutos: antamasi tai päivittämäsi suostumus tietojen luovutukseen kattaa nyt kaiken tietojesi luovutuksen sosiaali- ja terveydenhuollossa, sekä Kanta-palvelujen kautta että muilla tavoin.

## Kanta-palvelut auttavat käsittelemään tietojasi turvallisesti
Kanta-palvelut ovat sosiaali- ja terveydenhuollon valtakunnallisia tietojärjestelmäpalveluja. Kun asioit sosiaali- tai terveyspalveluissa tai apteekissa, tietosi tallennetaan palvelunantajan tietojärjestelmään ja sieltä Kanta-palveluihin, jotka välittävät ne turvallisesti asioitasi hoitaville ammattilaisille. Omat tietosi näet OmaKannasta.

## Tietojasi käytetään vain asiakas- tai hoitosuhteessa
Ammattilaiset käyttävät tietojasi vain tarvittaessa. Käyttö edellyttää aina asiakas- tai hoitosuhdetta, ja tietoihisi pääsevät vain ne, jotka tarvitsevat niitä työssään. Jokainen katselu kirjataan lokiin, jotta tietojesi käyttöä voidaan valvoa.

## Suostumuksella tietosi näkyvät myös muille palvelunantajille
Palvelunantaja saa käyttää omassa potilas- tai asiakasrekisterissään olevia tietoja ilman erillistä suostumustasi. Esimerkiksi hyvinvointialueen tallentamia potilastietoja voidaan käyttää saman alueen terveyspalveluissa.

Kun annat suostumuksen tietojen luovutukseen, tietosi ovat käytettävissä myös muilla palvelunantajilla, missä tahansa asioit. Suostumus koskee luovutusta sekä Kanta-palvelujen kautta että muilla tavoin, esimerkiksi paperilla.

Reseptitietojasi voidaan käyttää ilman erillistä suostumusta hoitotilanteissa ja kun haet lääkkeitä apteekista.

## Voit rajata tietojesi käyttöä
Luovutuskiellolla päätät, mitä resepti-, potilas- ja asiakastietojasi muut sosiaali- ja terveydenhuollon palvelunantajat eivät saa nähdä. Kieltämäsi tiedot näkyvät vain sille palvelunantajalle, jonka rekisteriin ne kuuluvat.

Voit antaa suostumuksen tietojen luovutukseen tai asettaa luovutuskiellon OmaKannassa tai asioidessasi sosiaali- tai terveyspalveluissa.

## Terveystiedot Uudellamaalla
Uudenmaan julkisen terveydenhuollon palvelunantajat voivat katsoa potilastietojasi toistensa rekistereistä, kun olet vahvistanut saaneesi tämän informaation. Voit rajata tätä luovutuskiellolla.');

INSERT INTO notice_text (version, locale, title, body) VALUES ('2023-11', 'sv', 'Information om Kantatjänsterna',
'Denna information berättar vad Kantatjänsterna är, hur dina uppgifter används och hur du kan påverka hur de används. Informationen uppdaterades i november 2023. Den viktigaste ändringen: ett samtycke till utlämnande av uppgifter som du ger eller förnyar gäller nu allt utlämnande av dina uppgifter inom social- och hälsovården, både via Kantatjänsterna och på andra sätt.

## Kantatjänsterna hjälper till att hantera dina uppgifter tryggt
Kantatjänsterna är social- och hälsovårdens nationella informationssystemtjänster. När du anlitar social- eller hälsovården eller ett apotek sparas dina uppgifter i serviceproducentens informationssystem och förs därifrån till Kantatjänsterna, som tryggt förmedlar dem till de yrkespersoner som sköter dina ärenden. Dina egna uppgifter ser du i MittKanta.

## Dina uppgifter används bara i ett kund- eller vårdförhållande
Yrkespersoner använder dina uppgifter bara när det behövs. Användningen förutsätter alltid ett kund- eller vårdförhållande, och bara de som behöver dina uppgifter i sitt arbete får tillgång till dem. Varje visning loggas, så att användningen av dina uppgifter kan övervakas.

## Med ett samtycke kan även andra serviceproducenter se dina uppgifter
En serviceproducent får använda uppgifterna i sitt eget patient- eller klientregister utan ditt separata samtycke. Till exempel kan patientuppgifter som ett välfärdsområde har sparat användas inom samma områdes hälsotjänster.

När du ger ett samtycke till utlämnande av uppgifter är dina uppgifter tillgängliga även för andra serviceproducenter, var du än sköter dina ärenden. Samtycket gäller utlämnande både via Kantatjänsterna och på andra sätt, till exempel på papper.

Dina receptuppgifter får användas utan separat samtycke i vårdsituationer och när du hämtar läkemedel på apoteket.

## Du kan begränsa användningen av dina uppgifter
Med ett förbud mot utlämnande bestämmer du vilka av dina recept-, patient- och klientuppgifter som andra serviceproducenter inom social- och hälsovården inte får se. Uppgifter som du har förbjudit syns bara för den serviceproducent vars register de hör till.

Du kan ge ett samtycke till utlämnande av uppgifter eller ett förbud mot utlämnande i MittKanta eller när du anlitar social- eller hälsovården.

## Hälsouppgifter i Nyland
De offentliga serviceproducenterna inom hälso- och sjukvården i Nyland kan se dina patientuppgifter i varandras register när du har bekräftat att du har fått denna information. Du kan begränsa detta med ett förbud mot utlämnande.');
