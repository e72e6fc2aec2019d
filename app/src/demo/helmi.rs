//! Helmi Koskinen (born 1955): twelve years of hypertension, type 2
//! diabetes from 2019 and hypothyroidism, followed at the Hämeenlinna health
//! centre with laboratory visits every two months; an informal carer of her
//! husband until 2020, in home care since 2021; a wrist fracture in Tampere,
//! cataract surgery at HUS, private visits. Her medicines are renewed every
//! two years; her renewal requests are in every state.

use chrono::{Datelike, Duration, NaiveDate};

use super::catalogue::*;
use super::entries::Line::{BloodPressure, Lab, Text, Vaccine as Vax, Weight};
use super::entries::{rx, visit, weekday, Body, Story};
use super::people::person;
use super::*;
use crate::domain::declarations::{DeclarationEvent, Sector};
use crate::domain::renewal::RenewalState;
use crate::domain::wills::{LivingWill, OrganDonation};

const fn s(title: &'static str, lines: &'static [super::entries::Line]) -> Story {
    Story { title, lines }
}

const HYPERTENSION_CHECK: Story = s(
    "Verenpainetaudin vuosikontrolli",
    &[
        Text(
            "visit_summary",
            "Verenpainetaudin vuosikontrolli. Kotimittaukset tavoitteessa, lääkitys jatkuu ennallaan.",
        ),
        Text("diagnosis", "I10 Essentiaalinen verenpainetauti"),
        BloodPressure(138, 82),
        Weight,
        Text("care_plan", "Kotiverenpaineen seuranta, laboratoriokontrollit kahden kuukauden välein, vuosikontrolli."),
    ],
);
const DIABETES_CHECK: Story = s(
    "Diabeteshoitajan vastaanotto",
    &[
        Text(
            "visit_summary",
            "Tyypin 2 diabetes, HbA1c hitaasti nousussa. Ruokavalio-ohjaus, jalkojen tarkastus: ei haavaumia.",
        ),
        Text("diagnosis", "E11.9 Tyypin 2 diabetes ilman komplikaatioita"),
        Weight,
    ],
);
const THYROID_CHECK: Story = s(
    "Kilpirauhasen vajaatoiminnan kontrolli",
    &[
        Text("visit_summary", "Levotyroksiiniannos riittävä, ei oireita."),
        Text("diagnosis", "E03.9 Kilpirauhasen vajaatoiminta"),
        Lab(TSH),
    ],
);
const LAB_VISIT: Story = s("Laboratoriokäynti", &[Lab(KREA), Lab(HBA1C), Lab(LDL), Lab(HB), Lab(GLUCOSE)]);
const CYSTITIS: Story = s(
    "Virtsatieinfektio",
    &[
        Text(
            "visit_summary",
            "Kirvelyä virtsatessa kaksi päivää, ei kuumetta. Aiemmin nokkosihottuma penisilliinistä.",
        ),
        Text("diagnosis", "N30.0 Äkillinen virtsarakkotulehdus"),
        Text("critical_risk", "Lääkeaineallergia: penisilliini (nokkosihottuma)."),
    ],
);
const CARER_SUPPORT: Story = s(
    "Omaishoidon tuki",
    &[
        Text("client_document", "Omaishoidon tuen seurantakäynti: puolison hoito kotona sujuu, vapaapäivät käytetty."),
        Text(
            "client_document",
            "Palvelusuunnitelma tarkistettu: omaishoidon tuki jatkuu, vapaapäiviä kolme kuukaudessa.",
        ),
    ],
);
const HOME_CARE: Story = s(
    "Kotihoito",
    &[
        Text("client_document", "Kotihoidon käynti: lääkkeet jaettu dosettiin, verenpaine mitattu, vointi hyvä."),
        Text("client_document", "Kotihoidon käynti: avustettu suihkussa, ateriapalvelu toimii."),
        Text("client_document", "Hoito- ja palvelusuunnitelman mukaiset käynnit toteutuneet."),
    ],
);
const WRIST_FRACTURE: Story = s(
    "Rannemurtuma",
    &[
        Text("visit_summary", "Kaatui jäisellä pihalla, oikea ranne kipeä ja virheasentoinen."),
        Text("imaging_study", "Oikean ranteen röntgen: värttinäluun distaalipään murtuma, dorsaalinen kulmautuma."),
        Text("diagnosis", "S52.5 Värttinäluun alaosan murtuma"),
        Text("procedure", "Murtuman suljettu reduktio ja kipsaus puudutuksessa."),
    ],
);
const WRIST_FOLLOW_UP: Story = s(
    "Rannemurtuman kontrolli",
    &[
        Text("visit_summary", "Kipsi poistettu, murtuma luutunut hyvään asentoon."),
        Text("imaging_study", "Oikean ranteen röntgen: murtuma luutunut."),
        Text("referral", "Lähete fysioterapiaan: ranteen liikeharjoitukset."),
    ],
);
const CATARACT: Story = s(
    "Kaihileikkaus",
    &[
        Text("visit_summary", "Näkö heikentynyt oikeassa silmässä, leikkaus päiväkirurgisesti."),
        Text("diagnosis", "H25.1 Ikään liittyvä tumakaihi"),
        Text("procedure", "Oikean silmän kaihileikkaus ja tekomykiön asennus."),
    ],
);
const MOLE_REMOVAL: Story = s(
    "Ihomuutoksen tarkastus",
    &[
        Text("visit_summary", "Selän pigmenttiluomi muuttunut, dermatoskopiassa hyvänlaatuisen näköinen."),
        Text("procedure", "Luomen poisto, näyte patologille."),
    ],
);
const GYNAECOLOGY: Story = s(
    "Gynekologin vastaanotto",
    &[
        Text("visit_summary", "Gynekologinen tarkastus ja kohdun kaikututkimus: ei poikkeavaa."),
        Text("certificate", "Lausunto: ei jatkotoimenpiteitä."),
    ],
);
const BLOOD_PRESSURE_CHECK: Story = s(
    "Verenpaineen tarkastus",
    &[Text("visit_summary", "Sairaanhoitajan vastaanotto, lääkitys ennallaan."), BloodPressure(142, 84)],
);
const TODAYS_LABS: Story = s("Laboratoriokäynti", &[Lab(KREA)]);

