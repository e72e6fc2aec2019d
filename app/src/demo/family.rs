//! Oskari Laine and his children Eetu (8) and Sofia (16): the children's
//! visits by age, at units for children, with the national vaccination
//! programme of their birth years (DOMAIN.md §9).

use chrono::{Duration, NaiveDate};

use super::entries::{at_age, visit, weekday, Body, Story};
use super::people::person;
use super::stories::*;
use super::*;
use crate::domain::declarations::Sector;

/// A child's visits at ages (years, months) after birth, at one unit.
fn by_age(body: Body, register: &'static str, unit: &'static str, visits: &[((u32, u32), &Story)]) -> Vec<DemoEvent> {
    visits
        .iter()
        .map(|((y, m), story)| visit(body, register, unit, weekday(at_age(body.born, *y, *m)), story))
        .collect()
}

pub(super) fn oskari_and_children(today: NaiveDate) -> (DemoPerson, DemoPerson, DemoPerson) {
    let ago = |days: i64| today - Duration::days(days);
    let helsinki = "helsinki/patient";

    let mut oskari = person("080988-9570");
    oskari.events = vec![visit(Body::of(oskari.code), helsinki, "helsinki-hammas", ago(250), &TOOTHACHE)];
    oskari.guardian_of = vec!["190218A967P", "020610A9788"];
    oskari.declarations = vec![(200, DemoActor::Citizen, DemoDeclaration::Consent(Sector::Healthcare))];

    // Eetu, born 19 February 2018: the child health clinic's visits with the
    // programme's vaccines (varicella from 2017, MMRV at six), a nasal
    // influenza vaccine each autumn from two, an ear infection at six seen
    // at the children's hospital's emergency clinic.
    let mut eetu = person("190218A967P");
    let body = Body::of(eetu.code);
    eetu.events = by_age(
        body,
        helsinki,
        "helsinki-neuvola",
        &[
            ((0, 2), &CLINIC_2_MONTHS),
            ((0, 3), &CLINIC_3_MONTHS),
            ((0, 5), &CLINIC_5_MONTHS),
            ((1, 0), &CLINIC_12_MONTHS),
            ((1, 6), &CLINIC_18_MONTHS_VARICELLA),
            ((2, 8), &CLINIC_FLU_NASAL),
            ((4, 0), &CLINIC_4_YEARS),
            ((6, 0), &CLINIC_6_YEARS_MMRV),
        ],
    );
    eetu.events.extend(by_age(body, "hus/patient", "hus-lastensairaala", &[((6, 3), &CHILD_EAR_INFECTION)]));

    // Sofia, born 2 June 2010: the clinic's visits up to six (MMR twice: the
    // MMRV vaccine came after her), a school health check at nine; after her
    // tenth birthday (not shown to her guardian) the HPV vaccine at 11, the
    // dtap booster at 14 and a sports injury.
    let mut sofia = person("020610A9788");
    let body = Body::of(sofia.code);
    sofia.events = by_age(
        body,
        helsinki,
        "helsinki-neuvola",
        &[
            ((0, 2), &CLINIC_2_MONTHS),
            ((0, 3), &CLINIC_3_MONTHS),
            ((0, 5), &CLINIC_5_MONTHS),
            ((0, 6), &CLINIC_FLU_INFANT),
            ((1, 0), &CLINIC_12_MONTHS),
            ((1, 6), &CLINIC_18_MONTHS),
            ((4, 0), &CLINIC_4_YEARS),
            ((6, 0), &CLINIC_6_YEARS_MMR),
        ],
    );
    sofia.events.extend(by_age(
        body,
        helsinki,
        "helsinki-kouluterveys",
        &[((9, 3), &SCHOOL_HEALTH_CHECK), ((11, 4), &SCHOOL_HPV), ((11, 10), &SCHOOL_HPV), ((14, 4), &SCHOOL_DTAP)],
    ));
    sofia.events.push(visit(body, helsinki, "helsinki-kallio", ago(150), &SPORTS_INJURY));
    (oskari, eetu, sofia)
}
