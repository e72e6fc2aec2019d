//! The Finnish personal identity code (henkilötunnus), `DDMMYYCZZZQ`.
//!
//! Parsed once, at the edge, into [`IdentityCode`]; everything past the edge
//! holds the type, never a string. An invalid code is a typed error and is
//! never used for a lookup.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::fmt;

const CHECK_CHARACTERS: &[u8; 31] = b"0123456789ABCDEFHJKLMNPRSTUVWXY";

/// Why a text is not a valid identity code. Each variant maps to its own
/// translated message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum IdentityCodeError {
    /// Not exactly 11 characters.
    WrongLength,
    /// Digits are missing where the format needs them.
    NotDigits,
    /// The seventh character is not a known century sign.
    BadCenturySign,
    /// Day, month and year do not make a real date.
    ImpossibleDate,
    /// The individual number is 000 or 001.
    BadIndividualNumber,
    /// The last character does not match the check computation.
    WrongCheckCharacter,
}

/// A valid personal identity code, normalised to upper case.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct IdentityCode(String);

impl IdentityCode {
    /// Parses and validates a code typed by a person (surrounding white space
    /// is ignored, letters may be lower case).
    pub fn parse(input: &str) -> Result<Self, IdentityCodeError> {
        let code = input.trim().to_uppercase();
        if code.chars().count() != 11 || !code.is_ascii() {
            return Err(IdentityCodeError::WrongLength);
        }
        let bytes = code.as_bytes();
        let digits = |range: std::ops::Range<usize>| bytes[range].iter().all(u8::is_ascii_digit);
        if !digits(0..6) || !digits(7..10) {
            return Err(IdentityCodeError::NotDigits);
        }
        let century = century_of(bytes[6]).ok_or(IdentityCodeError::BadCenturySign)?;
        let number =
            |range: std::ops::Range<usize>| -> u32 { code[range].parse().expect("checked to be ASCII digits") };
        let (day, month, year) = (number(0..2), number(2..4), number(4..6));
        NaiveDate::from_ymd_opt((century + year) as i32, month, day).ok_or(IdentityCodeError::ImpossibleDate)?;
        if number(7..10) < 2 {
            return Err(IdentityCodeError::BadIndividualNumber);
        }
        let n: u32 = format!("{}{}", &code[0..6], &code[7..10]).parse().expect("nine digits");
        if CHECK_CHARACTERS[(n % 31) as usize] != bytes[10] {
            return Err(IdentityCodeError::WrongCheckCharacter);
        }
        Ok(Self(code))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn birth_date(&self) -> NaiveDate {
        let b = self.0.as_bytes();
        let n = |i: usize| -> u32 { self.0[i..i + 2].parse().expect("validated") };
        let century = century_of(b[6]).expect("validated");
        NaiveDate::from_ymd_opt((century + n(4)) as i32, n(2), n(0)).expect("validated")
    }

    /// The individual number is even for women and odd for men (decree
    /// 886/1993).
    pub fn is_female(&self) -> bool {
        self.0.as_bytes()[9].is_multiple_of(2)
    }

    /// Individual numbers 900–999 are for temporary and test codes.
    pub fn is_test_code(&self) -> bool {
        self.0.as_bytes()[7] == b'9'
    }
}

fn century_of(sign: u8) -> Option<u32> {
    match sign {
        b'+' => Some(1800),
        b'-' | b'Y' | b'X' | b'W' | b'V' | b'U' => Some(1900),
        b'A'..=b'F' => Some(2000),
        _ => None,
    }
}

impl fmt::Display for IdentityCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for IdentityCode {
    type Error = IdentityCodeError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<IdentityCode> for String {
    fn from(value: IdentityCode) -> Self {
        value.0
    }
}

impl fmt::Display for IdentityCodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = match self {
            IdentityCodeError::WrongLength => "not 11 characters",
            IdentityCodeError::NotDigits => "a letter where a digit belongs",
            IdentityCodeError::BadCenturySign => "not a century sign",
            IdentityCodeError::ImpossibleDate => "no such date",
            IdentityCodeError::BadIndividualNumber => "individual number 000 or 001",
            IdentityCodeError::WrongCheckCharacter => "wrong check character",
        };
        write!(f, "invalid identity code: {what}")
    }
}

impl std::error::Error for IdentityCodeError {}

#[cfg(test)]
mod tests {
    use super::*;

    const DEMO_CODES: [&str; 9] = [
        "120385-9026",
        "040762-913N",
        "231190-924R",
        "300178-935E",
        "150571-946J",
        "080988-9570",
        "271055-988J",
        "190218A967P",
        "020610A9788",
    ];

    #[test]
    fn every_demo_code_is_valid_and_a_test_code() {
        for code in DEMO_CODES {
            let parsed = IdentityCode::parse(code).unwrap_or_else(|e| panic!("{code}: {e:?}"));
            assert_eq!(parsed.as_str(), code);
            assert!(parsed.is_test_code(), "{code}");
        }
    }

