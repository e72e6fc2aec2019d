//! Languages. Every string a user sees lives in one of the three tables
//! (`fi.rs`, `sv.rs`, `en.rs`): each is a value of [`Texts`], so a string
//! missing from one language is a compile error, not a blank on a page.

mod en;
mod fi;
mod sv;

use chrono::{DateTime, Datelike, NaiveDate, Timelike, Utc};
use serde::{Deserialize, Serialize};

use crate::domain::time::helsinki_local;

/// The name of the cookie that remembers the chosen language.
pub const LANGUAGE_COOKIE: &str = "lang";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub enum Locale {
    #[default]
    Fi,
    Sv,
    En,
}

impl Locale {
    pub const ALL: [Locale; 3] = [Locale::Fi, Locale::Sv, Locale::En];

    pub fn code(self) -> &'static str {
        match self {
            Locale::Fi => "fi",
            Locale::Sv => "sv",
            Locale::En => "en",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        match code.trim().to_ascii_lowercase().as_str() {
            "fi" => Some(Locale::Fi),
            "sv" => Some(Locale::Sv),
            "en" => Some(Locale::En),
            _ => None,
        }
    }

    /// The language's name in itself, for the language switch.
    pub fn endonym(self) -> &'static str {
        self.texts().language_name
    }

    pub fn texts(self) -> &'static Texts {
        match self {
            Locale::Fi => &fi::TEXTS,
            Locale::Sv => &sv::TEXTS,
            Locale::En => &en::TEXTS,
        }
    }

    /// The cookie's choice first, then the best match in `Accept-Language`
    /// (by its q-values), then Finnish.
    pub fn negotiate(cookie: Option<&str>, accept_language: Option<&str>) -> Self {
        if let Some(locale) = cookie.and_then(Locale::from_code) {
            return locale;
        }
        let mut best: Option<(f32, Locale)> = None;
        for part in accept_language.unwrap_or("").split(',') {
            let mut pieces = part.split(';');
            let tag = pieces.next().unwrap_or("").trim();
            let primary = tag.split('-').next().unwrap_or("");
            let q = pieces.find_map(|p| p.trim().strip_prefix("q=")).and_then(|q| q.parse::<f32>().ok()).unwrap_or(1.0);
            if let Some(locale) = Locale::from_code(primary) {
                if q > 0.0 && best.is_none_or(|(bq, _)| q > bq) {
                    best = Some((q, locale));
                }
            }
        }
        best.map(|(_, l)| l).unwrap_or_default()
    }

    /// A calendar date in the locale's usual written form.
    pub fn date(self, d: NaiveDate) -> String {
        match self {
            Locale::Fi | Locale::Sv => format!("{}.{}.{}", d.day(), d.month(), d.year()),
            Locale::En => format!("{} {} {}", d.day(), en::MONTHS[d.month0() as usize], d.year()),
        }
    }

    /// An instant, shown as Helsinki local date and time.
    pub fn date_time(self, t: DateTime<Utc>) -> String {
        let local = helsinki_local(t);
        let time = match self {
            Locale::Fi | Locale::Sv => format!("{}.{:02}", local.hour(), local.minute()),
            Locale::En => format!("{:02}:{:02}", local.hour(), local.minute()),
        };
        (self.texts().date_at_time)(&self.date(local.date()), &time)
    }

    /// A measured value as the locale writes it: up to two decimals, no
    /// trailing zeros, a decimal comma in Finnish and Swedish.
    pub fn number(self, v: f64) -> String {
        let written = format!("{v:.2}");
        let written = written.trim_end_matches('0').trim_end_matches('.');
        match self {
            Locale::Fi | Locale::Sv => written.replace('.', ","),
            Locale::En => written.to_string(),
        }
    }

    /// The date part of an instant, in Helsinki.
    pub fn local_date(self, t: DateTime<Utc>) -> String {
        self.date(helsinki_local(t).date())
    }
}

