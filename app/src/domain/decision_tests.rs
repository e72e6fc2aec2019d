//! The rules of DOMAIN.md §5, one named case per rule and per pair whose
//! order matters, and the properties §5 lists, as property tests.

use super::*;
use crate::domain::declarations::*;
use crate::domain::validity::*;
use crate::domain::wills::{AbroadCountries, CountryCode, LivingWill, OrganDonation};
use chrono::{Duration, TimeZone};
use proptest::prelude::*;

fn at(y: i32, m: u32, d: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, 12, 0, 0).unwrap()
}
fn opens() -> DateTime<Utc> {
    at(2027, 3, 1)
}
fn today() -> DateTime<Utc> {
    at(2026, 11, 24)
}
fn p(id: &str) -> ProviderId {
    ProviderId(id.into())
}
fn register(provider: &str, kind: RegisterKind) -> Register {
    let uusimaa =
        matches!(provider, "helsinki" | "hus" | "vantaa-kerava" | "ita-uusimaa" | "keski-uusimaa" | "lansi-uusimaa");
    Register { provider: p(provider), kind, uusimaa_party: uusimaa }
}
fn entry(provider: &str, kind: RegisterKind, event: i64) -> Item {
    Item::Entry { register: register(provider, kind), service_event: ServiceEventId(event) }
}
fn prescription(id: i64, prescriber: &str) -> Item {
    Item::Prescription {
        id: PrescriptionId(id),
        prescriber: p(prescriber),
        class: MedicineClass::Ordinary,
        renewal_with: None,
    }
}
fn narcotic(id: i64, prescriber: &str) -> Item {
    Item::Prescription {
        id: PrescriptionId(id),
        prescriber: p(prescriber),
        class: MedicineClass::Narcotic,
        renewal_with: None,
    }
}
/// A prescription whose open renewal request went to `handler`.
fn in_renewal(id: i64, prescriber: &str, class: MedicineClass, handler: &str) -> Item {
    Item::Prescription { id: PrescriptionId(id), prescriber: p(prescriber), class, renewal_with: Some(p(handler)) }
}
fn country(code: &str) -> CountryCode {
    CountryCode::parse(code).unwrap()
}
fn abroad(code: &str) -> Viewer {
    Viewer { provider: None, role: ViewerRole::PharmacyAbroad(country(code)), uusimaa_party: false, situation: T }
}
fn abroad_consent(id: i64, codes: &[&str]) -> Declaration {
    let countries = if codes.is_empty() {
        AbroadCountries::All
    } else {
        AbroadCountries::Chosen(codes.iter().map(|c| country(c)).collect())
    };
    decl(id, at(2024, 3, 1), DeclarationEvent::AbroadConsentGiven(countries))
}
fn viewer(provider: &str, role: ViewerRole, situation: Situation) -> Viewer {
    let uusimaa = register(provider, RegisterKind::Patient).uusimaa_party;
    Viewer { provider: Some(p(provider)), role, uusimaa_party: uusimaa, situation }
}
const HC: ViewerRole = ViewerRole::Healthcare { occupational_health: false };
const T: Situation = Situation::Treatment;
const E: Situation = Situation::Emergency;

fn decl(id: i64, when: DateTime<Utc>, event: DeclarationEvent) -> Declaration {
    Declaration { id: DeclarationId(id), at: when, actor: Actor::Citizen, event }
}
fn consent(id: i64, s: Sector) -> Declaration {
    decl(id, at(2024, 1, 1), DeclarationEvent::ConsentGiven(s))
}
fn denial(id: i64, scope: DenialScope, allow_in_emergency: bool) -> Declaration {
    decl(id, at(2024, 2, 1), DeclarationEvent::DenialSet { scope, allow_in_emergency })
}
fn informed(version: &str) -> Vec<(NoticeVersion, DateTime<Utc>)> {
    vec![(NoticeVersion::parse(version).unwrap(), at(2023, 12, 1))]
}
fn check(item: &Item, v: &Viewer, decls: &[Declaration], notice: &[(NoticeVersion, DateTime<Utc>)]) -> Decision {
    decide_at(item, v, decls, notice, today(), opens())
}

#[test]
fn rule_1_same_register_is_visible_whatever_the_declarations() {
    let item = entry("pirkanmaa", RegisterKind::Patient, 1);
    let decls = [
        denial(1, DenialScope::ServiceEvent(ServiceEventId(1)), false),
        denial(2, DenialScope::Register(p("pirkanmaa"), RegisterKind::Patient), false),
        denial(3, DenialScope::Comprehensive(Sector::Healthcare), false),
    ];
    // Not informed either: use within one register never needs the notice.
    assert_eq!(check(&item, &viewer("pirkanmaa", HC, T), &decls, &[]), Decision::Visible(Reason::SameRegister));
}

#[test]
fn rule_1_the_same_providers_other_register_is_not_the_same_register() {
    let social = entry("pirkanmaa", RegisterKind::SocialWelfareClient, 1);
    let d = check(&social, &viewer("pirkanmaa", HC, T), &[consent(1, Sector::SocialWelfare)], &informed("2023-11"));
    assert_eq!(d, Decision::Hidden(Reason::CrossSectorNotOpen));
    let occupational = entry("tyoterveys", RegisterKind::OccupationalHealth, 2);
    let d = check(&occupational, &viewer("tyoterveys", HC, T), &[], &informed("2023-11"));
    assert_eq!(d, Decision::Hidden(Reason::NoConsent), "the occupational health register is separate");
    let own = viewer("tyoterveys", ViewerRole::Healthcare { occupational_health: true }, T);
    assert_eq!(check(&occupational, &own, &[], &[]), Decision::Visible(Reason::SameRegister));
}

#[test]
fn rule_2_the_prescriber_sees_its_prescription_despite_a_denial() {
    let item = prescription(7, "lahiklinikka");
    let decls = [denial(1, DenialScope::Prescription(PrescriptionId(7)), false)];
    assert_eq!(check(&item, &viewer("lahiklinikka", HC, T), &decls, &[]), Decision::Visible(Reason::Prescriber));
}

#[test]
fn rule_2_a_prescription_denial_hides_it_from_other_healthcare_and_from_pharmacies() {
    let item = prescription(7, "lahiklinikka");
    let decls = [denial(1, DenialScope::Prescription(PrescriptionId(7)), false)];
    let hidden = Decision::Hidden(Reason::PrescriptionDenied(DeclarationId(1)));
    assert_eq!(check(&item, &viewer("hus", HC, T), &decls, &informed("2023-11")), hidden);
    assert_eq!(check(&item, &viewer("apteekki", ViewerRole::Pharmacy, T), &decls, &informed("2023-11")), hidden);
}

#[test]
fn rule_2_healthcare_in_treatment_and_pharmacies_see_prescriptions_without_consent_or_notice() {
    let item = prescription(7, "lahiklinikka");
    assert_eq!(check(&item, &viewer("hus", HC, T), &[], &[]), Decision::Visible(Reason::PrescriptionInTreatment));
    assert_eq!(check(&item, &viewer("hus", HC, E), &[], &[]), Decision::Visible(Reason::PrescriptionInTreatment));
    assert_eq!(
        check(&item, &viewer("apteekki", ViewerRole::Pharmacy, T), &[], &[]),
        Decision::Visible(Reason::PrescriptionDispensing)
    );
}

#[test]
fn rule_2_a_social_welfare_viewer_in_care_sees_a_prescription_without_consent_or_notice() {
    let item = prescription(7, "lahiklinikka");
    let social = viewer("pirkanmaa", ViewerRole::SocialWelfare, T);
    assert_eq!(check(&item, &social, &[], &[]), Decision::Visible(Reason::PrescriptionInTreatment));
    // A denial of the prescription hides it from social welfare too.
    let decls = [denial(1, DenialScope::Prescription(PrescriptionId(7)), false), prescription_emergency(2)];
    let hidden = Decision::Hidden(Reason::PrescriptionDenied(DeclarationId(1)));
    assert_eq!(check(&item, &social, &decls, &[]), hidden);
    assert_eq!(check(&item, &viewer("pirkanmaa", ViewerRole::SocialWelfare, E), &decls, &[]), hidden, "no emergency");
}

#[test]
fn rule_2_a_denied_prescription_is_seen_by_the_provider_handling_its_open_renewal_request() {
    let decls = [denial(1, DenialScope::Prescription(PrescriptionId(7)), false)];
    let hidden = Decision::Hidden(Reason::PrescriptionDenied(DeclarationId(1)));
    let item = in_renewal(7, "lahiklinikka", MedicineClass::Ordinary, "hus");
    let handling = Situation::HandlingRenewal;
    assert_eq!(
        check(&item, &viewer("hus", HC, handling), &decls, &[]),
        Decision::Visible(Reason::PrescriptionRenewalHandled)
    );
    assert_eq!(check(&item, &viewer("hus", HC, T), &decls, &[]), hidden, "only while handling the request");
    assert_eq!(check(&item, &viewer("pirkanmaa", HC, handling), &decls, &[]), hidden, "not another provider");
    let no_request = prescription(7, "lahiklinikka");
    assert_eq!(check(&no_request, &viewer("hus", HC, handling), &decls, &[]), hidden, "no open request, no exception");
}