    #[test]
    fn the_individual_number_is_even_for_women() {
        let female = |s: &str| IdentityCode::parse(s).unwrap().is_female();
        assert!(female("120385-9026") && female("271055-988J") && female("020610A9788"));
        assert!(!female("040762-913N") && !female("190218A967P") && !female("080988-9570"));
    }

    #[test]
    fn birth_dates_follow_the_century_sign() {
        let d = |s: &str| IdentityCode::parse(s).unwrap().birth_date();
        assert_eq!(d("120385-9026"), NaiveDate::from_ymd_opt(1985, 3, 12).unwrap());
        assert_eq!(d("190218A967P"), NaiveDate::from_ymd_opt(2018, 2, 19).unwrap());
        assert_eq!(d("020610A9788"), NaiveDate::from_ymd_opt(2010, 6, 2).unwrap());
    }

    #[test]
    fn lower_case_and_white_space_are_normalised() {
        assert_eq!(IdentityCode::parse("  040762-913n ").unwrap().as_str(), "040762-913N");
        assert_eq!(IdentityCode::parse("190218a967p").unwrap().as_str(), "190218A967P");
    }

    #[test]
    fn the_new_1900s_and_2000s_century_signs_are_accepted() {
        // Same date and individual number, so the same check character, whatever the sign.
        for sign in ['Y', 'X', 'W', 'V', 'U'] {
            assert!(IdentityCode::parse(&format!("120385{sign}9015")).is_ok(), "{sign}");
        }
        for sign in ['B', 'C', 'D', 'E', 'F'] {
            assert!(IdentityCode::parse(&format!("190218{sign}967P")).is_ok(), "{sign}");
        }
    }

    #[test]
    fn wrong_check_character_is_refused() {
        assert_eq!(IdentityCode::parse("120385-9016"), Err(IdentityCodeError::WrongCheckCharacter));
        assert_eq!(IdentityCode::parse("040762-912N"), Err(IdentityCodeError::WrongCheckCharacter));
    }

    #[test]
    fn impossible_dates_are_refused() {
        assert_eq!(IdentityCode::parse("310285-9015"), Err(IdentityCodeError::ImpossibleDate));
        assert_eq!(IdentityCode::parse("121385-9015"), Err(IdentityCodeError::ImpossibleDate));
        assert_eq!(IdentityCode::parse("000185-9015"), Err(IdentityCodeError::ImpossibleDate));
        // 29 February exists in 2000 but not in 1900.
        assert_eq!(IdentityCode::parse("290200-901C"), Err(IdentityCodeError::ImpossibleDate));
        assert!(IdentityCode::parse("290200A901C").is_ok());
    }

    #[test]
    fn bad_century_signs_are_refused() {
        for sign in ['G', 'Z', '*', '/', '0', 'a'] {
            let code = format!("120385{sign}9015");
            if sign == 'a' {
                // normalised to 'A': a valid sign, but then the date is 2085-03-12: fine.
                assert!(IdentityCode::parse(&code).is_ok());
            } else {
                assert_eq!(IdentityCode::parse(&code), Err(IdentityCodeError::BadCenturySign), "{sign}");
            }
        }
    }

    #[test]
    fn wrong_lengths_are_refused() {
        for code in ["", "120385-901", "120385-90265", "120385 9015", "120385-9026-"] {
            let result = IdentityCode::parse(code);
            assert!(result.is_err(), "{code:?}");
        }
        assert_eq!(IdentityCode::parse("120385-901"), Err(IdentityCodeError::WrongLength));
        assert_eq!(IdentityCode::parse("120385-90265"), Err(IdentityCodeError::WrongLength));
        assert_eq!(IdentityCode::parse("12038ä-9015"), Err(IdentityCodeError::WrongLength));
    }

    #[test]
    fn letters_where_digits_belong_are_refused() {
        assert_eq!(IdentityCode::parse("12O385-9015"), Err(IdentityCodeError::NotDigits));
        assert_eq!(IdentityCode::parse("120385-9O15"), Err(IdentityCodeError::NotDigits));
    }

    #[test]
    fn individual_numbers_000_and_001_are_refused() {
        assert_eq!(IdentityCode::parse("120385-000X").err(), Some(IdentityCodeError::BadIndividualNumber));
        assert_eq!(IdentityCode::parse("120385-001X").err(), Some(IdentityCodeError::BadIndividualNumber));
    }

    #[test]
    fn serde_refuses_an_invalid_code() {
        let ok: Result<IdentityCode, _> = serde_json_like("120385-9026");
        assert!(ok.is_ok());
        let bad: Result<IdentityCode, _> = serde_json_like("120385-9016");
        assert!(bad.is_err());
    }

    fn serde_json_like(s: &str) -> Result<IdentityCode, IdentityCodeError> {
        IdentityCode::try_from(s.to_string())
    }
}
