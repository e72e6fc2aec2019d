//! The citizen's own wills and the consent to disclose prescriptions abroad
//! (DOMAIN.md §8): a living will, an organ donation testament and
//! the countries whose pharmacies may see prescriptions. Each is written as
//! a declaration event (`DeclarationEvent::LivingWillSaved` …), so it is
//! append-only, in the history and the summary like consents and denials.
//! Here: what each holds, its limits, and parsing it from a form.

use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

use super::renewal::MedicineClass;

/// The longest section of a living will's wishes, in characters.
pub const WISHES_MAX_CHARS: usize = 4000;
/// The longest "person to be heard" and organ donation restriction.
pub const SHORT_TEXT_MAX_CHARS: usize = 500;

/// A living will (*hoitotahto*): free text in three sections, kept exactly
/// as typed. At least one section holds something.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct LivingWill {
    /// Wishes about care and treatment.
    pub care: String,
    /// Wishes about end-of-life care.
    pub end_of_life: String,
    /// A person to be heard about the citizen's care.
    pub person_to_hear: String,
}

/// An organ donation testament (*elinluovutustahto*).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct OrganDonation {
    pub donate: bool,
    /// A restriction of a "yes" (e.g. which organs), as typed; empty when none.
    pub restriction: String,
}

/// A country whose pharmacies take part in disclosing Finnish prescriptions:
/// its two-letter ISO 3166 code. Which countries take part is data (the
/// `abroad_country` table), not code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct CountryCode([u8; 2]);

impl CountryCode {
    /// Two uppercase ASCII letters (`EE`); says nothing of whether the
    /// country takes part.
    pub fn parse(s: &str) -> Option<Self> {
        match s.as_bytes() {
            [a, b] if a.is_ascii_uppercase() && b.is_ascii_uppercase() => Some(CountryCode([*a, *b])),
            _ => None,
        }
    }

    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.0).unwrap_or("??")
    }
}

/// Where a consent to disclose prescriptions abroad reaches.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum AbroadCountries {
    /// Every participating country, those joining later included.
    All,
    /// The chosen countries (never empty).
    Chosen(BTreeSet<CountryCode>),
}

impl AbroadCountries {
    pub fn includes(&self, country: CountryCode) -> bool {
        match self {
            AbroadCountries::All => true,
            AbroadCountries::Chosen(set) => set.contains(&country),
        }
    }
}

/// Narcotic and central nervous system medicines are never disclosed
/// abroad, whatever the consent.
pub fn may_be_disclosed_abroad(class: MedicineClass) -> bool {
    class == MedicineClass::Ordinary
}

/// Which field of a will's or the abroad consent's form is wrong; nothing
/// is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum WillFormError {
    /// Every section of the living will is empty.
    LivingWillEmpty,
    /// A section of wishes is longer than [`WISHES_MAX_CHARS`].
    CareTooLong,
    EndOfLifeTooLong,
    /// The person to be heard is longer than [`SHORT_TEXT_MAX_CHARS`].
    PersonTooLong,
    /// Neither "yes" nor "no" was chosen.
    DonationChoice,
    /// The restriction is longer than [`SHORT_TEXT_MAX_CHARS`].
    RestrictionTooLong,
    /// A restriction was written on a "no".
    RestrictionWithNo,
    /// Neither "all countries" nor any country was chosen, or a country
    /// that does not take part.
    Countries,
    /// A text holds control characters or direction overrides
    /// (`domain::text`).
    NotText,
}

fn within(text: &str, max: usize, too_long: WillFormError) -> Result<String, WillFormError> {
    if text.chars().count() > max {
        Err(too_long)
    } else if !super::text::is_clean(text) {
        Err(WillFormError::NotText)
    } else {
        Ok(text.to_string())
    }
}

/// Only white space is as good as nothing; anything else is kept exactly as typed.
fn kept(text: &str) -> &str {
    if text.trim().is_empty() {
        ""
    } else {
        text
    }
}

impl LivingWill {
    pub fn parse(care: &str, end_of_life: &str, person_to_hear: &str) -> Result<Self, WillFormError> {
        let will = LivingWill {
            care: within(kept(care), WISHES_MAX_CHARS, WillFormError::CareTooLong)?,
            end_of_life: within(kept(end_of_life), WISHES_MAX_CHARS, WillFormError::EndOfLifeTooLong)?,
            person_to_hear: within(kept(person_to_hear), SHORT_TEXT_MAX_CHARS, WillFormError::PersonTooLong)?,
        };
        if will.care.is_empty() && will.end_of_life.is_empty() && will.person_to_hear.is_empty() {
            return Err(WillFormError::LivingWillEmpty);
        }
        Ok(will)
    }
}

impl OrganDonation {
    /// `choice` is `yes` or `no`, as the form's radio buttons write it.
    pub fn parse(choice: &str, restriction: &str) -> Result<Self, WillFormError> {
        let donate = match choice {
            "yes" => true,
            "no" => false,
            _ => return Err(WillFormError::DonationChoice),
        };
        let restriction = within(kept(restriction), SHORT_TEXT_MAX_CHARS, WillFormError::RestrictionTooLong)?;
        if !donate && !restriction.is_empty() {
            return Err(WillFormError::RestrictionWithNo);
        }
        Ok(OrganDonation { donate, restriction })
    }
}