#[test]
fn rule_2_a_doctor_prescribing_a_cns_or_narcotic_medicine_sees_such_denied_prescriptions() {
    let decls = [denial(1, DenialScope::Prescription(PrescriptionId(7)), false)];
    let hidden = Decision::Hidden(Reason::PrescriptionDenied(DeclarationId(1)));
    let prescribing = viewer("hus", HC, Situation::PrescribingCns);
    let seen = Decision::Visible(Reason::PrescriptionCnsPrescribing);
    assert_eq!(check(&narcotic(7, "lahiklinikka"), &prescribing, &decls, &[]), seen);
    let cns = in_renewal(7, "lahiklinikka", MedicineClass::CentralNervousSystem, "lahiklinikka");
    assert_eq!(check(&cns, &prescribing, &decls, &[]), seen);
    assert_eq!(
        check(&prescription(7, "lahiklinikka"), &prescribing, &decls, &[]),
        hidden,
        "an ordinary medicine stays hidden"
    );
    let pharmacy = viewer("apteekki", ViewerRole::Pharmacy, Situation::PrescribingCns);
    assert_eq!(check(&narcotic(7, "lahiklinikka"), &pharmacy, &decls, &[]), hidden, "a pharmacy prescribes nothing");
}

#[test]
fn rule_2_comprehensive_and_register_denials_do_not_cover_prescriptions() {
    let item = prescription(7, "pirkanmaa");
    let decls = [
        denial(1, DenialScope::Comprehensive(Sector::Healthcare), false),
        denial(2, DenialScope::Register(p("pirkanmaa"), RegisterKind::Patient), false),
        denial(3, DenialScope::Provider(p("pirkanmaa")), false),
    ];
    assert_eq!(check(&item, &viewer("hus", HC, T), &decls, &[]), Decision::Visible(Reason::PrescriptionInTreatment));
}

fn prescription_emergency(id: i64) -> Declaration {
    decl(id, at(2024, 3, 1), DeclarationEvent::PrescriptionEmergencyAllowed)
}

#[test]
fn rule_2_the_prescription_emergency_permission_opens_denied_prescriptions_to_healthcare_in_an_emergency_only() {
    let item = prescription(7, "lahiklinikka");
    let decls = [denial(1, DenialScope::Prescription(PrescriptionId(7)), false), prescription_emergency(2)];
    let hidden = Decision::Hidden(Reason::PrescriptionDenied(DeclarationId(1)));
    assert_eq!(
        check(&item, &viewer("hus", HC, E), &decls, &[]),
        Decision::Visible(Reason::PrescriptionEmergencyAllowed(DeclarationId(2)))
    );
    assert_eq!(check(&item, &viewer("hus", HC, T), &decls, &[]), hidden, "not in treatment");
    assert_eq!(
        check(&item, &viewer("apteekki", ViewerRole::Pharmacy, E), &decls, &[]),
        hidden,
        "a pharmacy has no emergency"
    );
    // A prescription denial's own emergency flag is not the permission.
    let flag_only = [denial(1, DenialScope::Prescription(PrescriptionId(7)), true)];
    assert_eq!(check(&item, &viewer("hus", HC, E), &flag_only, &[]), hidden);
    // Withdrawn, it opens nothing.
    let withdrawn = [
        denial(1, DenialScope::Prescription(PrescriptionId(7)), false),
        prescription_emergency(2),
        decl(3, at(2024, 4, 1), DeclarationEvent::PrescriptionEmergencyWithdrawn),
    ];
    assert_eq!(check(&item, &viewer("hus", HC, E), &withdrawn, &[]), hidden);
}

#[test]
fn rule_3_never_informed_hides_even_with_a_consent() {
    let item = entry("helsinki", RegisterKind::Patient, 1);
    let d = check(&item, &viewer("lahiklinikka", HC, T), &[consent(1, Sector::Healthcare)], &[]);
    assert_eq!(d, Decision::Hidden(Reason::NotInformed));
    // ... and the Uusimaa rule needs the notice too.
    assert_eq!(check(&item, &viewer("hus", HC, T), &[], &[]), Decision::Hidden(Reason::NotInformed));
}

#[test]
fn rule_3_a_confirmation_after_t_does_not_count_at_t() {
    let item = entry("helsinki", RegisterKind::Patient, 1);
    let later = vec![(NoticeVersion::parse("2023-11").unwrap(), today() + Duration::days(1))];
    assert_eq!(check(&item, &viewer("hus", HC, T), &[], &later), Decision::Hidden(Reason::NotInformed));
}

#[test]
fn rule_4_cross_sector_is_never_open_before_1_march_2027() {
    let social = entry("pirkanmaa", RegisterKind::SocialWelfareClient, 1);
    let decls = [
        consent(1, Sector::SocialWelfare),
        decl(2, at(2024, 1, 1), DeclarationEvent::CrossSectorConsentGiven(CrossSector::SocialWelfareToHealthcare)),
    ];
    let v = viewer("varsinais-suomi", HC, T);
    assert_eq!(
        decide_at(&social, &v, &decls, &informed("2023-11"), at(2027, 2, 28), opens()),
        Decision::Hidden(Reason::CrossSectorNotOpen)
    );
}

#[test]
fn rule_4_cross_sector_after_the_opening_needs_the_consent_of_that_direction() {
    let social = entry("pirkanmaa", RegisterKind::SocialWelfareClient, 1);
    let v = viewer("varsinais-suomi", HC, T);
    let t = at(2027, 6, 1);
    let notice = informed("2023-11");
    let without = [consent(1, Sector::SocialWelfare)];
    assert_eq!(decide_at(&social, &v, &without, &notice, t, opens()), Decision::Hidden(Reason::NoCrossSectorConsent));
    let wrong_direction = [
        consent(1, Sector::SocialWelfare),
        decl(2, at(2027, 3, 2), DeclarationEvent::CrossSectorConsentGiven(CrossSector::HealthcareToSocialWelfare)),
    ];
    assert_eq!(
        decide_at(&social, &v, &wrong_direction, &notice, t, opens()),
        Decision::Hidden(Reason::NoCrossSectorConsent)
    );
    let with = [
        consent(1, Sector::SocialWelfare),
        decl(2, at(2027, 3, 2), DeclarationEvent::CrossSectorConsentGiven(CrossSector::SocialWelfareToHealthcare)),
    ];
    assert_eq!(
        decide_at(&social, &v, &with, &notice, t, opens()),
        Decision::Visible(Reason::Consent(DeclarationId(1)))
    );
}

#[test]
fn rule_4_pharmacies_see_no_entries() {
    let item = entry("helsinki", RegisterKind::Patient, 1);
    let d = check(
        &item,
        &viewer("apteekki", ViewerRole::Pharmacy, T),
        &[consent(1, Sector::Healthcare)],
        &informed("2023-11"),
    );
    assert_eq!(d, Decision::Hidden(Reason::PharmacySeesOnlyPrescriptions));
}

#[test]
fn rule_5_denials_of_an_event_a_register_or_a_sector_hide_the_item() {
    let item = entry("pirkanmaa", RegisterKind::Patient, 5);
    let v = viewer("varsinais-suomi", HC, T);
    for (scope, id) in [
        (DenialScope::ServiceEvent(ServiceEventId(5)), 2),
        (DenialScope::Register(p("pirkanmaa"), RegisterKind::Patient), 3),
        (DenialScope::Comprehensive(Sector::Healthcare), 4),
        // Set before denials became register by register: still covers all of the provider.
        (DenialScope::Provider(p("pirkanmaa")), 5),
    ] {
        let decls = [consent(1, Sector::Healthcare), denial(id, scope.clone(), false)];
        assert_eq!(
            check(&item, &v, &decls, &informed("2023-11")),
            Decision::Hidden(Reason::Denied(DeclarationId(id))),
            "{scope:?}"
        );
    }
    // A denial of another event, or of the other sector, does not.
    let decls = [
        consent(1, Sector::Healthcare),
        denial(2, DenialScope::ServiceEvent(ServiceEventId(6)), false),
        denial(3, DenialScope::Comprehensive(Sector::SocialWelfare), false),
    ];
    assert_eq!(check(&item, &v, &decls, &informed("2023-11")), Decision::Visible(Reason::Consent(DeclarationId(1))));
}

