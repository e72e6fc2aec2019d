//! The demo people's records and declarations (DOMAIN.md §9), built as plain
//! data: deterministic (the same rows, with dates relative to `today`, every
//! time), no I/O. The server's seed writes it; the benchmark reads it.

use chrono::{Datelike, Duration, NaiveDate};

use crate::domain::declarations::{CrossSector, RegisterKind, Sector};

/// (register id, provider id, kind as stored)
pub const REGISTERS: &[(&str, &str, &str)] = &[
    ("helsinki/patient", "helsinki", "patient"),
    ("hus/patient", "hus", "patient"),
    ("vantaa-kerava/patient", "vantaa-kerava", "patient"),
    ("vantaa-kerava/social", "vantaa-kerava", "social_welfare_client"),
    ("pirkanmaa/patient", "pirkanmaa", "patient"),
    ("pirkanmaa/social", "pirkanmaa", "social_welfare_client"),
    ("varsinais-suomi/patient", "varsinais-suomi", "patient"),
    ("pohjois-pohjanmaa/patient", "pohjois-pohjanmaa", "patient"),
    ("pohjois-pohjanmaa/social", "pohjois-pohjanmaa", "social_welfare_client"),
    ("kanta-hame/patient", "kanta-hame", "patient"),
    ("kanta-hame/social", "kanta-hame", "social_welfare_client"),
    ("lahiklinikka/patient", "lahiklinikka", "patient"),
    ("kide-terveys/patient", "kide-terveys", "patient"),
    ("kide-terveys/occupational", "kide-terveys", "occupational_health"),
];

/// (unit id, provider id, name as recorded)
pub const UNITS: &[(&str, &str, &str)] = &[
    ("helsinki-kallio", "helsinki", "Kallion terveysasema"),
    ("hus-meilahti", "hus", "HUS Meilahden sairaala, sisätautien poliklinikka"),
    ("vantaa-tikkurila", "vantaa-kerava", "Tikkurilan terveysasema"),
    ("vantaa-sosiaali", "vantaa-kerava", "Vantaan aikuissosiaalityö"),
    ("pirkanmaa-hervanta", "pirkanmaa", "Hervannan terveysasema"),
    ("pirkanmaa-tays", "pirkanmaa", "Tays Keskussairaala"),
    ("pirkanmaa-kotihoito", "pirkanmaa", "Tampereen kotihoito"),
    ("vs-turku", "varsinais-suomi", "Turun terveysasema, Keskusta"),
    ("vs-tyks", "varsinais-suomi", "Tyks T-sairaala"),
    ("pp-oulu", "pohjois-pohjanmaa", "Oulun terveysasema, Keskusta"),
    ("pp-sosiaali", "pohjois-pohjanmaa", "Oulun sosiaalipalvelut"),
    ("kh-hameenlinna", "kanta-hame", "Hämeenlinnan terveysasema"),
    ("kh-sosiaali", "kanta-hame", "Hämeenlinnan vanhuspalvelut"),
    ("lahiklinikka-tampere", "lahiklinikka", "Lähiklinikka Tampere"),
    ("kide-helsinki", "kide-terveys", "Kide Terveys Helsinki"),
    ("kide-tyoterveys", "kide-terveys", "Kide Työterveys Helsinki"),
];