/// A count with its noun, in the two forms fi, sv and en need (their CLDR
/// cardinal rules): `one` for exactly 1, `other` for every other count.
pub struct Plural {
    pub one: &'static str,
    pub other: fn(n: usize) -> String,
}

impl Plural {
    pub fn of(&self, n: usize) -> String {
        if n == 1 {
            self.one.to_string()
        } else {
            (self.other)(n)
        }
    }
}

/// Every user-visible string of the portal, in one language.
/// A template with arguments is a function of them, named in its type: a
/// page that leaves one out, or passes one too many, does not compile.
pub struct Texts {
    pub language_name: &'static str,
    pub service_name: &'static str,
    pub service_tagline: &'static str,
    pub skip_to_content: &'static str,
    pub language_switch_label: &'static str,
    pub main_navigation_label: &'static str,
    pub logged_in_as: fn(name: &str) -> String,
    pub logout: &'static str,
    pub footer_text: &'static str,
    pub footer_demo: &'static str,
    pub loading: &'static str,
    pub date_at_time: fn(date: &str, time: &str) -> String,

    pub login_title: &'static str,
    pub login_intro: &'static str,
    pub identity_code_label: &'static str,
    pub identity_code_hint: &'static str,
    pub password_label: &'static str,
    pub login_button: &'static str,
    pub demo_logins_title: &'static str,
    pub demo_logins_intro: &'static str,
    pub demo_name: &'static str,
    pub demo_identity_code: &'static str,
    pub error_heading: &'static str,

    pub notice_page_title: &'static str,
    pub notice_due_intro: &'static str,
    pub notice_version_published: fn(date: &str, version: &str) -> String,
    pub notice_confirm_explanation: &'static str,
    pub notice_confirm_button: &'static str,
    pub notice_already_confirmed: fn(date: &str) -> String,
    pub notice_continue: &'static str,

    pub home_title: &'static str,
    pub greeting: fn(name: &str) -> String,
    pub previous_login: fn(time: &str) -> String,
    pub first_login: &'static str,
    pub notice_confirmed_online: fn(date: &str, version: &str) -> String,
    pub notice_confirmed_in_person: fn(date: &str, provider: &str, version: &str) -> String,
    pub read_notice_again: &'static str,

