//! The demo people of DOMAIN.md §9, each with the situation the demo must
//! show, their histories told by the stories of `stories.rs`. Helmi's long
//! history is in `helmi.rs`, Oskari and his children in `family.rs`.

use chrono::{Duration, NaiveDate};

use super::catalogue::*;
use super::entries::{number_doses, rx, visit, Body};
use super::stories::*;
use super::*;
use crate::domain::declarations::{DeclarationEvent, Sector};
use crate::domain::wills::{AbroadCountries, CountryCode};

/// A person with nothing yet.
pub(super) fn person(code: &'static str) -> DemoPerson {
    DemoPerson {
        code,
        events: vec![],
        prescriptions: vec![],
        declarations: vec![],
        viewings: vec![],
        guardian_of: vec![],
        authorised: vec![],
        renewals: vec![],
        wellbeing: vec![],
    }
}

/// The latest day on or before `today` that is `month`/`day` (a season's
/// vaccination, whatever day the demo is seeded).
pub(super) fn last(today: NaiveDate, month: u32, day: u32) -> NaiveDate {
    let this_year = NaiveDate::from_ymd_opt(chrono::Datelike::year(&today), month, day).expect("a valid day");
    if this_year <= today {
        this_year
    } else {
        this_year - chrono::Months::new(12)
    }
}