#[test]
fn rule_5_a_register_denial_covers_exactly_that_register() {
    let v = viewer("varsinais-suomi", HC, T);
    let decls = [
        consent(1, Sector::Healthcare),
        denial(2, DenialScope::Register(p("pirkanmaa"), RegisterKind::OccupationalHealth), false),
    ];
    let occupational = entry("pirkanmaa", RegisterKind::OccupationalHealth, 1);
    assert_eq!(
        check(&occupational, &v, &decls, &informed("2023-11")),
        Decision::Hidden(Reason::Denied(DeclarationId(2)))
    );
    let patient = entry("pirkanmaa", RegisterKind::Patient, 2);
    assert_eq!(check(&patient, &v, &decls, &informed("2023-11")), Decision::Visible(Reason::Consent(DeclarationId(1))));
    let elsewhere = entry("hus", RegisterKind::OccupationalHealth, 3);
    assert_eq!(
        check(&elsewhere, &v, &decls, &informed("2023-11")),
        Decision::Visible(Reason::Consent(DeclarationId(1)))
    );
}

#[test]
fn rule_5_an_emergency_permission_does_not_open_anything_in_treatment() {
    let item = entry("pohjois-pohjanmaa", RegisterKind::Patient, 1);
    let decls = [consent(1, Sector::Healthcare), denial(2, DenialScope::Comprehensive(Sector::Healthcare), true)];
    let d = check(&item, &viewer("lappi", HC, T), &decls, &informed("2023-11"));
    assert_eq!(d, Decision::Hidden(Reason::Denied(DeclarationId(2))));
}

#[test]
fn rule_5_and_6_an_emergency_permission_opens_the_denial_in_an_emergency() {
    let item = entry("pohjois-pohjanmaa", RegisterKind::Patient, 1);
    let decls = [consent(1, Sector::Healthcare), denial(2, DenialScope::Comprehensive(Sector::Healthcare), true)];
    let d = check(&item, &viewer("lappi", HC, E), &decls, &informed("2023-11"));
    assert_eq!(d, Decision::Visible(Reason::Emergency));
    // Without the permission, an emergency changes nothing.
    let strict = [consent(1, Sector::Healthcare), denial(2, DenialScope::Comprehensive(Sector::Healthcare), false)];
    assert_eq!(
        check(&item, &viewer("lappi", HC, E), &strict, &informed("2023-11")),
        Decision::Hidden(Reason::Denied(DeclarationId(2)))
    );
}

#[test]
fn rule_6_healthcare_in_an_emergency_sees_without_consent() {
    let item = entry("pohjois-pohjanmaa", RegisterKind::Patient, 1);
    assert_eq!(check(&item, &viewer("lappi", HC, E), &[], &informed("2023-11")), Decision::Visible(Reason::Emergency));
    assert_eq!(check(&item, &viewer("lappi", HC, T), &[], &informed("2023-11")), Decision::Hidden(Reason::NoConsent));
    // Juhani: a comprehensive denial that allows emergencies, no healthcare consent.
    let juhani = [denial(1, DenialScope::Comprehensive(Sector::Healthcare), true), consent(2, Sector::SocialWelfare)];
    assert_eq!(
        check(&item, &viewer("lappi", HC, E), &juhani, &informed("2023-11")),
        Decision::Visible(Reason::Emergency)
    );
    assert_eq!(
        check(&item, &viewer("lappi", HC, T), &juhani, &informed("2023-11")),
        Decision::Hidden(Reason::Denied(DeclarationId(1)))
    );
}

#[test]
fn rule_6_only_healthcare_has_emergencies() {
    let social = entry("pirkanmaa", RegisterKind::SocialWelfareClient, 1);
    let sw = viewer("varsinais-suomi", ViewerRole::SocialWelfare, E);
    assert_eq!(check(&social, &sw, &[], &informed("2023-11")), Decision::Hidden(Reason::NoConsent));
    let allowing =
        [consent(1, Sector::SocialWelfare), denial(2, DenialScope::Comprehensive(Sector::SocialWelfare), true)];
    assert_eq!(
        check(&social, &sw, &allowing, &informed("2023-11")),
        Decision::Hidden(Reason::Denied(DeclarationId(2)))
    );
    let pharmacy = viewer("apteekki", ViewerRole::Pharmacy, E);
    let item = entry("pirkanmaa", RegisterKind::Patient, 2);
    assert_eq!(
        check(&item, &pharmacy, &[], &informed("2023-11")),
        Decision::Hidden(Reason::PharmacySeesOnlyPrescriptions)
    );
}

#[test]
fn rule_6_the_notice_the_cross_sector_rule_and_strict_denials_come_first() {
    let item = entry("pirkanmaa", RegisterKind::Patient, 1);
    assert_eq!(check(&item, &viewer("lappi", HC, E), &[], &[]), Decision::Hidden(Reason::NotInformed));
    let social = entry("pirkanmaa", RegisterKind::SocialWelfareClient, 2);
    assert_eq!(
        check(&social, &viewer("lappi", HC, E), &[], &informed("2023-11")),
        Decision::Hidden(Reason::CrossSectorNotOpen)
    );
    let strict = [denial(1, DenialScope::ServiceEvent(ServiceEventId(1)), false)];
    assert_eq!(
        check(&item, &viewer("lappi", HC, E), &strict, &informed("2023-11")),
        Decision::Hidden(Reason::Denied(DeclarationId(1)))
    );
}

#[test]
fn rule_6_a_uusimaa_denial_does_not_hold_in_an_emergency() {
    // It turns off rule 7 only; the page says so ("consequence_uusimaa_emergency").
    let item = entry("vantaa-kerava", RegisterKind::Patient, 1);
    let decls = [denial(1, DenialScope::Uusimaa, false)];
    assert_eq!(check(&item, &viewer("hus", HC, T), &decls, &informed("2023-11")), Decision::Hidden(Reason::NoConsent));
    assert_eq!(check(&item, &viewer("hus", HC, E), &decls, &informed("2023-11")), Decision::Visible(Reason::Emergency));
}

#[test]
fn rule_5_a_social_welfare_denial_holds_in_an_emergency() {
    // Even once healthcare may see social welfare data with the cross-sector consent.
    let social = entry("pirkanmaa", RegisterKind::SocialWelfareClient, 60);
    let decls = [
        consent(1, Sector::SocialWelfare),
        decl(2, at(2027, 3, 2), DeclarationEvent::CrossSectorConsentGiven(CrossSector::SocialWelfareToHealthcare)),
        denial(3, DenialScope::Comprehensive(Sector::SocialWelfare), false),
    ];
    let d = decide_at(&social, &viewer("lappi", HC, E), &decls, &informed("2023-11"), at(2027, 6, 1), opens());
    assert_eq!(d, Decision::Hidden(Reason::Denied(DeclarationId(3))));
}

#[test]
fn only_a_patient_data_denial_may_allow_emergencies() {
    use DeclarationError::EmergencyPermissionNotApplicable;
    let valid = valid_at(&[], &[], today());
    let deny = |scope: DenialScope| {
        validate(&DeclarationEvent::DenialSet { scope, allow_in_emergency: true }, &valid, &Mine, today(), opens())
    };
    assert_eq!(deny(DenialScope::ServiceEvent(ServiceEventId(1))), Ok(()));
    assert_eq!(deny(DenialScope::Register(p("pirkanmaa"), RegisterKind::Patient)), Ok(()));
    assert_eq!(deny(DenialScope::Comprehensive(Sector::Healthcare)), Ok(()));
    for scope in [
        DenialScope::ServiceEvent(ServiceEventId(60)),
        DenialScope::Register(p("pirkanmaa"), RegisterKind::SocialWelfareClient),
        DenialScope::Comprehensive(Sector::SocialWelfare),
        DenialScope::Prescription(PrescriptionId(1)),
        DenialScope::Uusimaa,
    ] {
        assert_eq!(deny(scope.clone()), Err(EmergencyPermissionNotApplicable), "{scope:?}");
    }
}

#[test]
fn rule_5_a_service_event_denial_beats_the_uusimaa_rule() {
    let item = entry("helsinki", RegisterKind::Patient, 3);
    let decls = [denial(1, DenialScope::ServiceEvent(ServiceEventId(3)), false)];
    assert_eq!(
        check(&item, &viewer("hus", HC, T), &decls, &informed("2023-11")),
        Decision::Hidden(Reason::Denied(DeclarationId(1)))
    );
}

#[test]
fn rule_7_uusimaa_parties_see_each_others_patient_data_without_consent() {
    let item = entry("vantaa-kerava", RegisterKind::Patient, 1);
    assert_eq!(check(&item, &viewer("hus", HC, T), &[], &informed("2022-11")), Decision::Visible(Reason::Uusimaa));
    assert_eq!(check(&item, &viewer("helsinki", HC, T), &[], &informed("2023-11")), Decision::Visible(Reason::Uusimaa));
}