    pub nav_front_page: &'static str,
    pub nav_health_data: &'static str,
    pub nav_social_welfare: &'static str,
    pub nav_prescriptions: &'static str,
    pub records_health_title: &'static str,
    pub records_health_intro: &'static str,
    pub records_social_title: &'static str,
    pub records_social_intro: &'static str,
    pub filter_heading: &'static str,
    pub filter_register: &'static str,
    pub filter_provider: &'static str,
    pub filter_kind: &'static str,
    pub filter_from: &'static str,
    pub filter_to: &'static str,
    pub filter_any: &'static str,
    pub filter_apply: &'static str,
    pub filter_clear: &'static str,
    pub result_count: fn(entries: &str, events: &str) -> String,
    pub empty_no_data_health: &'static str,
    pub empty_no_data_social: &'static str,
    pub empty_no_match: &'static str,
    pub pagination_label: &'static str,
    pub next_page: &'static str,
    pub previous_page: &'static str,
    pub first_page: &'static str,
    pub page_of_results: fn(first: &str, last: &str) -> String,
    pub label_register: &'static str,
    pub label_unit: &'static str,
    pub label_started: &'static str,
    pub label_recorded: &'static str,
    pub open_event: &'static str,
    pub kind_visit_summary: &'static str,
    pub kind_diagnosis: &'static str,
    pub kind_laboratory_result: &'static str,
    pub kind_imaging_study: &'static str,
    pub kind_vaccination: &'static str,
    pub kind_critical_risk: &'static str,
    pub kind_referral: &'static str,
    pub kind_measurement: &'static str,
    pub kind_procedure: &'static str,
    pub kind_care_plan: &'static str,
    pub kind_certificate: &'static str,
    pub kind_client_document: &'static str,
    pub register_name: fn(provider: &str, register: &str) -> String,
    pub register_patient: &'static str,
    pub register_social_welfare: &'static str,
    pub register_occupational: &'static str,
    pub prescription_centre: &'static str,
    pub event_stored_in: fn(register: &str) -> String,
    pub back_to_health: &'static str,
    pub back_to_social: &'static str,
    pub prescriptions_title: &'static str,
    pub prescriptions_intro: &'static str,
    pub rx_filter_label: &'static str,
    pub rx_show_valid: fn(count: &str) -> String,
    pub rx_show_expired: fn(count: &str) -> String,
    pub rx_show_all: fn(count: &str) -> String,
    pub rx_badge_valid: &'static str,
    pub rx_badge_expired: &'static str,
    pub rx_dosage: &'static str,
    pub rx_prescriber: &'static str,
    pub rx_prescribed_on: &'static str,
    pub rx_valid_until: &'static str,
    pub rx_amount_left: &'static str,
    pub rx_dispensings: &'static str,
    pub rx_pharmacy: &'static str,
    pub rx_dispensed_on: &'static str,
    pub rx_amount: &'static str,
    pub rx_no_dispensings: &'static str,
    pub rx_empty_valid: &'static str,
    pub rx_empty_expired: &'static str,
    pub rx_empty_all: &'static str,
    pub print_button: &'static str,
    pub children_title: &'static str,
    pub children_intro: &'static str,
    pub act_for_button: fn(name: &str) -> String,
    pub acting_for_banner: fn(name: &str) -> String,
    pub act_for_self_button: &'static str,
    pub guardian_limit_note: &'static str,
    pub your_data_title: &'static str,
    pub err_filter_register: &'static str,
    pub err_filter_provider: &'static str,
    pub err_filter_kind: &'static str,
    pub err_filter_from: &'static str,
    pub err_filter_to: &'static str,
    pub err_filter_range: &'static str,
    pub err_filter_cursor: &'static str,
    pub err_filter_prescription_state: &'static str,
    pub err_forbidden: &'static str,
    pub err_not_found: &'static str,

