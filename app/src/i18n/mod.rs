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
            let q = pieces
                .find_map(|p| p.trim().strip_prefix("q="))
                .and_then(|q| q.parse::<f32>().ok())
                .unwrap_or(1.0);
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
        fill(self.texts().date_at_time, &[("date", &self.date(local.date())), ("time", &time)])
    }

    /// The date part of an instant, in Helsinki.
    pub fn local_date(self, t: DateTime<Utc>) -> String {
        self.date(helsinki_local(t).date())
    }
}

/// Replaces `{name}` placeholders in a translated template.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = template.to_string();
    for (name, value) in values {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

/// Every user-visible string of the portal, in one language.
pub struct Texts {
    pub language_name: &'static str,
    pub service_name: &'static str,
    pub service_tagline: &'static str,
    pub skip_to_content: &'static str,
    pub language_switch_label: &'static str,
    pub main_navigation_label: &'static str,
    pub logged_in_as: &'static str,
    pub logout: &'static str,
    pub footer_text: &'static str,
    pub footer_demo: &'static str,
    pub loading: &'static str,
    pub date_at_time: &'static str,

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
    pub notice_version_published: &'static str,
    pub notice_confirm_explanation: &'static str,
    pub notice_confirm_button: &'static str,
    pub notice_already_confirmed: &'static str,
    pub notice_continue: &'static str,

    pub home_title: &'static str,
    pub greeting: &'static str,
    pub notice_confirmed_online: &'static str,
    pub notice_confirmed_in_person: &'static str,
    pub read_notice_again: &'static str,

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
    pub err_unavailable: &'static str,
    pub err_network: &'static str,
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
    fn placeholders_are_filled() {
        assert_eq!(fill("Hei {name}, {name}!", &[("name", "Aino")]), "Hei Aino, Aino!");
    }

    #[test]
    fn templates_carry_the_placeholders_they_are_filled_with() {
        for l in Locale::ALL {
            let t = l.texts();
            for (template, names) in [
                (t.logged_in_as, &["name"][..]),
                (t.greeting, &["name"]),
                (t.notice_confirmed_online, &["date", "version"]),
                (t.notice_confirmed_in_person, &["date", "version", "provider"]),
                (t.notice_version_published, &["version", "date"]),
                (t.notice_already_confirmed, &["date"]),
                (t.date_at_time, &["date", "time"]),
            ] {
                for n in names {
                    assert!(template.contains(&format!("{{{n}}}")), "{l:?}: {template} lacks {n}");
                }
            }
        }
    }
}