#[derive(Debug, Clone)]
pub struct DemoEntry {
    pub kind: &'static str,
    pub recorded_on: NaiveDate,
    pub text: String,
    /// A laboratory result's value (every laboratory_result entry has one).
    pub lab: Option<DemoLab>,
    /// A vaccination's vaccine and dose (every vaccination entry has one).
    pub vaccination: Option<(&'static str, u32)>,
}

/// A laboratory result as a value.
#[derive(Debug, Clone, PartialEq)]
pub struct DemoLab {
    pub test: &'static str,
    pub value: f64,
    pub unit: &'static str,
    pub reference_low: Option<f64>,
    pub reference_high: Option<f64>,
}

/// The demo's laboratory tests: code, unit, reference range (adult women),
/// and how a value moves over the years from 2014 (start, change a year,
/// wobble, decimals): creatinine and HbA1c drift up and leave the range,
/// LDL cholesterol comes down into it on a statin, haemoglobin stays.
struct LabTest {
    test: &'static str,
    unit: &'static str,
    low: Option<f64>,
    high: Option<f64>,
    /// The value in 2014, its change a year, and how far it wobbles.
    start: f64,
    per_year: f64,
    wobble: f64,
    decimals: i32,
}

#[rustfmt::skip]
const LAB_TESTS: [LabTest; 4] = [
    LabTest { test: "P-Krea", unit: "µmol/l", low: Some(50.0), high: Some(90.0), start: 68.0, per_year: 2.0, wobble: 4.0, decimals: 0 },
    LabTest { test: "B-HbA1c", unit: "mmol/mol", low: Some(20.0), high: Some(42.0), start: 36.0, per_year: 1.0, wobble: 2.0, decimals: 0 },
    LabTest { test: "P-LDL-kol", unit: "mmol/l", low: None, high: Some(3.0), start: 3.8, per_year: -0.12, wobble: 0.2, decimals: 1 },
    LabTest { test: "B-Hb", unit: "g/l", low: Some(117.0), high: Some(155.0), start: 135.0, per_year: 0.0, wobble: 6.0, decimals: 0 },
];

/// The `n`th laboratory test's result on `on`, and its text as the
/// laboratory writes it (Finnish decimal comma).
fn lab_result(n: u64, on: NaiveDate) -> (String, DemoLab) {
    let LabTest { test, unit, low, high, start, per_year, wobble, decimals } =
        LAB_TESTS[(n as usize) % LAB_TESTS.len()];
    let years = (on - NaiveDate::from_ymd_opt(2014, 1, 1).expect("a date")).num_days() as f64 / 365.25;
    let swing = ((on.num_days_from_ce() as i64 * 7 + n as i64 * 13).rem_euclid(9) - 4) as f64 / 4.0;
    let scale = 10f64.powi(decimals);
    let value = ((start + per_year * years + wobble * swing) * scale).round() / scale;
    let written = format!("{value:.prec$}", prec = decimals as usize).replace('.', ",");
    let lab = DemoLab { test, value, unit, reference_low: low, reference_high: high };
    (format!("{test} {written} {unit}"), lab)
}

/// The `n`th vaccine and the dose given on `on`: influenza once a season,
/// COVID-19 doses numbered from 2021, the tetanus-diphtheria booster by
/// its place in the series.
fn vaccination(n: u64, on: NaiveDate) -> (&'static str, u32) {
    match n % 3 {
        0 => ("Influenssarokote (Vaxigrip Tetra)", 1),
        1 => ("Covid-19-rokote (Comirnaty)", 1 + (on.year() - 2021).clamp(0, 4) as u32),
        _ => ("dT-rokote (jäykkäkouristus ja kurkkumätä)", 1 + (on.year() as u32 % 3)),
    }
}

/// An entry of `kind` on `on`, the `n`th of its kind's texts.
fn demo_entry(kind: &'static str, n: u64, on: NaiveDate) -> DemoEntry {
    if kind == "laboratory_result" {
        let (text, lab) = lab_result(n, on);
        return DemoEntry { kind, recorded_on: on, text, lab: Some(lab), vaccination: None };
    }
    if kind == "vaccination" {
        let (vaccine, dose) = vaccination(n, on);
        let text = format!("{vaccine}, {dose}. annos");
        return DemoEntry { kind, recorded_on: on, text, lab: None, vaccination: Some((vaccine, dose)) };
    }
    DemoEntry { kind, recorded_on: on, text: entry_text(kind, n), lab: None, vaccination: None }
}

#[derive(Debug, Clone)]
pub struct DemoEvent {
    pub register: &'static str,
    pub unit: &'static str,
    pub started_on: NaiveDate,
    pub title: String,
    pub entries: Vec<DemoEntry>,
}

#[derive(Debug, Clone)]
pub struct DemoPrescription {
    pub prescriber: &'static str,
    pub unit: &'static str,
    pub medicine: &'static str,
    pub strength: &'static str,
    pub dosage: &'static str,
    pub prescribed_on: NaiveDate,
    pub valid_until: NaiveDate,
    pub amount: i64,
    pub amount_unit: &'static str,
    /// (pharmacy, date, amount)
    pub dispensings: Vec<(&'static str, NaiveDate, i64)>,
}

#[derive(Debug, Clone)]
pub enum DemoActor {
    Citizen,
    /// A guardian, by identity code.
    Guardian(&'static str),
    Professional(&'static str),
}

/// A declaration, referring to the person's own events and prescriptions by
/// their index in [`DemoPerson::events`] and [`DemoPerson::prescriptions`].
#[derive(Debug, Clone)]
pub enum DemoDeclaration {
    Consent(Sector),
    CrossConsent(CrossSector),
    DenyEvent(usize, bool),
    DenyPrescription(usize, bool),
    DenyRegister(&'static str, RegisterKind, bool),
    DenyComprehensive(Sector, bool),
    DenyUusimaa(bool),
}

#[derive(Debug, Clone)]
pub struct DemoViewing {
    pub provider: &'static str,
    pub unit: &'static str,
    pub days_ago: i64,
    pub what: &'static str,
    pub purpose: &'static str,
}

#[derive(Debug, Clone)]
pub struct DemoPerson {
    pub code: &'static str,
    pub events: Vec<DemoEvent>,
    pub prescriptions: Vec<DemoPrescription>,
    /// (days ago, actor, declaration)
    pub declarations: Vec<(i64, DemoActor, DemoDeclaration)>,
    pub viewings: Vec<DemoViewing>,
    /// Identity codes of the children this person is the guardian of.
    pub guardian_of: Vec<&'static str>,
}

/// A small deterministic generator (no dependency, same numbers everywhere).
struct Lcg(u64);
impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

const HEALTH_KINDS: [&str; 11] = [
    "visit_summary",
    "diagnosis",
    "laboratory_result",
    "imaging_study",
    "vaccination",
    "critical_risk",
    "referral",
    "measurement",
    "procedure",
    "care_plan",
    "certificate",
];

fn entry_text(kind: &str, n: u64) -> String {
    let texts: &[&str] = match kind {
        "visit_summary" => &[
            "Vastaanottokäynti, vointi hyvä.",
            "Kontrollikäynti, ei muutoksia.",
            "Akuuttivastaanotto, kuumetta kaksi päivää.",
        ],
        "diagnosis" => {
            &["J06.9 Ylähengitystieinfektio", "I10 Verenpainetauti", "M54.5 Alaselkäkipu", "E11.9 Tyypin 2 diabetes"]
        }
        "imaging_study" => &["Keuhkojen röntgen: ei tuoreita muutoksia.", "Polven MRI: meniskin repeämä."],
        "critical_risk" => &["Penisilliiniallergia: nokkosihottuma."],
        "referral" => &["Lähete erikoissairaanhoitoon, sisätaudit.", "Lähete fysioterapiaan."],
        "measurement" => &["Verenpaine 128/82 mmHg", "Paino 72 kg", "Pituus 168 cm"],
        "procedure" => &["Haavan ompelu, 4 ommelta.", "Luomen poisto."],
        "care_plan" => &["Hoitosuunnitelma: liikunta, seurantakäynti 6 kk.", "Verenpaineen kotiseuranta."],
        "certificate" => &["Lääkärintodistus B.", "Sairauslomatodistus 3 päivää."],
        _ => &[
            "Asiakaskertomus: palvelutarpeen arvio.",
            "Päätös: kotihoidon palvelu myönnetty.",
            "Palvelusuunnitelma päivitetty.",
        ],
    };
    texts[(n as usize) % texts.len()].to_string()
}

fn event(register: &'static str, unit: &'static str, on: NaiveDate, title: &str, kinds: &[&'static str]) -> DemoEvent {
    DemoEvent {
        register,
        unit,
        started_on: on,
        title: title.to_string(),
        entries: kinds.iter().enumerate().map(|(i, k)| demo_entry(k, i as u64, on)).collect(),
    }
}

#[allow(clippy::too_many_arguments)]
fn rx(
    prescriber: &'static str,
    unit: &'static str,
    medicine: &'static str,
    strength: &'static str,
    dosage: &'static str,
    prescribed_on: NaiveDate,
    valid_days: i64,
    amount: i64,
    dispensings: Vec<(&'static str, NaiveDate, i64)>,
) -> DemoPrescription {
    DemoPrescription {
        prescriber,
        unit,
        medicine,
        strength,
        dosage,
        prescribed_on,
        valid_until: prescribed_on + Duration::days(valid_days),
        amount,
        amount_unit: "tabl",
        dispensings,
    }
}

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
    };

    // Aino: Helsinki health centre and HUS; no consent; never confirmed the notice.
    let mut aino = person("120385-9015");
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
    let mut matti = person("040762-912M");
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
    matti.declarations = vec![(1000, DemoActor::Citizen, DemoDeclaration::Consent(Sector::Healthcare))];
    matti.viewings = vec![DemoViewing {
        provider: "varsinais-suomi",
        unit: "vs-tyks",
        days_ago: 120,
        what: "Potilaskertomus",
        purpose: "treatment",
    }];

    // Liisa: a denial of one service event and of one valid prescription; a
    // healthcare consent given before 2024 (covers Kanta only: to update).
    let mut liisa = person("231190-923P");
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
    let mut juhani = person("300178-934D");
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
    let mut elina = person("150571-945H");
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
    // What each viewing names is in her data; the last two come after her
    // Uusimaa denial, and each is a provider reading its own register.
    elina.viewings = vec![
        DemoViewing {
            provider: "hus",
            unit: "hus-meilahti",
            days_ago: 550,
            what: "Neurologian poliklinikka: käyntiyhteenveto",
            purpose: "treatment",
        },
        DemoViewing {
            provider: "vantaa-kerava",
            unit: "vantaa-tikkurila",
            days_ago: 540,
            what: "Migreeni: diagnoosi",
            purpose: "treatment",
        },
        DemoViewing {
            provider: "kide-terveys",
            unit: "kide-tyoterveys",
            days_ago: 200,
            what: "Työterveystarkastus: todistus",
            purpose: "treatment",
        },
        DemoViewing {
            provider: "kide-terveys",
            unit: "kide-helsinki",
            days_ago: 80,
            what: "Flunssa: käyntiyhteenveto",
            purpose: "treatment",
        },
    ];

    // Oskari: his own records; guardian of Eetu (8) and Sofia (16).
    let mut oskari = person("080988-956Y");
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
    let mut helmi = person("271055-989K");
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
    helmi.declarations = vec![(3000, DemoActor::Citizen, DemoDeclaration::Consent(Sector::Healthcare))];

    vec![aino, matti, liisa, juhani, elina, oskari, eetu, sofia, helmi]
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 24).unwrap()
    }

    #[test]
    fn every_laboratory_entry_has_a_value_and_helmi_has_ten_year_series() {
        let people = demo_people(today());
        for p in &people {
            for x in p.events.iter().flat_map(|e| &e.entries) {
                assert_eq!(x.kind == "laboratory_result", x.lab.is_some(), "{}", x.text);
                assert_eq!(x.kind == "vaccination", x.vaccination.is_some(), "{}", x.text);
                if let Some(lab) = &x.lab {
                    assert!(x.text.starts_with(lab.test) && x.text.ends_with(lab.unit), "{}", x.text);
                }
            }
        }
        let helmi = people.iter().find(|p| p.code == "271055-989K").unwrap();
        for test in ["P-Krea", "B-HbA1c", "P-LDL-kol"] {
            let series: Vec<(NaiveDate, f64, Option<f64>)> = helmi
                .events
                .iter()
                .flat_map(|e| &e.entries)
                .filter_map(|x| {
                    x.lab.as_ref().filter(|l| l.test == test).map(|l| (x.recorded_on, l.value, l.reference_high))
                })
                .collect();
            assert!(series.len() >= 20, "{test}: {}", series.len());
            let first = series.iter().map(|s| s.0).min().unwrap();
            let last = series.iter().map(|s| s.0).max().unwrap();
            assert!((last - first).num_days() >= 10 * 365, "{test}: {first}..{last}");
            assert!(series.iter().any(|s| s.2.is_some_and(|high| s.1 > high)), "{test}: some values above the range");
            assert!(series.iter().any(|s| s.2.is_some_and(|high| s.1 <= high)), "{test}: some within it");
        }
    }

    #[test]
    fn helmi_has_a_long_history_in_six_registers() {
        let people = demo_people(today());
        let helmi = people.iter().find(|p| p.code == "271055-989K").unwrap();
        let entries: usize = helmi.events.iter().map(|e| e.entries.len()).sum();
        let registers: BTreeSet<_> = helmi.events.iter().map(|e| e.register).collect();
        assert!(entries >= 2000, "{entries}");
        assert!(registers.len() >= 6, "{registers:?}");
        assert!(helmi.prescriptions.len() >= 40);
    }

    #[test]
    fn matti_has_data_in_pirkanmaa_varsinais_suomi_and_a_private_register() {
        let people = demo_people(today());
        let matti = people.iter().find(|p| p.code == "040762-912M").unwrap();
        let registers: BTreeSet<_> = matti.events.iter().map(|e| e.register).collect();
        for r in ["pirkanmaa/patient", "pirkanmaa/social", "varsinais-suomi/patient", "lahiklinikka/patient"] {
            assert!(registers.contains(r), "{r}");
        }
        let t = today();
        assert!(matti.prescriptions.iter().any(|p| p.valid_until >= t), "a valid prescription");
        assert!(matti.prescriptions.iter().any(|p| p.valid_until < t), "an expired prescription");
        assert!(matti.prescriptions.iter().any(|p| !p.dispensings.is_empty()), "a dispensed prescription");
    }

    #[test]
    fn liisa_denied_a_valid_prescription_after_a_consent_given_before_2024() {
        let people = demo_people(today());
        let liisa = people.iter().find(|p| p.code == "231190-923P").unwrap();
        let DemoDeclaration::DenyPrescription(i, _) = liisa.declarations[2].2 else { panic!("a prescription denial") };
        assert!(liisa.prescriptions[i].valid_until >= today(), "the denied prescription is valid");
        let consent_on = today() - Duration::days(liisa.declarations[0].0);
        assert!(matches!(liisa.declarations[0].2, DemoDeclaration::Consent(Sector::Healthcare)));
        assert!(consent_on < NaiveDate::from_ymd_opt(2024, 1, 1).unwrap());
    }

    #[test]
    fn juhani_has_healthcare_data_in_two_counties_and_a_consent_before_his_denial() {
        let people = demo_people(today());
        let juhani = people.iter().find(|p| p.code == "300178-934D").unwrap();
        let registers: BTreeSet<_> = juhani.events.iter().map(|e| e.register).collect();
        assert!(registers.contains("pirkanmaa/patient") && registers.contains("pohjois-pohjanmaa/patient"));
        assert!(matches!(juhani.declarations[0], (600, _, DemoDeclaration::Consent(Sector::Healthcare))));
    }

    #[test]
    fn elinas_viewings_name_her_own_events() {
        let people = demo_people(today());
        let elina = people.iter().find(|p| p.code == "150571-945H").unwrap();
        for v in &elina.viewings {
            let title = v.what.split(':').next().unwrap();
            assert!(
                elina.events.iter().any(|e| e.title == title
                    && e.unit == v.unit
                    && e.started_on <= today() - Duration::days(v.days_ago)),
                "{}",
                v.what
            );
        }
        assert!(elina.viewings.iter().filter(|v| v.days_ago < 500).count() >= 2, "some after the Uusimaa denial");
    }

    #[test]
    fn the_data_is_deterministic() {
        let a = demo_people(today());
        let b = demo_people(today());
        let texts = |p: &[DemoPerson]| {
            p.iter()
                .flat_map(|p| p.events.iter().flat_map(|e| e.entries.iter().map(|x| x.text.clone())))
                .collect::<Vec<_>>()
        };
        assert_eq!(texts(&a), texts(&b));
    }

    #[test]
    fn every_register_and_unit_referred_to_exists() {
        for p in demo_people(today()) {
            for e in &p.events {
                assert!(REGISTERS.iter().any(|r| r.0 == e.register), "{}", e.register);
                assert!(UNITS.iter().any(|u| u.0 == e.unit), "{}", e.unit);
            }
            for d in &p.declarations {
                if let DemoDeclaration::DenyEvent(i, _) = d.2 {
                    assert!(i < p.events.len());
                }
                if let DemoDeclaration::DenyPrescription(i, _) = d.2 {
                    assert!(i < p.prescriptions.len());
                }
            }
        }
    }
}

#[cfg(test)]
mod kind_tests {
    use super::*;
    use crate::domain::declarations::RegisterKind;
    use crate::domain::records::EntryKind;

    #[test]
    fn every_demo_entry_kind_and_register_kind_is_a_domain_value() {
        for p in demo_people(NaiveDate::from_ymd_opt(2026, 11, 24).unwrap()) {
            for e in &p.events {
                for x in &e.entries {
                    assert!(EntryKind::parse(x.kind).is_some(), "{}", x.kind);
                }
            }
        }
        for (_, _, kind) in REGISTERS {
            assert!(RegisterKind::parse(kind).is_some(), "{kind}");
        }
    }
}