    pub nav_data_use: &'static str,
    pub data_use_intro: &'static str,
    pub du_subnav_label: &'static str,
    pub du_overview: &'static str,
    pub du_history: &'static str,
    pub du_summary: &'static str,
    pub du_viewings: &'static str,
    pub du_preview: &'static str,
    pub du_notice_current: fn(version: &str) -> String,
    pub du_notice_not_confirmed: &'static str,
    pub du_confirmations_heading: &'static str,
    pub du_no_confirmations: &'static str,
    pub col_version: &'static str,
    pub col_time: &'static str,
    pub col_channel: &'static str,
    pub du_read_version: fn(version: &str) -> String,
    pub consents_heading: &'static str,
    pub consent_healthcare_title: &'static str,
    pub consent_healthcare_explain: &'static str,
    pub consent_social_title: &'static str,
    pub consent_social_explain: &'static str,
    pub consent_given_on: fn(date: &str) -> String,
    pub consent_not_given: &'static str,
    pub consent_give_button: fn(sector: &str) -> String,
    pub consent_withdraw_button: fn(sector: &str) -> String,
    pub cross_heading: &'static str,
    pub cross_explain: &'static str,
    pub cross_not_open: fn(date: &str) -> String,
    pub denials_heading: &'static str,
    pub denials_explain: &'static str,
    pub denials_none: &'static str,
    pub denial_set_on: fn(date: &str) -> String,
    pub denial_emergency_yes: &'static str,
    pub denial_cancel_button: &'static str,
    pub denial_not_cancellable: &'static str,
    pub new_denial_heading: &'static str,
    pub new_denial_kind: &'static str,
    pub denial_kind_event: &'static str,
    pub denial_kind_prescription: &'static str,
    pub denial_kind_comprehensive: &'static str,
    pub denial_kind_uusimaa: &'static str,
    pub new_denial_emergency: &'static str,
    pub new_denial_continue: &'static str,
    pub confirm_denial_title: &'static str,
    pub confirm_denial_what: fn(denial: &str) -> String,
    pub confirm_denial_button: &'static str,
    pub confirm_denial_back: &'static str,
    pub sector_healthcare: &'static str,
    pub sector_social_welfare: &'static str,
    pub cross_health_to_social: &'static str,
    pub cross_social_to_health: &'static str,
    pub cross_give_button: fn(direction: &str) -> String,
    pub cross_withdraw_button: fn(direction: &str) -> String,
    pub event_label: fn(date: &str, provider: &str, title: &str) -> String,
    pub prescription_label: fn(date: &str, medicine: &str) -> String,
    pub denial_of_event: fn(event: &str) -> String,
    pub denial_of_prescription: fn(prescription: &str) -> String,
    pub denial_of_provider: fn(provider: &str) -> String,
    pub denial_comprehensive: fn(sector: &str) -> String,
    pub denial_uusimaa: &'static str,
    pub denial_of_unknown: &'static str,
    pub denial_of_hidden: &'static str,
    pub consequence_event: &'static str,
    pub consequence_prescription: &'static str,
    pub consequence_provider: fn(provider: &str) -> String,
    pub consequence_comprehensive: fn(sector: &str) -> String,
    pub consequence_uusimaa: &'static str,
    pub consequence_same_register: &'static str,
    pub consequence_prescriber_continues: &'static str,
    pub consequence_emergency_allowed: &'static str,
    pub consequence_emergency_denied: &'static str,
    pub consequence_cancel_any_time: &'static str,
    pub history_title: &'static str,
    pub history_intro: &'static str,
    pub history_empty: &'static str,
    pub col_event: &'static str,
    pub col_actor: &'static str,
    pub history_consent_given: fn(sector: &str) -> String,
    pub history_consent_withdrawn: fn(sector: &str) -> String,
    pub history_cross_given: fn(direction: &str) -> String,
    pub history_cross_withdrawn: fn(direction: &str) -> String,
    pub history_denial_set: fn(denial: &str) -> String,
    pub history_emergency_allowed: &'static str,
    pub history_denial_cancelled: fn(denial: &str) -> String,
    pub actor_you: &'static str,
    pub actor_guardian: fn(name: &str) -> String,
    pub actor_professional: fn(provider: &str) -> String,
    pub channel_online: &'static str,
    pub channel_in_person: fn(provider: &str) -> String,
    pub summary_title: &'static str,
    pub summary_valid_on: fn(date: &str) -> String,
    pub summary_for: fn(name: &str) -> String,
    pub summary_none: &'static str,
    pub viewings_title: &'static str,
    pub viewings_intro: &'static str,
    pub viewings_empty: &'static str,
    pub col_provider: &'static str,
    pub col_unit: &'static str,
    pub col_what: &'static str,
    pub col_purpose: &'static str,
    pub purpose_treatment: &'static str,
    pub purpose_emergency: &'static str,
    pub purpose_social_welfare: &'static str,
    pub purpose_dispensing: &'static str,
    pub filter_viewed_from: &'static str,
    pub filter_viewed_to: &'static str,
    pub preview_title: &'static str,
    pub preview_intro: &'static str,
    pub preview_viewer: &'static str,
    pub preview_choose: &'static str,
    pub preview_situation: &'static str,
    pub situation_treatment: &'static str,
    pub situation_emergency: &'static str,
    pub preview_show: &'static str,
    pub preview_counts_heading: &'static str,
    pub preview_items_heading: &'static str,
    pub col_register: &'static str,
    pub col_visible: &'static str,
    pub col_hidden: &'static str,
    pub col_item: &'static str,
    pub col_date: &'static str,
    pub col_decision: &'static str,
    pub col_reason: &'static str,
    pub decision_visible: &'static str,
    pub decision_hidden: &'static str,
    pub preview_nothing: &'static str,
    pub role_healthcare: &'static str,
    pub role_occupational: &'static str,
    pub role_social_welfare: &'static str,
    pub role_pharmacy: &'static str,
    pub viewer_label: fn(provider: &str, role: &str) -> String,
    pub reason_same_register: &'static str,
    pub reason_prescriber: &'static str,
    pub reason_prescription_denied: fn(date: &str) -> String,
    pub reason_prescription_in_treatment: &'static str,
    pub reason_prescription_dispensing: &'static str,
    pub reason_not_informed: &'static str,
    pub reason_pharmacy_only_prescriptions: &'static str,
    pub reason_cross_not_open: &'static str,
    pub reason_no_cross_consent: &'static str,
    pub reason_denied: fn(date: &str) -> String,
    pub reason_uusimaa: &'static str,
    pub reason_consent: fn(date: &str) -> String,
    pub reason_no_consent: &'static str,
    pub err_consent_already_given: &'static str,
    pub err_no_consent_to_withdraw: &'static str,
    pub err_cross_sector_not_open: &'static str,
    pub err_no_denial_to_cancel: &'static str,
    pub err_not_the_citizens_data: &'static str,
    pub err_denial_already_valid: &'static str,
    pub err_form_sector: &'static str,
    pub err_form_denial_kind: &'static str,
    pub err_form_denial_target: &'static str,
    pub err_form_viewer: &'static str,
    pub err_form_situation: &'static str,
    pub notice_version_title: fn(version: &str) -> String,
    pub back_to_data_use: &'static str,