/// Her vaccinations: influenza each autumn, COVID-19 from February 2021, a
/// tetanus booster, the pneumococcal vaccine at 67.
fn vaccinations(today: NaiveDate) -> Vec<(NaiveDate, Vaccine)> {
    let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).expect("a valid date");
    let mut given = vec![(d(2016, 5, 12), DT_ADULT), (d(2023, 10, 17), PNEUMOCOCCAL_ADULT)];
    for (y, m, day) in
        [(2021, 2, 10), (2021, 3, 10), (2021, 10, 5), (2022, 10, 12), (2023, 11, 2), (2024, 11, 5), (2025, 11, 4)]
    {
        given.push((d(y, m, day), COVID_19));
    }
    for year in 2014..=today.year() {
        let vaccine = if year >= 2017 { INFLUENZA_TETRA } else { INFLUENZA };
        given.push((d(year, 10, 20 + (year % 5) as u32), vaccine));
    }
    given.retain(|(on, _)| *on <= today);
    given
}

pub(super) fn helmi(today: NaiveDate) -> DemoPerson {
    let ago = |days: i64| today - Duration::days(days);
    let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).expect("a valid date");
    let mut helmi = person("271055-988J");
    let body = Body::of(helmi.code);
    let hc = |on: NaiveDate, story: &Story| visit(body, "kanta-hame/patient", "kh-hameenlinna", weekday(on), story);
    let start = d(2014, 1, 8);
    let mut events = vec![];
    for year in 2014..=today.year() {
        events.push(hc(d(year, 3, 11), &HYPERTENSION_CHECK));
        events.push(hc(d(year, 9, 16), &THYROID_CHECK));
        if year >= 2019 {
            events.push(hc(d(year, 4, 8), &DIABETES_CHECK));
            events.push(hc(d(year, 11, 12), &DIABETES_CHECK));
        }
    }
    // Laboratory every two months; the informal carer's support quarterly
    // until her husband's death in 2020, home care twice a week from 2021.
    let mut on = start;
    while on < today - Duration::days(30) {
        events.push(hc(on, &LAB_VISIT));
        on += Duration::days(61);
    }
    let social = |on: NaiveDate, story: &Story| visit(body, "kanta-hame/social", "kh-sosiaali", weekday(on), story);
    let mut on = d(2014, 2, 3);
    while on < d(2020, 9, 1) {
        events.push(social(on, &CARER_SUPPORT));
        on += Duration::days(91);
    }
    let mut on = d(2021, 1, 11);
    while on < today - Duration::days(3) {
        events.push(social(on, &HOME_CARE));
        on += Duration::days(if on.weekday() == chrono::Weekday::Mon { 3 } else { 4 });
    }
    for (on, vaccine) in vaccinations(today) {
        events.push(hc(on, &Story { title: "Rokotus", lines: vaccine_line(vaccine) }));
    }
    events.push(hc(d(2015, 6, 2), &CYSTITIS));
    let tays = |on, unit, story| visit(body, "pirkanmaa/patient", unit, weekday(on), story);
    events.push(tays(d(2019, 1, 21), "pirkanmaa-tays-pkl", &WRIST_FRACTURE));
    events.push(tays(d(2019, 3, 4), "pirkanmaa-tays-kasi", &WRIST_FOLLOW_UP));
    events.push(visit(body, "hus/patient", "hus-silma", d(2022, 4, 26), &CATARACT));
    for year in [2015, 2017, 2019, 2021, 2023, 2025] {
        events.push(visit(body, "lahiklinikka/patient", "lahiklinikka-tampere", d(year, 8, 18), &MOLE_REMOVAL));
        events.push(visit(body, "kide-terveys/patient", "kide-helsinki", d(year + 1, 2, 9), &GYNAECOLOGY));
    }
    // Nothing from the last month but what the front page shows as new: a
    // check-up a week ago and a laboratory visit today.
    events.retain(|e| e.started_on < today - Duration::days(31));
    events.push(visit(body, "kanta-hame/patient", "kh-hameenlinna", ago(7), &BLOOD_PRESSURE_CHECK));
    events.push(visit(body, "kanta-hame/patient", "kh-hameenlinna", today, &TODAYS_LABS));
    events.sort_by_key(|e| e.started_on);
    helmi.events = events;

    prescriptions_and_requests(&mut helmi, today);
    declarations(&mut helmi, today);
    helmi
}