/// Everything the demo seeds, as of `today`.
pub fn demo_people(today: NaiveDate) -> Vec<DemoPerson> {
    let ago = |days: i64| today - Duration::days(days);
    let days_since = |y, m, d| (today - NaiveDate::from_ymd_opt(y, m, d).expect("a valid date")).num_days();

    // Aino: Helsinki health centre and HUS; no consent; never confirmed the notice.
    let mut aino = person("120385-9026");
    let body = Body::of(aino.code);
    aino.events = vec![
        visit(body, "helsinki/patient", "helsinki-kallio", ago(400), &COMMON_COLD),
        visit(body, "helsinki/patient", "helsinki-kallio", ago(90), &AINO_BLOOD_PRESSURE),
        visit(body, "hus/patient", "hus-meilahti", ago(60), &AINO_INTERNAL_MEDICINE),
    ];

    // Matti: Pirkanmaa until 2024, then Varsinais-Suomi; a private clinic;
    // healthcare consent; prescriptions valid, expired and dispensed; social
    // welfare in Pirkanmaa; a knee operation six weeks ago, with a narcotic
    // pain medicine prescribed at it; atrial fibrillation found four months
    // ago, on apixaban since (a critical risk in his records).
    let mut matti = person("040762-913N");
    let body = Body::of(matti.code);
    matti.events = vec![
        visit(body, "pirkanmaa/patient", "pirkanmaa-hervanta", ago(1100), &LOW_BACK_PAIN),
        visit(body, "pirkanmaa/patient", "pirkanmaa-tays", ago(1050), &MATTI_PHYSIATRY),
        visit(body, "pirkanmaa/social", "pirkanmaa-sosiaali", ago(950), &MATTI_SOCIAL_WORK),
        visit(body, "lahiklinikka/patient", "lahiklinikka-tampere", ago(900), &MATTI_KNEE_SPRAIN),
        visit(body, "varsinais-suomi/patient", "vs-turku", ago(300), &MATTI_DIABETES_CHECK),
        visit(body, "varsinais-suomi/patient", "vs-tyks", ago(120), &MATTI_INTERNAL_MEDICINE),
        visit(body, "varsinais-suomi/patient", "vs-tyks-ortopedia", ago(45), &MATTI_KNEE_SURGERY),
    ];
    let twice = "1 tabletti 2 kertaa päivässä aterian yhteydessä";
    let tahti = "apteekki-tahti";
    matti.prescriptions = vec![
        rx("vs-turku", METFORMIINI, twice, ago(300), 200, vec![(tahti, ago(295), 100), (tahti, ago(150), 100)]),
        rx("vs-tyks", RAMIPRIILI, "1 tabletti aamulla", ago(120), 100, vec![(tahti, ago(118), 30)]),
        rx(
            "vs-tyks",
            APIKSABAANI,
            "1 tabletti 2 kertaa päivässä",
            ago(120),
            672,
            vec![(tahti, ago(118), 168), (tahti, ago(30), 168)],
        ),
        rx(
            "pirkanmaa-hervanta",
            IBUPROFEENI,
            "1 tabletti tarvittaessa, enintään 3 tablettia vuorokaudessa",
            ago(1100),
            30,
            vec![("apteekki-hervanta", ago(1099), 30)],
        ),
        rx(
            "lahiklinikka-tampere",
            PARASETAMOLI,
            "1–2 tablettia tarvittaessa, enintään 6 vuorokaudessa",
            ago(900),
            100,
            vec![],
        ),
        // A narcotic pain medicine prescribed at his knee operation: never
        // renewed by request, never disclosed abroad.
        rx(
            "vs-tyks-ortopedia",
            OKSIKODONI,
            "1 kapseli tarvittaessa kovaan kipuun, enintään 3 vuorokaudessa",
            ago(45),
            20,
            vec![(tahti, ago(45), 20)],
        ),
    ];
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
    // Fasting glucose at home since the diabetes was found; no consent to share it.
    matti.wellbeing = super::wellbeing::matti_fasting_glucose();
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
    let body = Body::of(liisa.code);
    liisa.events = vec![
        visit(body, "pirkanmaa/patient", "pirkanmaa-hervanta", ago(760), &LIISA_DEPRESSION),
        visit(body, "pirkanmaa/patient", "pirkanmaa-hervanta", last(today, 10, 21), &FLU_VACCINATION),
        visit(body, "lahiklinikka/patient", "lahiklinikka-tampere", ago(100), &LIISA_ECZEMA),
    ];
    let hervanta = "apteekki-hervanta";
    liisa.prescriptions = vec![
        rx("pirkanmaa-hervanta", SERTRALIINI, "1 tabletti aamulla", ago(760), 100, vec![(hervanta, ago(758), 100)]),
        rx("lahiklinikka-tampere", HYDROKORTISONI, "ohuelti iholle 2 kertaa päivässä viikon ajan", ago(100), 2, vec![]),
        rx("pirkanmaa-hervanta", SERTRALIINI, "1 tabletti aamulla", ago(150), 100, vec![(hervanta, ago(148), 100)]),
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
    let body = Body::of(juhani.code);
    juhani.events = vec![
        visit(body, "pirkanmaa/patient", "pirkanmaa-tays-pkl", ago(800), &JUHANI_EMERGENCY),
        visit(body, "pohjois-pohjanmaa/patient", "pp-oulu", ago(500), &JUHANI_ASTHMA),
        visit(body, "pohjois-pohjanmaa/social", "pp-sosiaali", ago(450), &JUHANI_INCOME_SUPPORT),
        visit(body, "pohjois-pohjanmaa/patient", "pp-oulu", ago(30), &JUHANI_ASTHMA_CHECK),
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
    let body = Body::of(elina.code);
    elina.events = vec![
        visit(body, "vantaa-kerava/patient", "vantaa-tikkurila", ago(600), &ELINA_MIGRAINE),
        visit(body, "hus/patient", "hus-neurologia", ago(550), &ELINA_NEUROLOGY),
        visit(body, "kide-terveys/occupational", "kide-tyoterveys", ago(200), &ELINA_OCCUPATIONAL),
        visit(body, "kide-terveys/patient", "kide-helsinki", ago(80), &COMMON_COLD_SHORT),
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
        disclosure("hus", "hus-neurologia", 550, "Migreeni: diagnoosi", "uusimaa"),
        disclosure("vantaa-kerava", "vantaa-tikkurila", 540, "Neurologian poliklinikka: käyntiyhteenveto", "uusimaa"),
        disclosure("hus", "hus-neurologia", 120, "Migreeni: diagnoosi", "emergency"),
        disclosure(
            "vantaa-kerava",
            "vantaa-tikkurila",
            60,
            "Neurologian poliklinikka: kuvantamistutkimus",
            "emergency",
        ),
    ];

    // Anna: a few records of her own.
    let mut anna = person("140282-9725");
    let body = Body::of(anna.code);
    anna.events = vec![
        visit(body, "kanta-hame/patient", "kh-hameenlinna", ago(620), &COMMON_COLD_SHORT),
        visit(body, "kide-terveys/patient", "kide-helsinki", ago(45), &LOW_BACK_PAIN),
    ];

    let (oskari, eetu, sofia) = super::family::oskari_and_children(today);
    let helmi = super::helmi::helmi(today);
    let mut people = vec![aino, matti, liisa, juhani, elina, oskari, eetu, sofia, helmi, anna];
    for p in &mut people {
        number_doses(&mut p.events);
    }
    people
}