    pub channel_online_by_guardian: fn(name: &str) -> String,
    pub du_confirm_for_child_explain: fn(name: &str) -> String,
    pub du_confirm_for_child_button: fn(name: &str) -> String,

    pub not_found_title: &'static str,
    pub not_found_body: &'static str,
    pub back_to_front_page: &'static str,

    pub err_identity_code_length: &'static str,
    pub err_identity_code_digits: &'static str,
    pub err_identity_code_century: &'static str,
    pub err_identity_code_date: &'static str,
    pub err_identity_code_individual: &'static str,
    pub err_identity_code_check: &'static str,
    pub err_password_missing: &'static str,
    pub err_bad_credentials: &'static str,
    pub err_not_authenticated: &'static str,
    pub err_notice_not_confirmed: &'static str,
    pub err_unknown_notice_version: &'static str,
    pub err_notice_version_outdated: &'static str,
    pub err_bad_request: &'static str,
    pub err_internal: &'static str,
    pub err_too_large: &'static str,
    pub err_cross_site: &'static str,
    pub consequence_uusimaa_emergency: &'static str,
    pub err_emergency_permission_not_applicable: &'static str,
    pub register_in_sentence: fn(provider: &str, register: &str) -> String,
    pub consequence_register: fn(register: &str) -> String,
    pub consequence_at_the_pharmacy: &'static str,
    pub consequence_prescription_emergency: &'static str,
    pub denial_kind_register: &'static str,
    pub denial_register_explain: &'static str,
    pub consent_before_2024: &'static str,
    pub consent_update_button: fn(sector: &str) -> String,
    pub history_consent_updated: fn(sector: &str) -> String,
    pub rx_emergency_heading: &'static str,
    pub rx_emergency_explain: &'static str,
    pub rx_emergency_allowed: fn(date: &str) -> String,
    pub rx_emergency_not_allowed: &'static str,
    pub rx_emergency_allow_button: &'static str,
    pub rx_emergency_withdraw_button: &'static str,
    pub history_rx_emergency_allowed: &'static str,
    pub history_rx_emergency_withdrawn: &'static str,
    pub reason_emergency: &'static str,
    pub reason_prescription_emergency: fn(date: &str) -> String,
    pub err_no_consent_to_update: &'static str,
    pub err_emergency_permission_already_given: &'static str,
    pub err_no_emergency_permission_to_withdraw: &'static str,
    pub entry_recorded_on: fn(date: &str) -> String,
    pub n_service_events: Plural,
    pub age_years: Plural,
    // The front page at a glance (issue 19).
    pub glance_title: &'static str,
    pub glance_title_for: fn(name: &str) -> String,
    pub glance_new_since_login: Plural,
    pub glance_new_last_days: Plural,
    pub glance_newest_label: &'static str,
    pub glance_rx_attention: Plural,
    pub glance_rx_none: &'static str,
    pub glance_rx_ends_on: fn(date: &str, medicine: &str) -> String,
    pub glance_rx_nothing_left: fn(medicine: &str) -> String,
    pub glance_consents: fn(list: &str) -> String,
    pub glance_consent_given: fn(sector: &str) -> String,
    pub glance_consent_not_given: fn(sector: &str) -> String,
    pub glance_denials: Plural,
    pub glance_last_change: fn(date: &str) -> String,
    pub glance_no_declarations: &'static str,
    pub glance_viewings_since_login: Plural,
    pub glance_viewings_last_days: Plural,
    pub menu_label: &'static str,
    pub showing_data_of: fn(name: &str) -> String,
    pub err_subject_changed: &'static str,
    pub err_form_expired: &'static str,
    pub err_login_throttled: &'static str,
    pub err_unavailable: &'static str,
    pub err_network: &'static str,