#[test]
fn rule_7_not_for_a_private_provider_nor_outside_uusimaa_nor_social_welfare() {
    let item = entry("helsinki", RegisterKind::Patient, 1);
    assert_eq!(
        check(&item, &viewer("lahiklinikka", HC, T), &[], &informed("2023-11")),
        Decision::Hidden(Reason::NoConsent)
    );
    assert_eq!(
        check(&item, &viewer("pirkanmaa", HC, T), &[], &informed("2023-11")),
        Decision::Hidden(Reason::NoConsent)
    );
    let social = entry("vantaa-kerava", RegisterKind::SocialWelfareClient, 1);
    let d = check(&social, &viewer("helsinki", ViewerRole::SocialWelfare, T), &[], &informed("2023-11"));
    assert_eq!(d, Decision::Hidden(Reason::NoConsent));
}

#[test]
fn rule_7_a_uusimaa_denial_turns_off_the_rule_but_a_consent_still_applies() {
    let item = entry("vantaa-kerava", RegisterKind::Patient, 1);
    let v = viewer("hus", HC, T);
    let denied = [denial(1, DenialScope::Uusimaa, false)];
    assert_eq!(check(&item, &v, &denied, &informed("2023-11")), Decision::Hidden(Reason::NoConsent));
    let with_consent = [denial(1, DenialScope::Uusimaa, false), consent(2, Sector::Healthcare)];
    assert_eq!(
        check(&item, &v, &with_consent, &informed("2023-11")),
        Decision::Visible(Reason::Consent(DeclarationId(2)))
    );
}

#[test]
fn rule_8_a_consent_opens_the_sector_to_other_providers() {
    let item = entry("helsinki", RegisterKind::Patient, 1);
    let d = check(&item, &viewer("lahiklinikka", HC, T), &[consent(9, Sector::Healthcare)], &informed("2023-11"));
    assert_eq!(d, Decision::Visible(Reason::Consent(DeclarationId(9))));
    // A healthcare consent does not open social welfare data.
    let social = entry("pirkanmaa", RegisterKind::SocialWelfareClient, 2);
    let d = check(
        &social,
        &viewer("varsinais-suomi", ViewerRole::SocialWelfare, T),
        &[consent(9, Sector::Healthcare)],
        &informed("2023-11"),
    );
    assert_eq!(d, Decision::Hidden(Reason::NoConsent));
}

#[test]
fn rule_9_without_a_consent_the_item_is_hidden() {
    let item = entry("pirkanmaa", RegisterKind::Patient, 1);
    assert_eq!(
        check(&item, &viewer("varsinais-suomi", HC, T), &[], &informed("2023-11")),
        Decision::Hidden(Reason::NoConsent)
    );
}

#[test]
fn rule_9_a_withdrawn_consent_hides_again() {
    let item = entry("pirkanmaa", RegisterKind::Patient, 1);
    let decls = [
        consent(1, Sector::Healthcare),
        decl(2, at(2025, 1, 1), DeclarationEvent::ConsentWithdrawn(Sector::Healthcare)),
    ];
    assert_eq!(
        check(&item, &viewer("varsinais-suomi", HC, T), &decls, &informed("2023-11")),
        Decision::Hidden(Reason::NoConsent)
    );
}

#[test]
fn derivation_cancel_and_regive_follow_the_event_order() {
    let decls = [
        denial(1, DenialScope::Uusimaa, false),
        decl(2, at(2024, 3, 1), DeclarationEvent::DenialCancelled { denial: DeclarationId(1) }),
        consent(3, Sector::Healthcare),
        decl(4, at(2024, 5, 1), DeclarationEvent::ConsentWithdrawn(Sector::Healthcare)),
        decl(5, at(2024, 6, 1), DeclarationEvent::ConsentGiven(Sector::Healthcare)),
    ];
    let v = valid_at(&decls, &[], today());
    assert!(v.denials.is_empty());
    assert_eq!(v.consents.get(&Sector::Healthcare), Some(&DeclarationId(5)));
    // On 1 April 2024 the denial was cancelled and the first consent still valid.
    let v = valid_at(&decls, &[], at(2024, 4, 1));
    assert!(v.denials.is_empty());
    assert_eq!(v.consents.get(&Sector::Healthcare), Some(&DeclarationId(3)));
    // An event at exactly t is not yet in force at t.
    let v = valid_at(&decls, &[], at(2024, 2, 1));
    assert!(v.denials.is_empty());
}

#[test]
fn a_consent_given_before_2024_is_to_update_until_updated_or_given_anew() {
    let old = decl(1, at(2023, 5, 1), DeclarationEvent::ConsentGiven(Sector::Healthcare));
    let v = valid_at(std::slice::from_ref(&old), &[], today());
    assert!(v.consents_to_update.contains(&Sector::Healthcare));
    let updated = [old.clone(), decl(2, at(2025, 1, 1), DeclarationEvent::ConsentUpdated(Sector::Healthcare))];
    let v = valid_at(&updated, &[], today());
    assert!(v.consents_to_update.is_empty());
    assert_eq!(v.consents.get(&Sector::Healthcare), Some(&DeclarationId(1)), "the update keeps the consent");
    let regiven = [
        old,
        decl(2, at(2024, 5, 1), DeclarationEvent::ConsentWithdrawn(Sector::Healthcare)),
        decl(3, at(2024, 6, 1), DeclarationEvent::ConsentGiven(Sector::Healthcare)),
    ];
    assert!(valid_at(&regiven, &[], today()).consents_to_update.is_empty());
    // The last minute of 2023 in Helsinki is still before; its first of 2024 is not.
    let edge = |t| {
        valid_at(&[decl(1, t, DeclarationEvent::ConsentGiven(Sector::Healthcare))], &[], today())
            .consents_to_update
            .len()
    };
    assert_eq!(edge(Utc.with_ymd_and_hms(2023, 12, 31, 21, 59, 0).unwrap()), 1);
    assert_eq!(edge(Utc.with_ymd_and_hms(2023, 12, 31, 22, 0, 0).unwrap()), 0);
}

struct Mine;
impl CitizensData for Mine {
    fn service_event_sector(&self, id: ServiceEventId) -> Option<Sector> {
        // Events 50–99 are social welfare client documents.
        (id.0 < 100).then_some(if id.0 >= 50 { Sector::SocialWelfare } else { Sector::Healthcare })
    }
    fn has_prescription(&self, id: PrescriptionId) -> bool {
        id.0 < 100
    }
    fn has_deniable_register(&self, provider: &ProviderId, kind: RegisterKind) -> bool {
        provider.0 != "kainuu" && !(provider.0 == "lahiklinikka" && kind == RegisterKind::Patient)
    }
}

#[test]
fn declarations_that_make_no_sense_are_refused() {
    use DeclarationError::*;
    let valid = valid_at(&[consent(1, Sector::Healthcare), denial(2, DenialScope::Uusimaa, false)], &[], today());
    let check = |e: DeclarationEvent| validate(&e, &valid, &Mine, today(), opens());
    assert_eq!(check(DeclarationEvent::ConsentGiven(Sector::Healthcare)), Err(ConsentAlreadyGiven));
    assert_eq!(check(DeclarationEvent::ConsentWithdrawn(Sector::SocialWelfare)), Err(NoConsentToWithdraw));
    assert_eq!(check(DeclarationEvent::DenialCancelled { denial: DeclarationId(9) }), Err(NoDenialToCancel));
    assert_eq!(check(DeclarationEvent::DenialCancelled { denial: DeclarationId(1) }), Err(NoDenialToCancel));
    assert_eq!(
        check(DeclarationEvent::DenialSet {
            scope: DenialScope::ServiceEvent(ServiceEventId(500)),
            allow_in_emergency: false
        }),
        Err(NotTheCitizensData)
    );
    assert_eq!(
        check(DeclarationEvent::DenialSet {
            scope: DenialScope::Register(p("kainuu"), RegisterKind::Patient),
            allow_in_emergency: false
        }),
        Err(NotTheCitizensData)
    );
    assert_eq!(
        check(DeclarationEvent::DenialSet {
            scope: DenialScope::Register(p("lahiklinikka"), RegisterKind::Patient),
            allow_in_emergency: false
        }),
        Err(NotTheCitizensData),
        "a private provider's ordinary register is denied event by event"
    );
    assert_eq!(
        check(DeclarationEvent::DenialSet { scope: DenialScope::Provider(p("pirkanmaa")), allow_in_emergency: false }),
        Err(NotTheCitizensData),
        "whole providers are no longer denied"
    );
    assert_eq!(check(DeclarationEvent::ConsentUpdated(Sector::Healthcare)), Err(NoConsentToUpdate), "given in 2024");
    assert_eq!(check(DeclarationEvent::PrescriptionEmergencyWithdrawn), Err(NoEmergencyPermissionToWithdraw));
    let with_permission = valid_at(&[prescription_emergency(1)], &[], today());
    assert_eq!(
        validate(&DeclarationEvent::PrescriptionEmergencyAllowed, &with_permission, &Mine, today(), opens()),
        Err(EmergencyPermissionAlreadyGiven)
    );
    assert_eq!(
        check(DeclarationEvent::DenialSet { scope: DenialScope::Uusimaa, allow_in_emergency: false }),
        Err(DenialAlreadyValid)
    );
    assert_eq!(
        check(DeclarationEvent::CrossSectorConsentGiven(CrossSector::HealthcareToSocialWelfare)),
        Err(CrossSectorNotOpenYet)
    );
    // And the sensible ones pass.
    assert_eq!(check(DeclarationEvent::ConsentWithdrawn(Sector::Healthcare)), Ok(()));
    assert_eq!(check(DeclarationEvent::DenialCancelled { denial: DeclarationId(2) }), Ok(()));
    assert_eq!(check(DeclarationEvent::PrescriptionEmergencyAllowed), Ok(()));
    assert_eq!(
        check(DeclarationEvent::DenialSet {
            scope: DenialScope::Register(p("pirkanmaa"), RegisterKind::SocialWelfareClient),
            allow_in_emergency: false
        }),
        Ok(())
    );
    assert_eq!(
        validate(
            &DeclarationEvent::CrossSectorConsentGiven(CrossSector::HealthcareToSocialWelfare),
            &valid,
            &Mine,
            at(2027, 3, 1),
            opens()
        ),
        Ok(())
    );
}

