//! Languages. Every string a user sees lives in one of the three tables
//! (`fi.rs`, `sv.rs`, `en.rs`): each is a value of [`Texts`], so a string
//! missing from one language is a compile error, not a blank on a page.

mod en;
mod fi;
mod identification;
mod summary;
mod sv;
mod texts;
mod wellbeing;
mod wills;

pub use identification::IdentificationTexts;
pub use summary::SummaryTexts;
pub use texts::Texts;
pub use wellbeing::WellbeingTexts;
pub use wills::WillTexts;

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
        (self.texts().date_at_time)(&self.local_date(t), &self.time(t))
    }

    /// The time of day of an instant in Helsinki (15.02, or 15:02 in English).
    pub fn time(self, t: DateTime<Utc>) -> String {
        let local = helsinki_local(t);
        match self {
            Locale::Fi | Locale::Sv => format!("{}.{:02}", local.hour(), local.minute()),
            Locale::En => format!("{:02}:{:02}", local.hour(), local.minute()),
        }
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

/// A name in the Swedish genitive: an `s`, none after s, x or z
/// ("Sofia Laines", "Hans").
pub fn sv_genitive(name: &str) -> String {
    if name.ends_with(['s', 'x', 'z']) {
        name.to_string()
    } else {
        format!("{name}s")
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
    fn a_swedish_genitive_adds_no_second_s() {
        assert_eq!(sv_genitive("Sofia Laine"), "Sofia Laines");
        assert_eq!(sv_genitive("Hans"), "Hans");
        assert_eq!((Locale::Sv.texts().data_of)("Helmi Koskinen"), "Helmi Koskinens uppgifter");
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

    /// The string literals of a translation table's source (escapes kept).
    fn literals(source: &str) -> Vec<String> {
        let (mut out, mut current, mut inside, mut escaped) = (Vec::new(), String::new(), false, false);
        for c in source.chars() {
            match (inside, escaped, c) {
                (true, false, '\\') => escaped = true,
                (true, false, '"') => {
                    out.push(std::mem::take(&mut current));
                    inside = false;
                }
                (true, _, c) => {
                    current.push(c);
                    escaped = false;
                }
                (false, _, '"') => inside = true,
                _ => {}
            }
        }
        out
    }

    #[test]
    fn no_finnish_or_swedish_text_names_a_bare_sector_or_has_two_colons_in_a_sentence() {
        let sources = [
            include_str!("fi.rs"),
            include_str!("sv.rs"),
            include_str!("wills.rs"),
            include_str!("identification.rs"),
            include_str!("summary.rs"),
            include_str!("wellbeing.rs"),
        ];
        for text in sources.into_iter().flat_map(literals) {
            let text = text.as_str();
            assert!(!text.contains("(sektori:") && !text.contains("(sektor:"), "{text}");
            for sentence in text.split(". ") {
                assert!(sentence.matches(": ").count() <= 1, "two colons in one sentence: {text}");
            }
        }
        for l in [Locale::Fi, Locale::Sv] {
            let t = l.texts();
            let stored = (t.event_stored_in)("potilasrekisteri (HUS-yhtymä)");
            assert_eq!(stored.matches(':').count(), 0, "{stored}");
        }
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