    // Laboratory results over time (issue 13).
    pub err_filter_lab_test: &'static str,
    pub lab_title: &'static str,
    pub lab_intro: &'static str,
    pub lab_none: &'static str,
    pub lab_col_test: &'static str,
    pub lab_col_results: &'static str,
    pub lab_col_latest: &'static str,
    pub lab_col_date: &'static str,
    pub lab_col_value: fn(unit: &str) -> String,
    pub lab_col_range: &'static str,
    pub lab_below: &'static str,
    pub lab_within: &'static str,
    pub lab_above: &'static str,
    pub lab_reference: fn(range: &str, unit: &str) -> String,
    pub lab_range_at_most: fn(high: &str) -> String,
    pub lab_range_at_least: fn(low: &str) -> String,
    pub lab_chart_title: fn(test: &str) -> String,
    pub lab_span: fn(first: &str, last: &str) -> String,
    pub lab_n_results: Plural,
    pub lab_n_outside: Plural,
    pub lab_table_caption: fn(test: &str) -> String,
    pub lab_back: &'static str,

    // Vaccinations (issue 13).
    pub vacc_title: &'static str,
    pub vacc_intro: &'static str,
    pub vacc_none: &'static str,
    pub vacc_col_date: &'static str,
    pub vacc_col_vaccine: &'static str,
    pub vacc_col_dose: &'static str,
    pub vacc_dose: fn(n: &str) -> String,
    pub vacc_back: &'static str,
}