// ---- DOMAIN.md §8: wills and prescriptions abroad ----

#[test]
fn wills_are_shown_to_every_healthcare_viewer_whatever_the_consents_and_denials() {
    // Not informed, no consent, every denial there is, another county: still shown.
    let decls = [
        denial(1, DenialScope::Comprehensive(Sector::Healthcare), false),
        denial(2, DenialScope::Comprehensive(Sector::SocialWelfare), false),
        denial(3, DenialScope::Uusimaa, false),
        denial(4, DenialScope::Register(p("pirkanmaa"), RegisterKind::Patient), false),
    ];
    for item in [Item::LivingWill(DeclarationId(7)), Item::OrganDonation(DeclarationId(8))] {
        for v in [
            viewer("pirkanmaa", HC, T),
            viewer("lahiklinikka", HC, E),
            viewer("lahiklinikka", ViewerRole::Healthcare { occupational_health: true }, T),
        ] {
            assert_eq!(check(&item, &v, &decls, &[]), Decision::Visible(Reason::WillForHealthcare), "{v:?}");
        }
        for v in [
            viewer("pirkanmaa", ViewerRole::SocialWelfare, T),
            viewer("apteekki", ViewerRole::Pharmacy, T),
            abroad("EE"),
        ] {
            let with_consents = [consent(1, Sector::Healthcare), consent(2, Sector::SocialWelfare)];
            let d = check(&item, &v, &with_consents, &informed("2023-11"));
            assert_eq!(d, Decision::Hidden(Reason::WillOnlyForHealthcare), "{v:?}");
        }
    }
}

#[test]
fn abroad_a_pharmacy_sees_prescriptions_of_its_consented_country_only() {
    let rx = prescription(5, "pirkanmaa");
    let estonia_only = [abroad_consent(1, &["EE"])];
    assert_eq!(
        check(&rx, &abroad("EE"), &estonia_only, &[]),
        Decision::Visible(Reason::AbroadConsent(DeclarationId(1)))
    );
    assert_eq!(check(&rx, &abroad("PT"), &estonia_only, &[]), Decision::Hidden(Reason::NoAbroadConsent));
    assert_eq!(check(&rx, &abroad("PT"), &[], &[]), Decision::Hidden(Reason::NoAbroadConsent));
    // Extended to Portugal: the newer consent replaces the older one.
    let extended = [abroad_consent(1, &["EE"]), abroad_consent(2, &["EE", "PT"])];
    assert_eq!(check(&rx, &abroad("PT"), &extended, &[]), Decision::Visible(Reason::AbroadConsent(DeclarationId(2))));
    let all = [abroad_consent(3, &[])];
    assert_eq!(check(&rx, &abroad("HR"), &all, &[]), Decision::Visible(Reason::AbroadConsent(DeclarationId(3))));
    let withdrawn = [abroad_consent(3, &[]), decl(4, at(2024, 4, 1), DeclarationEvent::AbroadConsentWithdrawn)];
    assert_eq!(check(&rx, &abroad("HR"), &withdrawn, &[]), Decision::Hidden(Reason::NoAbroadConsent));
    // Entries never go abroad.
    let e = entry("pirkanmaa", RegisterKind::Patient, 1);
    assert_eq!(
        check(&e, &abroad("EE"), &all, &informed("2023-11")),
        Decision::Hidden(Reason::PharmacySeesOnlyPrescriptions)
    );
}

#[test]
fn abroad_narcotics_and_denied_prescriptions_are_never_disclosed() {
    let all = [abroad_consent(1, &[])];
    assert_eq!(check(&narcotic(5, "pirkanmaa"), &abroad("EE"), &all, &[]), Decision::Hidden(Reason::NeverAbroad));
    let cns = Item::Prescription {
        id: PrescriptionId(6),
        prescriber: p("hus"),
        class: MedicineClass::CentralNervousSystem,
        renewal_with: None,
    };
    assert_eq!(check(&cns, &abroad("EE"), &all, &[]), Decision::Hidden(Reason::NeverAbroad));
    let denied = [abroad_consent(1, &[]), denial(2, DenialScope::Prescription(PrescriptionId(5)), false)];
    let rx = prescription(5, "pirkanmaa");
    assert_eq!(check(&rx, &abroad("EE"), &denied, &[]), Decision::Hidden(Reason::PrescriptionDenied(DeclarationId(2))));
    // At home the narcotic is seen as any prescription is.
    let home = viewer("apteekki", ViewerRole::Pharmacy, T);
    assert_eq!(check(&narcotic(5, "pirkanmaa"), &home, &[], &[]), Decision::Visible(Reason::PrescriptionDispensing));
}

fn summary_abroad(code: &str) -> Viewer {
    Viewer { provider: None, role: ViewerRole::HealthcareAbroad(country(code)), uusimaa_party: false, situation: T }
}
fn summary_consent(id: i64) -> Declaration {
    decl(id, at(2024, 3, 1), DeclarationEvent::SummaryAbroadConsentGiven)
}

#[test]
fn abroad_healthcare_sees_the_summary_items_with_the_summary_consent_only() {
    use Decision::{Hidden, Visible};
    let (e, rx, n) = (entry("pirkanmaa", RegisterKind::Patient, 1), prescription(5, "pirkanmaa"), informed("2023-11"));
    let given = [summary_consent(1)];
    for item in [&e, &rx] {
        assert_eq!(
            check(item, &summary_abroad("LV"), &given, &n),
            Visible(Reason::SummaryAbroadConsent(DeclarationId(1)))
        );
        assert_eq!(check(item, &summary_abroad("NO"), &[], &n), Hidden(Reason::NoSummaryAbroadConsent));
        // Nothing before the notice is confirmed.
        assert_eq!(check(item, &summary_abroad("LV"), &given, &[]), Hidden(Reason::NotInformed));
        // Neither the consent to data sharing nor the prescriptions' abroad consent reaches it.
        let others = [consent(2, Sector::Healthcare), abroad_consent(3, &[])];
        assert_eq!(check(item, &summary_abroad("LV"), &others, &n), Hidden(Reason::NoSummaryAbroadConsent));
    }
    let withdrawn = [summary_consent(1), decl(2, at(2024, 4, 1), DeclarationEvent::SummaryAbroadConsentWithdrawn)];
    assert_eq!(check(&e, &summary_abroad("LV"), &withdrawn, &n), Hidden(Reason::NoSummaryAbroadConsent));
    // A narcotic in use is in the summary like any medicine (only a pharmacy abroad never sees it).
    let narcotic_in_use = narcotic(6, "hus");
    assert_eq!(
        check(&narcotic_in_use, &summary_abroad("NO"), &given, &n),
        Visible(Reason::SummaryAbroadConsent(DeclarationId(1)))
    );
    // No social welfare document, no will.
    let document = entry("pirkanmaa", RegisterKind::SocialWelfareClient, 2);
    assert_eq!(check(&document, &summary_abroad("LV"), &given, &n), Hidden(Reason::OnlyThePatientSummaryAbroad));
    let will = Item::LivingWill(DeclarationId(9));
    assert_eq!(check(&will, &summary_abroad("LV"), &given, &n), Hidden(Reason::WillOnlyForHealthcare));
    // The summary's consent shows nothing to a pharmacy abroad.
    assert_eq!(check(&rx, &abroad("EE"), &given, &n), Hidden(Reason::NoAbroadConsent));
}

