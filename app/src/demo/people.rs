//! The demo people of DOMAIN.md §9, each with the situation the demo must show.

use chrono::{Duration, NaiveDate};

use super::entries::{demo_entry, event, rx, Lcg, HEALTH_KINDS};
use super::*;
use crate::domain::declarations::{DeclarationEvent, Sector};
use crate::domain::renewal::{MedicineClass, RenewalState};
use crate::domain::wills::{AbroadCountries, CountryCode, LivingWill, OrganDonation};

/// Everything the demo seeds, as of `today`.
pub fn demo_people(today: NaiveDate) -> Vec<DemoPerson> {
    let ago = |days: i64| today - Duration::days(days);
    let days_since = |y, m, d| (today - NaiveDate::from_ymd_opt(y, m, d).expect("a valid date")).num_days();
    let person = |code| DemoPerson {
        code,
        events: vec![],
        prescriptions: vec![],
        declarations: vec![],
        viewings: vec![],
        guardian_of: vec![],
        authorised: vec![],
        renewals: vec![],
    };

    // Aino: Helsinki health centre and HUS; no consent; never confirmed the notice.
    let mut aino = person("120385-9026");
    aino.events = vec![
        event("helsinki/patient", "helsinki-kallio", ago(400), "Flunssa", &["visit_summary", "diagnosis"]),
        event(
            "helsinki/patient",
            "helsinki-kallio",
            ago(90),
            "Verenpaineen seuranta",
            &["visit_summary", "measurement", "referral"],
        ),
        event(
            "hus/patient",
            "hus-meilahti",
            ago(60),
            "Sisätautien poliklinikka",
            &["visit_summary", "laboratory_result", "care_plan"],
        ),
    ];

    // Matti: Pirkanmaa until 2024, then Varsinais-Suomi; a private clinic;
    // healthcare consent; prescriptions valid, expired and dispensed; social welfare in Pirkanmaa.
    let mut matti = person("040762-913N");
    matti.events = vec![
        event(
            "pirkanmaa/patient",
            "pirkanmaa-hervanta",
            ago(1100),
            "Selkäkipu",
            &["visit_summary", "diagnosis", "referral"],
        ),
        event(
            "pirkanmaa/patient",
            "pirkanmaa-tays",
            ago(1050),
            "Fysiatrian poliklinikka",
            &["visit_summary", "imaging_study"],
        ),
        event(
            "pirkanmaa/social",
            "pirkanmaa-kotihoito",
            ago(900),
            "Kotihoito",
            &["client_document", "client_document"],
        ),
        event(
            "lahiklinikka/patient",
            "lahiklinikka-tampere",
            ago(800),
            "Polven vamma",
            &["visit_summary", "imaging_study", "procedure"],
        ),
        event(
            "varsinais-suomi/patient",
            "vs-turku",
            ago(300),
            "Diabeteksen vuosikontrolli",
            &["visit_summary", "laboratory_result", "measurement", "care_plan"],
        ),
        event(
            "varsinais-suomi/patient",
            "vs-tyks",
            ago(120),
            "Sisätautien poliklinikka",
            &["visit_summary", "laboratory_result"],
        ),
    ];
    matti.prescriptions = vec![
        rx(
            "varsinais-suomi",
            "vs-turku",
            "Metformin",
            "500 mg",
            "1 tabletti 2 kertaa päivässä",
            ago(300),
            730,
            200,
            vec![("apteekki-tahti", ago(295), 100), ("apteekki-tahti", ago(150), 100)],
        ),
        rx(
            "varsinais-suomi",
            "vs-turku",
            "Ramipril",
            "5 mg",
            "1 tabletti aamulla",
            ago(120),
            730,
            100,
            vec![("apteekki-tahti", ago(118), 30)],
        ),
        rx(
            "pirkanmaa",
            "pirkanmaa-hervanta",
            "Ibuprofen",
            "400 mg",
            "1 tabletti tarvittaessa, enintään 3 päivässä",
            ago(1100),
            365,
            30,
            vec![("apteekki-hervanta", ago(1099), 30)],
        ),
        rx(
            "lahiklinikka",
            "lahiklinikka-tampere",
            "Parasetamoli",
            "500 mg",
            "2 tablettia tarvittaessa",
            ago(800),
            365,
            100,
            vec![],
        ),
    ];
    // A narcotic pain medicine after his knee operation: never renewed by
    // request, never disclosed abroad.
    let mut oxycodone =
        rx("varsinais-suomi", "vs-turku", "Oksikodoni", "5 mg", "1 tabletti tarvittaessa", ago(40), 365, 20, vec![]);
    oxycodone.class = MedicineClass::Narcotic;
    matti.prescriptions.push(oxycodone);
    matti.declarations = vec![
        (1000, DemoActor::Citizen, DemoDeclaration::Consent(Sector::Healthcare)),
        // Pharmacies in Estonia may see his prescriptions (not the narcotic).
        (
            300,
            DemoActor::Citizen,
            DemoDeclaration::Event(DeclarationEvent::AbroadConsentGiven(AbroadCountries::Chosen(
                [CountryCode::parse("EE").expect("a country code")].into(),
            ))),
        ),
    ];
    matti.viewings = vec![DemoViewing {
        provider: "varsinais-suomi",
        unit: "vs-tyks",
        days_ago: 120,
        what: "Selkäkipu: käyntiyhteenveto",
        purpose: "treatment",
        basis: "consent",
    }];

    // Liisa: a denial of one service event and of one valid prescription; a
    // healthcare consent given before 2024 (covers Kanta only: to update).
    let mut liisa = person("231190-924R");
    liisa.events = vec![
        event(
            "pirkanmaa/patient",
            "pirkanmaa-hervanta",
            ago(700),
            "Mielenterveyskäynti",
            &["visit_summary", "diagnosis", "care_plan"],
        ),
        event("pirkanmaa/patient", "pirkanmaa-hervanta", ago(200), "Rokotus", &["vaccination"]),
        event("lahiklinikka/patient", "lahiklinikka-tampere", ago(100), "Ihottuma", &["visit_summary", "diagnosis"]),
    ];
    liisa.prescriptions = vec![
        rx(
            "pirkanmaa",
            "pirkanmaa-hervanta",
            "Sertraliini",
            "50 mg",
            "1 tabletti aamulla",
            ago(700),
            365,
            100,
            vec![("apteekki-hervanta", ago(698), 100)],
        ),
        rx(
            "lahiklinikka",
            "lahiklinikka-tampere",
            "Hydrokortisoni",
            "1 %",
            "ohuelti iholle 2 kertaa päivässä",
            ago(100),
            365,
            1,
            vec![],
        ),
        rx(
            "pirkanmaa",
            "pirkanmaa-hervanta",
            "Sertraliini",
            "50 mg",
            "1 tabletti aamulla",
            ago(150),
            730,
            100,
            vec![("apteekki-hervanta", ago(148), 100)],
        ),
    ];
    liisa.declarations = vec![
        (days_since(2023, 6, 15), DemoActor::Citizen, DemoDeclaration::Consent(Sector::Healthcare)),
        (640, DemoActor::Citizen, DemoDeclaration::DenyEvent(0, false)),
        (140, DemoActor::Citizen, DemoDeclaration::DenyPrescription(2, false)),
    ];

    // Juhani: notice in person at Pohjois-Pohjanmaa; a healthcare consent,
    // then a comprehensive healthcare denial allowing emergencies; social
    // welfare consent; data in a second county (Pirkanmaa), which another
    // provider sees in an emergency only.
    let mut juhani = person("300178-935E");
    juhani.events = vec![
        event(
            "pirkanmaa/patient",
            "pirkanmaa-tays",
            ago(800),
            "Päivystyskäynti",
            &["visit_summary", "diagnosis", "imaging_study"],
        ),
        event(
            "pohjois-pohjanmaa/patient",
            "pp-oulu",
            ago(500),
            "Astma",
            &["visit_summary", "diagnosis", "measurement", "care_plan"],
        ),
        event("pohjois-pohjanmaa/social", "pp-sosiaali", ago(450), "Toimeentulotuki", &["client_document"]),
        event("pohjois-pohjanmaa/patient", "pp-oulu", ago(30), "Astman kontrolli", &["visit_summary", "measurement"]),
    ];
    juhani.declarations = vec![
        (600, DemoActor::Citizen, DemoDeclaration::Consent(Sector::Healthcare)),
        (
            280,
            DemoActor::Professional("pohjois-pohjanmaa"),
            DemoDeclaration::DenyComprehensive(Sector::Healthcare, true),
        ),
        (279, DemoActor::Professional("pohjois-pohjanmaa"), DemoDeclaration::Consent(Sector::SocialWelfare)),
    ];

    // Elina: Vantaa-Kerava and HUS; Uusimaa denial; occupational health; viewings.
    let mut elina = person("150571-946J");
    elina.events = vec![
        event("vantaa-kerava/patient", "vantaa-tikkurila", ago(600), "Migreeni", &["visit_summary", "diagnosis"]),
        event(
            "hus/patient",
            "hus-meilahti",
            ago(550),
            "Neurologian poliklinikka",
            &["visit_summary", "imaging_study", "care_plan"],
        ),
        event(
            "kide-terveys/occupational",
            "kide-tyoterveys",
            ago(200),
            "Työterveystarkastus",
            &["visit_summary", "measurement", "certificate"],
        ),
        event("kide-terveys/patient", "kide-helsinki", ago(80), "Flunssa", &["visit_summary"]),
    ];
    elina.declarations = vec![(500, DemoActor::Citizen, DemoDeclaration::DenyUusimaa(false))];
    // Disclosures of her data through Kanta: before her Uusimaa denial by the
    // Uusimaa rule, after it only in emergencies (no consent of hers).
    let disclosure = |provider, unit, days_ago, what, basis| DemoViewing {
        provider,
        unit,
        days_ago,
        what,
        purpose: if basis == "emergency" { "emergency" } else { "treatment" },
        basis,
    };
    elina.viewings = vec![
        disclosure("hus", "hus-meilahti", 550, "Migreeni: diagnoosi", "uusimaa"),
        disclosure("vantaa-kerava", "vantaa-tikkurila", 540, "Neurologian poliklinikka: käyntiyhteenveto", "uusimaa"),
        disclosure("hus", "hus-meilahti", 120, "Migreeni: diagnoosi", "emergency"),
        disclosure(
            "vantaa-kerava",
            "vantaa-tikkurila",
            60,
            "Neurologian poliklinikka: kuvantamistutkimus",
            "emergency",
        ),
    ];

    // Oskari: his own records; guardian of Eetu (8) and Sofia (16).
    let mut oskari = person("080988-9570");
    oskari.events =
        vec![event("helsinki/patient", "helsinki-kallio", ago(250), "Hammassärky", &["visit_summary", "referral"])];
    oskari.guardian_of = vec!["190218A967P", "020610A9788"];
    oskari.declarations = vec![(200, DemoActor::Citizen, DemoDeclaration::Consent(Sector::Healthcare))];
    let mut eetu = person("190218A967P");
    eetu.events = vec![
        event(
            "helsinki/patient",
            "helsinki-kallio",
            ago(2500),
            "Neuvolakäynti",
            &["visit_summary", "measurement", "vaccination"],
        ),
        event("hus/patient", "hus-meilahti", ago(700), "Korvatulehdus", &["visit_summary", "diagnosis"]),
    ];
    let mut sofia = person("020610A9788");
    let tenth_birthday = NaiveDate::from_ymd_opt(2020, 6, 2).expect("valid date");
    sofia.events = vec![
        event(
            "helsinki/patient",
            "helsinki-kallio",
            tenth_birthday - Duration::days(800),
            "Neuvolakäynti",
            &["visit_summary", "vaccination"],
        ),
        event(
            "helsinki/patient",
            "helsinki-kallio",
            tenth_birthday - Duration::days(100),
            "Kouluterveydenhuolto",
            &["visit_summary", "measurement"],
        ),
        event("helsinki/patient", "helsinki-kallio", ago(150), "Urheiluvamma", &["visit_summary", "imaging_study"]),
    ];

    // Helmi: a long history in six registers, and many prescriptions.
    let mut helmi = person("271055-988J");
    let places: [(&str, &str); 6] = [
        ("kanta-hame/patient", "kh-hameenlinna"),
        ("kanta-hame/social", "kh-sosiaali"),
        ("pirkanmaa/patient", "pirkanmaa-tays"),
        ("hus/patient", "hus-meilahti"),
        ("lahiklinikka/patient", "lahiklinikka-tampere"),
        ("kide-terveys/patient", "kide-helsinki"),
    ];
    let mut rng = Lcg(271055);
    for i in 0..430u64 {
        let (register, unit) = places[(i % 6) as usize];
        let on = ago(12 * 365 - (i as i64) * 10 - rng.below(7) as i64);
        let n = 4 + rng.below(3) as usize;
        let kinds: Vec<&'static str> = if register.ends_with("/social") {
            vec!["client_document"; n]
        } else {
            (0..n).map(|_| HEALTH_KINDS[rng.below(HEALTH_KINDS.len() as u64) as usize]).collect()
        };
        let mut e = event(
            register,
            unit,
            on,
            if register.ends_with("/social") { "Kotihoito" } else { "Vastaanottokäynti" },
            &kinds,
        );
        for (j, entry) in e.entries.iter_mut().enumerate() {
            *entry = demo_entry(entry.kind, rng.below(8) + j as u64, on);
        }
        helmi.events.push(e);
    }
    let medicines = [
        ("Simvastatiini", "20 mg"),
        ("Bisoprololi", "5 mg"),
        ("Levotyroksiini", "50 µg"),
        ("Kalsium + D3", "500 mg/20 µg"),
    ];
    for i in 0..44i64 {
        let (medicine, strength) = medicines[(i % 4) as usize];
        let on = ago(12 * 365 - i * 95);
        let dispensed = if i % 3 == 0 { vec![] } else { vec![("apteekki-kauppatori", on + Duration::days(2), 100)] };
        helmi.prescriptions.push(rx(
            "kanta-hame",
            "kh-hameenlinna",
            medicine,
            strength,
            "1 tabletti päivässä",
            on,
            365,
            100,
            dispensed,
        ));
    }
    // What is new on her front page: a check-up a week ago and a laboratory
    // visit today; and a blood pressure medicine that ends within 30 days.
    helmi.events.push(event(
        "kanta-hame/patient",
        "kh-hameenlinna",
        ago(7),
        "Verenpaineen tarkastus",
        &["visit_summary", "measurement"],
    ));
    helmi.events.push(event(
        "kanta-hame/patient",
        "kh-hameenlinna",
        today,
        "Laboratoriokäynti",
        &["laboratory_result"],
    ));
    helmi.prescriptions.push(rx(
        "kanta-hame",
        "kh-hameenlinna",
        "Amlodipiini",
        "5 mg",
        "1 tabletti päivässä",
        ago(345),
        365,
        100,
        vec![("apteekki-kauppatori", ago(343), 50)],
    ));
    // Two long-term medicines renewed last spring, with plenty left.
    for (medicine, strength) in [("Losartaani", "50 mg"), ("Atorvastatiini", "20 mg")] {
        let dispensed = vec![("apteekki-kauppatori", ago(198), 100)];
        let dosage = "1 tabletti päivässä";
        helmi.prescriptions.push(rx(
            "kanta-hame",
            "kh-hameenlinna",
            medicine,
            strength,
            dosage,
            ago(200),
            730,
            400,
            dispensed,
        ));
    }
    // Her renewal requests, one in each state (by index in `prescriptions`):
    // declined, renewed, in progress, sent, returned, and expired.
    let renewal = |prescription, sent_days_ago, message, states| DemoRenewal {
        prescription,
        unit: "kh-hameenlinna",
        sent_days_ago,
        message,
        states,
    };
    helmi.renewals = vec![
        renewal(38, 420, None, vec![(RenewalState::InProgress, 419), (RenewalState::Declined, 415)]),
        renewal(39, 320, Some("Sama annos kuin ennenkin."), vec![(RenewalState::Renewed, 318)]),
        renewal(42, 3, None, vec![(RenewalState::InProgress, 2)]),
        renewal(41, 1, Some("Lääkkeet loppuvat ensi viikolla."), vec![]),
        renewal(43, 60, Some("Voisiko annosta nostaa?"), vec![(RenewalState::Returned, 58)]),
        // Not handled within 8 days: shown as expired (derived, nothing stored).
        renewal(46, 20, None, vec![]),
    ];
    // A living will in two versions, and an organ donation testament.
    let will = |care: &str, end_of_life: &str, person: &str| {
        DemoDeclaration::Event(DeclarationEvent::LivingWillSaved(LivingWill {
            care: care.into(),
            end_of_life: end_of_life.into(),
            person_to_hear: person.into(),
        }))
    };
    helmi.declarations = vec![
        (3000, DemoActor::Citizen, DemoDeclaration::Consent(Sector::Healthcare)),
        (900, DemoActor::Citizen, will("En halua tehohoitoa, jos toipumisesta ei ole toivoa.", "", "Anna Koskinen")),
        (
            700,
            DemoActor::Citizen,
            DemoDeclaration::Event(DeclarationEvent::OrganDonationDeclared(OrganDonation {
                donate: true,
                restriction: "Ei sarveiskalvoja.".into(),
            })),
        ),
        (
            200,
            DemoActor::Citizen,
            will(
                "En halua tehohoitoa enkä elvytystä, jos toipumisesta ei ole toivoa.",
                "Haluan kivunlievitystä ja saada olla kotona niin pitkään kuin mahdollista.",
                "Anna Koskinen, tytär",
            ),
        ),
    ];
    // Her daughter Anna may view her health data (a Suomi.fi e-authorisation
    // for healthcare matters only: not her social welfare documents).
    let healthcare = crate::domain::acting::AuthorisedMatters { healthcare: true, social_welfare: false };
    helmi.authorised = vec![("140282-9725", ago(400), today + Duration::days(3 * 365), healthcare)];

    // Anna: a few records of her own.
    let mut anna = person("140282-9725");
    anna.events = vec![
        event("kanta-hame/patient", "kh-hameenlinna", ago(620), "Flunssa", &["visit_summary"]),
        event("kide-terveys/patient", "kide-helsinki", ago(45), "Selkäkipu", &["visit_summary", "referral"]),
    ];

    vec![aino, matti, liisa, juhani, elina, oskari, eetu, sofia, helmi, anna]
}
