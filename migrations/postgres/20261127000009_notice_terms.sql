-- The Finnish and Swedish texts of the current notice (2023-11) in the real
-- service's current terms (shared/TERMS.md): Kanta-informointi, luovutuslupa,
-- kuitata vastaanotetuksi; Kanta-tjänsterna, tillstånd för utlämnande,
-- tjänstetillhandahållare, yrkesutbildad person, vårdrelation. The content is
-- unchanged, so confirmations of 2023-11 stand. The 2022-11 texts are
-- historical and keep their words. The same file for SQLite and PostgreSQL.
UPDATE notice_text SET title = 'Kanta-informointi', body =
'Tämä informointi kertoo, mitä Kanta-palvelut ovat, miten tietojasi käytetään ja miten voit vaikuttaa niiden käyttöön. Informointi päivitettiin marraskuussa 2023. Tärkein muutos: antamasi tai päivittämäsi luovutuslupa kattaa nyt kaiken tietojesi luovutuksen sosiaali- ja terveydenhuollossa, sekä Kanta-palvelujen kautta että muilla tavoin.

## Kanta-palvelut auttavat käsittelemään tietojasi turvallisesti
Kanta-palvelut ovat sosiaali- ja terveydenhuollon valtakunnallisia tietojärjestelmäpalveluja. Kun asioit sosiaali- tai terveyspalveluissa tai apteekissa, tietosi tallennetaan palvelunantajan tietojärjestelmään ja sieltä Kanta-palveluihin, jotka välittävät ne turvallisesti asioitasi hoitaville ammattilaisille. Omat tietosi näet OmaKannasta.

## Tietojasi käytetään vain asiakas- tai hoitosuhteessa
Ammattilaiset käyttävät tietojasi vain tarvittaessa. Käyttö edellyttää aina asiakas- tai hoitosuhdetta, ja tietoihisi pääsevät vain ne, jotka tarvitsevat niitä työssään. Jokainen katselu kirjataan lokiin, jotta tietojesi käyttöä voidaan valvoa.

## Luovutusluvalla tietosi näkyvät myös muille palvelunantajille
Palvelunantaja saa käyttää omassa potilas- tai asiakasrekisterissään olevia tietoja ilman erillistä luovutuslupaa. Esimerkiksi hyvinvointialueen tallentamia potilastietoja voidaan käyttää saman alueen terveyspalveluissa.

Kun annat luovutusluvan, tietosi ovat käytettävissä myös muilla palvelunantajilla, missä tahansa asioit. Luovutuslupa koskee luovutusta sekä Kanta-palvelujen kautta että muilla tavoin, esimerkiksi paperilla.

Reseptitietojasi voidaan käyttää ilman erillistä luovutuslupaa hoitotilanteissa ja kun haet lääkkeitä apteekista.

## Voit rajata tietojesi käyttöä
Luovutuskiellolla päätät, mitä resepti-, potilas- ja asiakastietojasi muut sosiaali- ja terveydenhuollon palvelunantajat eivät saa nähdä. Kieltämäsi tiedot näkyvät vain sille palvelunantajalle, jonka rekisteriin ne kuuluvat.

Voit antaa luovutusluvan tai asettaa luovutuskiellon OmaKannassa tai asioidessasi sosiaali- tai terveyspalveluissa.

## Terveystiedot Uudellamaalla
Uudenmaan julkisen terveydenhuollon palvelunantajat voivat katsoa potilastietojasi toistensa rekistereistä, kun olet kuitannut tämän informoinnin vastaanotetuksi. Voit rajata tätä luovutuskiellolla.'
WHERE version = '2023-11' AND locale = 'fi';

UPDATE notice_text SET title = 'Information om Kanta-tjänsterna', body =
'Denna information berättar vad Kanta-tjänsterna är, hur dina uppgifter används och hur du kan påverka hur de används. Informationen uppdaterades i november 2023. Den viktigaste ändringen: ett tillstånd för utlämnande som du ger eller uppdaterar gäller nu allt utlämnande av dina uppgifter inom social- och hälsovården, både via Kanta-tjänsterna och på andra sätt.

## Kanta-tjänsterna hjälper till att hantera dina uppgifter tryggt
Kanta-tjänsterna är social- och hälsovårdens nationella informationssystemtjänster. När du anlitar social- eller hälsovården eller ett apotek sparas dina uppgifter i tjänstetillhandahållarens informationssystem och förs därifrån till Kanta-tjänsterna, som tryggt förmedlar dem till de yrkesutbildade personer som sköter dina ärenden. Dina egna uppgifter ser du i MittKanta.

## Dina uppgifter används bara i en kund- eller vårdrelation
Yrkesutbildade personer använder dina uppgifter bara när det behövs. Användningen förutsätter alltid en kund- eller vårdrelation, och bara de som behöver dina uppgifter i sitt arbete får tillgång till dem. Varje visning loggas, så att användningen av dina uppgifter kan övervakas.

## Med ett tillstånd för utlämnande kan även andra tjänstetillhandahållare se dina uppgifter
En tjänstetillhandahållare får använda uppgifterna i sitt eget patient- eller klientregister utan ett separat tillstånd från dig. Till exempel kan patientuppgifter som ett välfärdsområde har sparat användas inom samma områdes hälsotjänster.

När du ger ett tillstånd för utlämnande är dina uppgifter tillgängliga även för andra tjänstetillhandahållare, var du än sköter dina ärenden. Tillståndet gäller utlämnande både via Kanta-tjänsterna och på andra sätt, till exempel på papper.

Dina receptuppgifter får användas utan separat tillstånd i vårdsituationer och när du hämtar läkemedel på apoteket.

## Du kan begränsa användningen av dina uppgifter
Med ett förbud mot utlämnande bestämmer du vilka av dina recept-, patient- och klientuppgifter som andra tjänstetillhandahållare inom social- och hälsovården inte får se. Uppgifter som du har förbjudit syns bara för den tjänstetillhandahållare vars register de hör till.

Du kan ge ett tillstånd för utlämnande eller meddela ett förbud mot utlämnande i MittKanta eller när du anlitar social- eller hälsovården.

## Hälsouppgifter i Nyland
De offentliga tjänstetillhandahållarna inom hälso- och sjukvården i Nyland kan se dina patientuppgifter i varandras register när du har bekräftat att du har fått denna information. Du kan begränsa detta med ett förbud mot utlämnande.'
WHERE version = '2023-11' AND locale = 'sv';