#[test]
fn abroad_a_denial_hides_its_items_from_the_summary_even_one_allowing_emergencies() {
    use Decision::{Hidden, Visible};
    let (e, n) = (entry("pirkanmaa", RegisterKind::Patient, 1), informed("2023-11"));
    let scopes = [
        (2, DenialScope::ServiceEvent(ServiceEventId(1))),
        (3, DenialScope::Register(p("pirkanmaa"), RegisterKind::Patient)),
        (4, DenialScope::Comprehensive(Sector::Healthcare)),
    ];
    for (id, scope) in scopes {
        let decls = [summary_consent(1), denial(id, scope.clone(), true)];
        assert_eq!(
            check(&e, &summary_abroad("LV"), &decls, &n),
            Hidden(Reason::Denied(DeclarationId(id))),
            "{scope:?}"
        );
    }
    // A Uusimaa denial is about the Uusimaa parties' sharing, not abroad.
    let uusimaa = [summary_consent(1), denial(5, DenialScope::Uusimaa, false)];
    assert_eq!(check(&e, &summary_abroad("LV"), &uusimaa, &n), Visible(Reason::SummaryAbroadConsent(DeclarationId(1))));
    let denied = [summary_consent(1), denial(6, DenialScope::Prescription(PrescriptionId(5)), false)];
    assert_eq!(
        check(&prescription(5, "pirkanmaa"), &summary_abroad("LV"), &denied, &n),
        Hidden(Reason::PrescriptionDenied(DeclarationId(6)))
    );
}

fn wellbeing_consent(id: i64, s: Sector) -> Declaration {
    decl(id, at(2024, 3, 1), DeclarationEvent::WellbeingConsentGiven(s))
}

/// §8 (seed 004): wellbeing data is shared only with the consent to share
/// it, one per sector; nothing before the notice.
#[test]
fn wellbeing_data_is_seen_by_a_sector_only_with_its_wellbeing_consent() {
    use crate::domain::wellbeing::MeasurementKind;
    use Decision::{Hidden, Visible};
    let item = Item::Wellbeing(MeasurementKind::BloodPressure);
    let n = informed("2023-11");
    let health = [wellbeing_consent(1, Sector::Healthcare)];
    let social = viewer("pirkanmaa", ViewerRole::SocialWelfare, T);
    for v in
        [viewer("pirkanmaa", HC, T), viewer("kide-terveys", ViewerRole::Healthcare { occupational_health: true }, T)]
    {
        assert_eq!(check(&item, &v, &health, &n), Visible(Reason::WellbeingConsent(DeclarationId(1))));
        assert_eq!(check(&item, &v, &[], &n), Hidden(Reason::NoWellbeingConsent));
        assert_eq!(check(&item, &v, &health, &[]), Hidden(Reason::NotInformed));
    }
    // The healthcare consent does not reach social welfare, and the other way round.
    assert_eq!(check(&item, &social, &health, &n), Hidden(Reason::NoWellbeingConsent));
    let both = [wellbeing_consent(1, Sector::Healthcare), wellbeing_consent(2, Sector::SocialWelfare)];
    assert_eq!(check(&item, &social, &both, &n), Visible(Reason::WellbeingConsent(DeclarationId(2))));
    let withdrawn =
        [health[0].clone(), decl(3, at(2024, 4, 1), DeclarationEvent::WellbeingConsentWithdrawn(Sector::Healthcare))];
    assert_eq!(check(&item, &viewer("pirkanmaa", HC, T), &withdrawn, &n), Hidden(Reason::NoWellbeingConsent));
    // Pharmacies never, here or abroad; healthcare abroad gets the patient summary only.
    assert_eq!(
        check(&item, &viewer("apteekki", ViewerRole::Pharmacy, T), &both, &n),
        Hidden(Reason::WellbeingNotForPharmacies)
    );
    assert_eq!(check(&item, &abroad("EE"), &both, &n), Hidden(Reason::WellbeingNotForPharmacies));
    let everything = [both[0].clone(), both[1].clone(), summary_consent(4), abroad_consent(5, &[])];
    assert_eq!(check(&item, &summary_abroad("LV"), &everything, &n), Hidden(Reason::OnlyThePatientSummaryAbroad));
}

/// Wellbeing data is not patient data: neither the Uusimaa rule, nor an
/// emergency, nor a consent to data sharing opens it; denials do not reach it.
#[test]
fn wellbeing_data_is_not_opened_by_uusimaa_an_emergency_or_a_data_sharing_consent() {
    use crate::domain::wellbeing::MeasurementKind;
    use Decision::{Hidden, Visible};
    let item = Item::Wellbeing(MeasurementKind::BloodGlucose);
    let n = informed("2023-11");
    let data_sharing = [consent(1, Sector::Healthcare), consent(2, Sector::SocialWelfare)];
    for v in [viewer("hus", HC, T), viewer("helsinki", HC, E), viewer("pirkanmaa", HC, E)] {
        assert_eq!(check(&item, &v, &data_sharing, &n), Hidden(Reason::NoWellbeingConsent), "{v:?}");
    }
    let given = wellbeing_consent(3, Sector::Healthcare);
    let denied = [given.clone(), denial(4, DenialScope::Comprehensive(Sector::Healthcare), false)];
    assert_eq!(check(&item, &viewer("hus", HC, T), &denied, &n), Visible(Reason::WellbeingConsent(DeclarationId(3))));
}

#[test]
fn a_new_will_replaces_the_valid_one_and_a_withdrawal_ends_it() {
    let will = |care: &str| LivingWill { care: care.into(), end_of_life: String::new(), person_to_hear: String::new() };
    let decls = [
        decl(1, at(2024, 1, 1), DeclarationEvent::LivingWillSaved(will("first"))),
        decl(2, at(2025, 1, 1), DeclarationEvent::LivingWillSaved(will("second"))),
        decl(
            3,
            at(2024, 6, 1),
            DeclarationEvent::OrganDonationDeclared(OrganDonation { donate: true, restriction: String::new() }),
        ),
        decl(4, at(2025, 6, 1), DeclarationEvent::OrganDonationWithdrawn),
    ];
    let mid = valid_at(&decls, &[], at(2024, 7, 1));
    assert_eq!(mid.living_will, Some((DeclarationId(1), will("first"))));
    assert_eq!(mid.organ_donation.map(|(id, _)| id), Some(DeclarationId(3)));
    let now = valid_at(&decls, &[], at(2025, 7, 1));
    assert_eq!(now.living_will, Some((DeclarationId(2), will("second"))));
    assert_eq!(now.organ_donation, None);
    // Every version kept, each ended by the next; a withdrawal ends the last.
    let versions = living_will_versions(&decls);
    assert_eq!(versions.iter().map(|v| v.will.care.as_str()).collect::<Vec<_>>(), ["first", "second"]);
    assert_eq!(versions[0].ended_at, Some(at(2025, 1, 1)));
    assert_eq!(versions[1].ended_at, None, "in force");
    let mut withdrawn = decls.to_vec();
    withdrawn.push(decl(5, at(2026, 1, 1), DeclarationEvent::LivingWillWithdrawn));
    assert_eq!(living_will_versions(&withdrawn)[1].ended_at, Some(at(2026, 1, 1)));
    assert_eq!(valid_now(&withdrawn, at(2026, 1, 1)).living_will, None, "a withdrawal this instant counts now");
    // What makes sense next.
    let no_data = NoData;
    let same = DeclarationEvent::LivingWillSaved(will("second"));
    assert_eq!(validate(&same, &now, &no_data, today(), opens()), Err(DeclarationError::Unchanged));
    assert_eq!(
        validate(&DeclarationEvent::OrganDonationWithdrawn, &now, &no_data, today(), opens()),
        Err(DeclarationError::NoOrganDonationToWithdraw)
    );
    assert_eq!(
        validate(&DeclarationEvent::AbroadConsentWithdrawn, &now, &no_data, today(), opens()),
        Err(DeclarationError::NoConsentToWithdraw)
    );
    assert!(validate(&DeclarationEvent::LivingWillWithdrawn, &now, &no_data, today(), opens()).is_ok());
}