impl AbroadCountries {
    /// `all` is the "every participating country" choice; otherwise the
    /// chosen codes, each one of `participating`.
    pub fn parse(all: bool, chosen: &[String], participating: &[CountryCode]) -> Result<Self, WillFormError> {
        if all {
            return Ok(AbroadCountries::All);
        }
        let set = chosen
            .iter()
            .map(|c| CountryCode::parse(c.trim()).filter(|c| participating.contains(c)).ok_or(WillFormError::Countries))
            .collect::<Result<BTreeSet<_>, _>>()?;
        if set.is_empty() {
            return Err(WillFormError::Countries);
        }
        Ok(AbroadCountries::Chosen(set))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_living_will_is_kept_as_typed_within_its_limits() {
        let w = LivingWill::parse("  <b>No</b> resuscitation\n", "", "Anna").unwrap();
        assert_eq!(w.care, "  <b>No</b> resuscitation\n", "kept exactly, markup and white space included");
        assert_eq!(LivingWill::parse(" ", "\n", "\t"), Err(WillFormError::LivingWillEmpty));
        let long = "ä".repeat(WISHES_MAX_CHARS);
        assert!(LivingWill::parse(&long, &long, "").is_ok(), "characters, not bytes");
        let over = "a".repeat(WISHES_MAX_CHARS + 1);
        assert_eq!(LivingWill::parse(&over, "", ""), Err(WillFormError::CareTooLong));
        assert_eq!(LivingWill::parse("x", &over, ""), Err(WillFormError::EndOfLifeTooLong));
        assert_eq!(LivingWill::parse("x", "", &"a".repeat(501)), Err(WillFormError::PersonTooLong));
    }

    #[test]
    fn control_characters_and_direction_overrides_are_refused_in_every_text() {
        for bad in ["a\0b", "\u{1b}[2J", "x\u{c}", "\u{202e}gnp.exe"] {
            assert_eq!(LivingWill::parse(bad, "", ""), Err(WillFormError::NotText), "{bad:?}");
            assert_eq!(LivingWill::parse("x", bad, ""), Err(WillFormError::NotText), "{bad:?}");
            assert_eq!(LivingWill::parse("x", "", bad), Err(WillFormError::NotText), "{bad:?}");
            assert_eq!(OrganDonation::parse("yes", bad), Err(WillFormError::NotText), "{bad:?}");
        }
        assert!(LivingWill::parse("Rivi 1\r\n\tRivi 2", "", "").is_ok(), "line breaks and tabs are text");
    }

    #[test]
    fn an_organ_donation_testament_is_yes_or_no_and_only_a_yes_is_restricted() {
        assert_eq!(OrganDonation::parse("yes", ""), Ok(OrganDonation { donate: true, restriction: String::new() }));
        assert_eq!(OrganDonation::parse("yes", "not the corneas").unwrap().restriction, "not the corneas");
        assert_eq!(OrganDonation::parse("no", " ").unwrap(), OrganDonation { donate: false, restriction: "".into() });
        assert_eq!(OrganDonation::parse("no", "kidneys"), Err(WillFormError::RestrictionWithNo));
        assert_eq!(OrganDonation::parse("maybe", ""), Err(WillFormError::DonationChoice));
        assert_eq!(OrganDonation::parse("yes", &"a".repeat(501)), Err(WillFormError::RestrictionTooLong));
    }

    #[test]
    fn abroad_countries_are_all_or_some_that_take_part() {
        let ee = CountryCode::parse("EE").unwrap();
        let pt = CountryCode::parse("PT").unwrap();
        let taking_part = [ee, pt];
        assert_eq!(AbroadCountries::parse(true, &[], &taking_part), Ok(AbroadCountries::All));
        let chosen = AbroadCountries::parse(false, &["EE".into(), "PT".into(), "EE".into()], &taking_part).unwrap();
        assert_eq!(chosen, AbroadCountries::Chosen([ee, pt].into()));
        assert!(chosen.includes(pt) && AbroadCountries::All.includes(CountryCode::parse("SE").unwrap()));
        assert!(!AbroadCountries::Chosen([ee].into()).includes(pt));
        for bad in [vec![], vec!["SE".to_string()], vec!["ee".to_string()], vec!["EST".to_string()]] {
            assert_eq!(AbroadCountries::parse(false, &bad, &taking_part), Err(WillFormError::Countries), "{bad:?}");
        }
        assert_eq!(ee.as_str(), "EE");
    }

    #[test]
    fn narcotics_and_cns_medicines_never_go_abroad() {
        assert!(may_be_disclosed_abroad(MedicineClass::Ordinary));
        assert!(!may_be_disclosed_abroad(MedicineClass::Narcotic));
        assert!(!may_be_disclosed_abroad(MedicineClass::CentralNervousSystem));
    }
}