fn vaccine_line(vaccine: Vaccine) -> &'static [super::entries::Line] {
    // One static line per vaccine she gets.
    match vaccine.name {
        n if n == COVID_19.name => &[Vax(COVID_19)],
        n if n == DT_ADULT.name => &[Vax(DT_ADULT)],
        n if n == PNEUMOCOCCAL_ADULT.name => &[Vax(PNEUMOCOCCAL_ADULT)],
        n if n == INFLUENZA.name => &[Vax(INFLUENZA)],
        _ => &[Vax(INFLUENZA_TETRA)],
    }
}

/// A medicine she takes, prescribed every two years from `first` up to the
/// latest prescription (`latest`, or the last before `until` for one she
/// stopped). Earlier prescriptions were dispensed in full; the latest's
/// dispensings are given.
struct Medication {
    medicine: Medicine,
    dosage: &'static str,
    amount: i64,
    first: NaiveDate,
    latest: NaiveDate,
    /// Of the latest prescription: (days after it was written, amount).
    dispensed: &'static [(i64, i64)],
}

fn prescriptions_and_requests(helmi: &mut DemoPerson, today: NaiveDate) {
    let ago = |days: i64| today - Duration::days(days);
    let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).expect("a valid date");
    let morning = "1 tabletti aamulla";
    let evening = "1 tabletti illalla";
    let m = |medicine, dosage, amount, first, latest, dispensed| Medication {
        medicine,
        dosage,
        amount,
        first,
        latest,
        dispensed,
    };
    let medications = [
        m(LEVOTYROKSIINI, "1 tabletti aamulla tyhjään mahaan", 300, d(2014, 1, 1), ago(400), &[(2, 100), (100, 100)]),
        m(BISOPROLOLI, morning, 300, d(2014, 1, 1), ago(318), &[(1, 100), (150, 100)]),
        m(SIMVASTATIINI, evening, 300, d(2014, 4, 1), d(2018, 4, 3), &[(2, 100), (150, 100), (300, 100)]),
        m(ATORVASTATIINI, evening, 400, d(2020, 4, 1), ago(200), &[(2, 100)]),
        m(LOSARTAANI, morning, 400, d(2016, 1, 1), ago(200), &[(2, 100)]),
        // Ends within 30 days: the front page says so.
        m(AMLODIPIINI, morning, 100, d(2018, 1, 1), today + Duration::days(20) - chrono::Months::new(24), &[(2, 50)]),
        // Nothing left to dispense: the front page says so.
        m(KALSIUM_D3, "1 purutabletti 2 kertaa päivässä", 200, d(2016, 1, 1), ago(330), &[(2, 100), (180, 100)]),
        m(
            METFORMIINI,
            "1 tabletti 2 kertaa päivässä aterian yhteydessä",
            400,
            d(2019, 4, 8),
            ago(500),
            &[(2, 100), (120, 100), (240, 100)],
        ),
        m(
            PARASETAMOLI,
            "1–2 tablettia tarvittaessa, enintään 6 vuorokaudessa",
            100,
            d(2015, 1, 1),
            ago(600),
            &[(3, 50)],
        ),
        m(OMEPRATSOLI, "1 kapseli aamulla", 100, d(2014, 2, 1), d(2018, 2, 6), &[(2, 100)]),
    ];
    let pharmacy = "apteekki-kauppatori";
    for med in medications {
        let mut written = vec![med.latest];
        while let Some(earlier) = written.last().map(|on| *on - Duration::days(730)).filter(|on| *on >= med.first) {
            written.push(earlier);
        }
        for on in written.into_iter().rev() {
            let dispensed: Vec<_> = if on == med.latest {
                med.dispensed.iter().map(|(after, amount)| (pharmacy, on + Duration::days(*after), *amount)).collect()
            } else {
                (0..3).map(|i| (pharmacy, on + Duration::days(2 + i * 240), med.amount / 3)).collect()
            };
            let dispensed = dispensed.into_iter().filter(|x| x.1 <= today).collect();
            helmi.prescriptions.push(rx("kh-hameenlinna", med.medicine, med.dosage, on, med.amount, dispensed));
        }
    }
    helmi.prescriptions.sort_by_key(|p| p.prescribed_on);
    // Her renewal requests, one in each state, each for the prescription
    // valid when it was sent.
    let valid_on = |medicine: Medicine, sent: NaiveDate| {
        helmi
            .prescriptions
            .iter()
            .position(|p| p.medicine == medicine.name && p.prescribed_on <= sent && sent <= p.valid_until)
            .expect("a prescription valid when the request was sent")
    };
    let renewal = |medicine, sent_days_ago, message, states| DemoRenewal {
        prescription: valid_on(medicine, ago(sent_days_ago)),
        unit: "kh-hameenlinna",
        sent_days_ago,
        message,
        states,
    };
    helmi.renewals = vec![
        // Declined: a thyroid check first; the new prescription came at it.
        renewal(LEVOTYROKSIINI, 420, None, vec![(RenewalState::InProgress, 419), (RenewalState::Declined, 415)]),
        renewal(BISOPROLOLI, 320, Some("Sama annos kuin ennenkin."), vec![(RenewalState::Renewed, 318)]),
        renewal(AMLODIPIINI, 60, Some("Voisiko annosta nostaa?"), vec![(RenewalState::Returned, 58)]),
        // Not handled within 8 days: shown as expired (derived, nothing stored).
        renewal(KALSIUM_D3, 20, None, vec![]),
        renewal(METFORMIINI, 3, None, vec![(RenewalState::InProgress, 2)]),
        renewal(PARASETAMOLI, 1, Some("Lääkkeet loppuvat ensi viikolla."), vec![]),
    ];
}

fn declarations(helmi: &mut DemoPerson, today: NaiveDate) {
    let will = |care: &str, end_of_life: &str, person: &str| {
        DemoDeclaration::Event(DeclarationEvent::LivingWillSaved(LivingWill {
            care: care.into(),
            end_of_life: end_of_life.into(),
            person_to_hear: person.into(),
        }))
    };
    helmi.wellbeing = super::wellbeing::helmi_blood_pressure();
    helmi.declarations = vec![
        (3000, DemoActor::Citizen, DemoDeclaration::Consent(Sector::Healthcare)),
        // Her home blood pressure readings may be seen by healthcare.
        (760, DemoActor::Citizen, DemoDeclaration::Event(DeclarationEvent::WellbeingConsentGiven(Sector::Healthcare))),
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
    helmi.authorised = vec![("140282-9725", today - Duration::days(400), today + Duration::days(3 * 365), healthcare)];
}