/// §6: a guardian gives and withdraws consents for a child; denials, the
/// wills and the abroad consent are the person's own matters.
#[test]
fn rule_6_only_consents_are_a_guardians_to_declare() {
    use crate::domain::acting::{ActingRight, OwnMatter};
    let denial = DenialScope::Comprehensive(Sector::Healthcare);
    let own = [
        (DeclarationEvent::DenialSet { scope: denial, allow_in_emergency: false }, OwnMatter::Denials),
        (DeclarationEvent::DenialCancelled { denial: DeclarationId(1) }, OwnMatter::Denials),
        (DeclarationEvent::PrescriptionEmergencyAllowed, OwnMatter::Denials),
        (
            DeclarationEvent::LivingWillSaved(LivingWill {
                care: "x".into(),
                end_of_life: String::new(),
                person_to_hear: String::new(),
            }),
            OwnMatter::Wills,
        ),
        (DeclarationEvent::LivingWillWithdrawn, OwnMatter::Wills),
        (DeclarationEvent::OrganDonationWithdrawn, OwnMatter::Wills),
        (DeclarationEvent::AbroadConsentGiven(AbroadCountries::All), OwnMatter::AbroadConsent),
        (DeclarationEvent::AbroadConsentWithdrawn, OwnMatter::AbroadConsent),
    ];
    for (event, matter) in own {
        assert_eq!(event.own_matter(), Some(matter), "{event:?}");
        assert!(!ActingRight::Guardian.reaches(matter), "{event:?}");
    }
    for event in [
        DeclarationEvent::ConsentGiven(Sector::Healthcare),
        DeclarationEvent::ConsentWithdrawn(Sector::SocialWelfare),
        DeclarationEvent::ConsentUpdated(Sector::Healthcare),
    ] {
        assert_eq!(event.own_matter(), None, "{event:?}");
    }
    // The consents to share wellbeing data: a guardian's to give for a child.
    for event in [
        DeclarationEvent::WellbeingConsentGiven(Sector::Healthcare),
        DeclarationEvent::WellbeingConsentWithdrawn(Sector::SocialWelfare),
    ] {
        assert_eq!(event.own_matter(), Some(OwnMatter::WellbeingData), "{event:?}");
        assert!(ActingRight::Guardian.reaches(OwnMatter::WellbeingData));
    }
}

struct NoData;
impl CitizensData for NoData {
    fn service_event_sector(&self, _: ServiceEventId) -> Option<Sector> {
        None
    }
    fn has_prescription(&self, _: PrescriptionId) -> bool {
        false
    }
    fn has_deniable_register(&self, _: &ProviderId, _: RegisterKind) -> bool {
        false
    }
}

// ---- Properties (DOMAIN.md §5) ----

const PROVIDERS: [&str; 5] = ["helsinki", "hus", "pirkanmaa", "lahiklinikka", "apteekki"];

fn arb_provider() -> impl Strategy<Value = String> {
    prop::sample::select(&PROVIDERS[..]).prop_map(str::to_string)
}
fn arb_sector() -> impl Strategy<Value = Sector> {
    prop_oneof![Just(Sector::Healthcare), Just(Sector::SocialWelfare)]
}
fn arb_cross() -> impl Strategy<Value = CrossSector> {
    prop_oneof![Just(CrossSector::HealthcareToSocialWelfare), Just(CrossSector::SocialWelfareToHealthcare)]
}
fn arb_item() -> impl Strategy<Value = Item> {
    let kind = prop_oneof![
        3 => Just(RegisterKind::Patient),
        2 => Just(RegisterKind::SocialWelfareClient),
        1 => Just(RegisterKind::OccupationalHealth)
    ];
    prop_oneof![
        3 => (arb_provider(), kind, 0i64..4).prop_map(|(pr, k, e)| entry(&pr, k, e)),
        1 => (0i64..4, arb_provider()).prop_map(|(id, pr)| prescription(id, &pr)),
        1 => (0i64..4, arb_provider()).prop_map(|(id, pr)| narcotic(id, &pr)),
        1 => (0i64..4, arb_provider(), arb_provider(), any::<bool>()).prop_map(|(id, pr, handler, cns)| {
            let class = if cns { MedicineClass::CentralNervousSystem } else { MedicineClass::Ordinary };
            in_renewal(id, &pr, class, &handler)
        }),
        1 => (1i64..12).prop_map(|id| Item::LivingWill(DeclarationId(id))),
        1 => prop::sample::select(crate::domain::wellbeing::MeasurementKind::ALL).prop_map(Item::Wellbeing),
    ]
}
fn arb_country() -> impl Strategy<Value = CountryCode> {
    prop::sample::select(&["EE", "PT", "HR"][..]).prop_map(country)
}
fn arb_viewer() -> impl Strategy<Value = Viewer> {
    let role = prop_oneof![
        4 => Just(ViewerRole::Healthcare { occupational_health: false }),
        1 => Just(ViewerRole::Healthcare { occupational_health: true }),
        2 => Just(ViewerRole::SocialWelfare),
        1 => Just(ViewerRole::Pharmacy)
    ];
    prop_oneof![
        8 => (arb_provider(), role, prop::sample::select(Situation::ALL)).prop_map(|(pr, r, s)| viewer(&pr, r, s)),
        1 => arb_country().prop_map(|c| abroad(c.as_str())),
        1 => prop::sample::select(&["LV", "NO"][..]).prop_map(summary_abroad),
    ]
}
fn arb_scope() -> impl Strategy<Value = DenialScope> {
    prop_oneof![
        (0i64..4).prop_map(|e| DenialScope::ServiceEvent(ServiceEventId(e))),
        (
            arb_provider(),
            prop_oneof![
                Just(RegisterKind::Patient),
                Just(RegisterKind::OccupationalHealth),
                Just(RegisterKind::SocialWelfareClient)
            ]
        )
            .prop_map(|(pr, k)| DenialScope::Register(ProviderId(pr), k)),
        arb_provider().prop_map(|pr| DenialScope::Provider(ProviderId(pr))),
        (0i64..4).prop_map(|id| DenialScope::Prescription(PrescriptionId(id))),
        arb_sector().prop_map(DenialScope::Comprehensive),
        Just(DenialScope::Uusimaa),
    ]
}
fn arb_event() -> impl Strategy<Value = DeclarationEvent> {
    prop_oneof![
        arb_sector().prop_map(DeclarationEvent::ConsentGiven),
        arb_sector().prop_map(DeclarationEvent::ConsentWithdrawn),
        arb_sector().prop_map(DeclarationEvent::ConsentUpdated),
        Just(DeclarationEvent::PrescriptionEmergencyAllowed),
        Just(DeclarationEvent::PrescriptionEmergencyWithdrawn),
        arb_cross().prop_map(DeclarationEvent::CrossSectorConsentGiven),
        arb_cross().prop_map(DeclarationEvent::CrossSectorConsentWithdrawn),
        (arb_scope(), any::<bool>())
            .prop_map(|(scope, allow_in_emergency)| DeclarationEvent::DenialSet { scope, allow_in_emergency }),
        (1i64..12).prop_map(|d| DeclarationEvent::DenialCancelled { denial: DeclarationId(d) }),
        prop::collection::btree_set(arb_country(), 0..3).prop_map(|set| DeclarationEvent::AbroadConsentGiven(
            if set.is_empty() { AbroadCountries::All } else { AbroadCountries::Chosen(set) }
        )),
        Just(DeclarationEvent::AbroadConsentWithdrawn),
        Just(DeclarationEvent::SummaryAbroadConsentGiven),
        Just(DeclarationEvent::SummaryAbroadConsentWithdrawn),
        arb_sector().prop_map(DeclarationEvent::WellbeingConsentGiven),
        arb_sector().prop_map(DeclarationEvent::WellbeingConsentWithdrawn),
    ]
}
/// Events on days 0..1500 after 2024-01-01 (so some fall after the 2027 opening).
/// Few events per case, so that single declarations decide often.
fn arb_declarations() -> impl Strategy<Value = Vec<Declaration>> {
    prop::collection::vec((arb_event(), 0i64..1500), 0..5).prop_map(|events| {
        events
            .into_iter()
            .enumerate()
            .map(|(i, (event, day))| decl(i as i64 + 1, at(2024, 1, 1) + Duration::days(day), event))
            .collect()
    })
}
fn arb_notice() -> impl Strategy<Value = Vec<(NoticeVersion, DateTime<Utc>)>> {
    prop::collection::vec(
        (prop_oneof![Just("2022-11"), Just("2023-11")], 0i64..300)
            .prop_map(|(v, day)| (NoticeVersion::parse(v).unwrap(), at(2024, 1, 1) + Duration::days(day))),
        0..3,
    )
}
fn arb_time() -> impl Strategy<Value = DateTime<Utc>> {
    (0i64..1600).prop_map(|day| at(2024, 1, 1) + Duration::days(day))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(20_000))]

    #[test]
    fn property_adding_a_denial_never_makes_anything_visible(
        item in arb_item(), v in arb_viewer(), decls in arb_declarations(), notice in arb_notice(),
        t in arb_time(), scope in arb_scope(), allow in any::<bool>(), day in 0i64..1600,
    ) {
        let before = decide_at(&item, &v, &decls, &notice, t, opens());
        let mut more = decls.clone();
        more.push(decl(100, at(2024, 1, 1) + Duration::days(day), DeclarationEvent::DenialSet { scope, allow_in_emergency: allow }));
        let after = decide_at(&item, &v, &more, &notice, t, opens());
        prop_assert!(!after.is_visible() || before.is_visible(), "{before:?} -> {after:?}");
    }

    #[test]
    fn property_withdrawing_a_consent_never_makes_anything_visible(
        item in arb_item(), v in arb_viewer(), decls in arb_declarations(), notice in arb_notice(),
        t in arb_time(), sector in arb_sector(), cross in arb_cross(), which in 0..6, day in 0i64..1600,
    ) {
        let before = decide_at(&item, &v, &decls, &notice, t, opens());
        let event = match which {
            0 => DeclarationEvent::ConsentWithdrawn(sector),
            1 => DeclarationEvent::CrossSectorConsentWithdrawn(cross),
            2 => DeclarationEvent::AbroadConsentWithdrawn,
            3 => DeclarationEvent::SummaryAbroadConsentWithdrawn,
            4 => DeclarationEvent::WellbeingConsentWithdrawn(sector),
            _ => DeclarationEvent::PrescriptionEmergencyWithdrawn,
        };
        let mut more = decls.clone();
        more.push(decl(100, at(2024, 1, 1) + Duration::days(day), event));
        let after = decide_at(&item, &v, &more, &notice, t, opens());
        prop_assert!(!after.is_visible() || before.is_visible(), "{before:?} -> {after:?}");
    }

    #[test]
    fn property_same_register_items_are_visible_whatever_the_declarations(
        provider in arb_provider(), kind_ix in 0usize..3, event in 0i64..4, situation in prop_oneof![Just(T), Just(E)],
        decls in arb_declarations(), notice in arb_notice(), t in arb_time(),
    ) {
        let kinds = [RegisterKind::Patient, RegisterKind::OccupationalHealth, RegisterKind::SocialWelfareClient];
        let roles = [ViewerRole::Healthcare { occupational_health: false }, ViewerRole::Healthcare { occupational_health: true }, ViewerRole::SocialWelfare];
        let item = entry(&provider, kinds[kind_ix], event);
        let v = viewer(&provider, roles[kind_ix], situation);
        prop_assert_eq!(decide_at(&item, &v, &decls, &notice, t, opens()), Decision::Visible(Reason::SameRegister));
    }

    #[test]
    fn property_wills_are_seen_by_every_healthcare_viewer_and_nobody_else(
        id in 1i64..12, organ in any::<bool>(), v in arb_viewer(), decls in arb_declarations(), notice in arb_notice(),
        t in arb_time(),
    ) {
        let item = if organ { Item::OrganDonation(DeclarationId(id)) } else { Item::LivingWill(DeclarationId(id)) };
        let healthcare = matches!(v.role, ViewerRole::Healthcare { .. });
        prop_assert_eq!(decide_at(&item, &v, &decls, &notice, t, opens()).is_visible(), healthcare);
    }

    #[test]
    fn property_a_narcotic_is_never_disclosed_abroad(
        id in 0i64..4, provider in arb_provider(), c in arb_country(), decls in arb_declarations(),
        notice in arb_notice(), t in arb_time(),
    ) {
        let d = decide_at(&narcotic(id, &provider), &abroad(c.as_str()), &decls, &notice, t, opens());
        prop_assert_eq!(d, Decision::Hidden(Reason::NeverAbroad));
    }

    #[test]
    fn property_an_emergency_never_hides_what_treatment_shows(
        item in arb_item(), v in arb_viewer(), decls in arb_declarations(), notice in arb_notice(), t in arb_time(),
    ) {
        let treatment = decide_at(&item, &Viewer { situation: T, ..v.clone() }, &decls, &notice, t, opens());
        let emergency = decide_at(&item, &Viewer { situation: E, ..v }, &decls, &notice, t, opens());
        prop_assert!(emergency.is_visible() || !treatment.is_visible(), "{treatment:?} -> {emergency:?}");
    }

    #[test]
    fn property_the_decision_at_t_depends_only_on_events_before_t(
        item in arb_item(), v in arb_viewer(), decls in arb_declarations(), notice in arb_notice(),
        t in arb_time(), later in prop::collection::vec((arb_event(), 0i64..400), 0..6),
        later_notice in 0i64..400,
    ) {
        let before = decide_at(&item, &v, &decls, &notice, t, opens());
        let mut more = decls.clone();
        for (i, (event, day)) in later.into_iter().enumerate() {
            more.push(decl(200 + i as i64, t + Duration::days(day), event));
        }
        let mut more_notice = notice.clone();
        more_notice.push((NoticeVersion::parse("2023-11").unwrap(), t + Duration::days(later_notice)));
        prop_assert_eq!(decide_at(&item, &v, &more, &more_notice, t, opens()), before);
    }
}