/// The one label of each domain enum a page names.
impl Texts {
    pub fn sector(&self, s: crate::domain::declarations::Sector) -> &'static str {
        use crate::domain::declarations::Sector::*;
        match s {
            Healthcare => self.sector_healthcare,
            SocialWelfare => self.sector_social_welfare,
        }
    }

    pub fn cross_sector(&self, c: crate::domain::declarations::CrossSector) -> &'static str {
        use crate::domain::declarations::CrossSector::*;
        match c {
            HealthcareToSocialWelfare => self.cross_health_to_social,
            SocialWelfareToHealthcare => self.cross_social_to_health,
        }
    }

    pub fn register_kind(&self, kind: crate::domain::declarations::RegisterKind) -> &'static str {
        use crate::domain::declarations::RegisterKind::*;
        match kind {
            Patient => self.register_patient,
            SocialWelfareClient => self.register_social_welfare,
            OccupationalHealth => self.register_occupational,
        }
    }

    /// The name of an entry kind.
    pub fn entry_kind(&self, kind: crate::domain::records::EntryKind) -> &'static str {
        use crate::domain::records::EntryKind::*;
        match kind {
            VisitSummary => self.kind_visit_summary,
            Diagnosis => self.kind_diagnosis,
            LaboratoryResult => self.kind_laboratory_result,
            ImagingStudy => self.kind_imaging_study,
            Vaccination => self.kind_vaccination,
            CriticalRisk => self.kind_critical_risk,
            Referral => self.kind_referral,
            Measurement => self.kind_measurement,
            Procedure => self.kind_procedure,
            CarePlan => self.kind_care_plan,
            Certificate => self.kind_certificate,
            ClientDocument => self.kind_client_document,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cookie_wins_over_accept_language() {
        assert_eq!(Locale::negotiate(Some("en"), Some("sv-FI,sv;q=0.9")), Locale::En);
    }

    #[test]
    fn accept_language_is_the_first_guess() {
        assert_eq!(Locale::negotiate(None, Some("sv-FI,sv;q=0.9,en;q=0.8")), Locale::Sv);
        assert_eq!(Locale::negotiate(None, Some("de-DE,en;q=0.5,fi;q=0.7")), Locale::Fi);
        assert_eq!(Locale::negotiate(None, Some("de, en-GB;q=0.3")), Locale::En);
        assert_eq!(Locale::negotiate(Some("xx"), Some("en;q=0")), Locale::Fi);
    }

    #[test]
    fn finnish_is_the_default() {
        assert_eq!(Locale::negotiate(None, None), Locale::Fi);
        assert_eq!(Locale::negotiate(None, Some("de")), Locale::Fi);
    }

    #[test]
    fn numbers_follow_the_locale() {
        assert_eq!(Locale::Fi.number(2.9), "2,9");
        assert_eq!(Locale::En.number(2.9), "2.9");
        assert_eq!(Locale::Sv.number(78.0), "78");
        assert_eq!(Locale::En.number(0.126), "0.13");
        assert_eq!(Locale::Fi.number(100.0), "100");
    }

    #[test]
    fn dates_follow_the_locale() {
        let d = NaiveDate::from_ymd_opt(2026, 3, 5).unwrap();
        assert_eq!(Locale::Fi.date(d), "5.3.2026");
        assert_eq!(Locale::Sv.date(d), "5.3.2026");
        assert_eq!(Locale::En.date(d), "5 March 2026");
    }

    #[test]
    fn instants_are_shown_in_helsinki_time() {
        use chrono::TimeZone;
        let t = Utc.with_ymd_and_hms(2026, 11, 24, 8, 5, 0).unwrap();
        assert_eq!(Locale::Fi.date_time(t), "24.11.2026 klo 10.05");
        assert_eq!(Locale::Sv.date_time(t), "24.11.2026 kl. 10.05");
        assert_eq!(Locale::En.date_time(t), "24 November 2026 at 10:05");
    }

    #[test]
    fn counts_take_their_plural_form() {
        assert_eq!(Locale::En.texts().n_service_events.of(1), "1 service event");
        assert_eq!(Locale::En.texts().n_service_events.of(3), "3 service events");
        assert_eq!(Locale::Sv.texts().n_service_events.of(1), "1 servicehändelse");
        assert_eq!(Locale::Sv.texts().age_years.of(16), "16 år");
        assert_eq!(Locale::En.texts().age_years.of(1), "1 year");
        assert_eq!(Locale::Fi.texts().age_years.of(8), "8 v");
        for l in Locale::ALL {
            let t = l.texts();
            for p in [
                &t.n_service_events,
                &t.age_years,
                &t.glance_new_since_login,
                &t.glance_new_last_days,
                &t.glance_rx_attention,
                &t.glance_denials,
                &t.glance_viewings_since_login,
                &t.glance_viewings_last_days,
                &t.lab_n_results,
                &t.lab_n_outside,
            ] {
                assert!(p.of(7).contains('7') && p.of(1).contains('1'), "{l:?}: {}", p.of(7));
            }
        }
    }
}