/// What the confirmation step of withdrawing a consent tells the citizen
/// (`ending_step`), held against the decision: other providers of the
/// sector no longer see the data; the provider that recorded it does;
/// healthcare in an emergency does; the Uusimaa parties do after the
/// 2022-11 notice; prescriptions need no consent.
#[test]
fn the_withdrawal_steps_promises_hold() {
    let withdrawn = |s| decl(9, at(2024, 6, 1), DeclarationEvent::ConsentWithdrawn(s));
    let health = [consent(1, Sector::Healthcare), withdrawn(Sector::Healthcare)];
    let notice = informed("2023-11");
    let item = entry("pirkanmaa", RegisterKind::Patient, 1);
    assert_eq!(check(&item, &viewer("lahiklinikka", HC, T), &health, &notice), Decision::Hidden(Reason::NoConsent));
    assert!(check(&item, &viewer("pirkanmaa", HC, T), &health, &notice).is_visible());
    assert!(check(&item, &viewer("lahiklinikka", HC, E), &health, &notice).is_visible());
    let in_uusimaa = entry("hus", RegisterKind::Patient, 2);
    assert!(check(&in_uusimaa, &viewer("helsinki", HC, T), &health, &notice).is_visible());
    assert!(check(&prescription(7, "pirkanmaa"), &viewer("lahiklinikka", HC, T), &health, &notice).is_visible());
    let social = [consent(1, Sector::SocialWelfare), withdrawn(Sector::SocialWelfare)];
    let document = entry("pirkanmaa", RegisterKind::SocialWelfareClient, 3);
    let other = viewer("varsinais-suomi", ViewerRole::SocialWelfare, T);
    assert_eq!(check(&document, &other, &social, &notice), Decision::Hidden(Reason::NoConsent));
    assert!(check(&document, &viewer("pirkanmaa", ViewerRole::SocialWelfare, T), &social, &notice).is_visible());
}

/// What the confirmation step of cancelling a denial tells the citizen:
/// the data is shared again as the consents allow.
#[test]
fn a_cancelled_denial_leaves_the_consents_to_decide() {
    let item = entry("pirkanmaa", RegisterKind::Patient, 1);
    let cancelled = |id| decl(id, at(2024, 6, 1), DeclarationEvent::DenialCancelled { denial: DeclarationId(2) });
    let denied = denial(2, DenialScope::ServiceEvent(ServiceEventId(1)), false);
    let other = viewer("lahiklinikka", HC, T);
    let with_consent = [consent(1, Sector::Healthcare), denied.clone(), cancelled(3)];
    assert_eq!(
        check(&item, &other, &with_consent, &informed("2023-11")),
        Decision::Visible(Reason::Consent(DeclarationId(1)))
    );
    let without = [denied, cancelled(3)];
    assert_eq!(check(&item, &other, &without, &informed("2023-11")), Decision::Hidden(Reason::NoConsent));
}

#[test]
fn rule_7_the_front_pages_uusimaa_sentence_is_the_rules_own_reading() {
    let item = entry("vantaa-kerava", RegisterKind::Patient, 1);
    let v = viewer("hus", HC, T);
    let now = at(2025, 1, 1);
    let denied = [denial(1, DenialScope::Uusimaa, false)];
    for (decls, notice, said) in [
        (&[][..], informed("2023-11"), Some(true)),
        (&denied[..], informed("2023-11"), Some(false)),
        (&[][..], Vec::new(), None),
    ] {
        assert_eq!(uusimaa_sharing(&valid_at(decls, &notice, now)), said);
        // What the sentence says is what the rule decides.
        let shared = check(&item, &v, decls, &notice) == Decision::Visible(Reason::Uusimaa);
        assert_eq!(shared, said == Some(true));
    }
}
