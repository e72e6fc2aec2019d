//! What the demo's entries are made of, as a Finnish clinician knows them:
//! medicines with their Finnish names, forms, package units and ATC codes;
//! vaccines by the names used in Finland, with the day each came into use
//! here and the ages they are given at; laboratory tests as laboratories
//! print them, with units and reference ranges by sex.

use chrono::NaiveDate;

use crate::domain::renewal::MedicineClass;

/// A medicine as a prescription names it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Medicine {
    /// The Finnish generic name, as the prescription shows it.
    pub name: &'static str,
    pub strength: &'static str,
    /// The pharmaceutical form (lääkemuoto).
    pub form: &'static str,
    /// The unit the amount is prescribed and dispensed in.
    pub package_unit: &'static str,
    /// The ATC code (WHO): seven characters, five for a combination group.
    pub atc: &'static str,
    /// What it is for (käyttötarkoitus), as the demo's prescribers write it.
    pub purpose: &'static str,
    pub class: MedicineClass,
}

const fn medicine(
    name: &'static str,
    strength: &'static str,
    form: &'static str,
    package_unit: &'static str,
    atc: &'static str,
    purpose: &'static str,
) -> Medicine {
    Medicine { name, strength, form, package_unit, atc, purpose, class: MedicineClass::Ordinary }
}

pub const METFORMIINI: Medicine =
    medicine("Metformiini", "500 mg", "tabletti", "tabl", "A10BA02", "Diabeteksen hoitoon");
pub const RAMIPRIILI: Medicine = medicine("Ramipriili", "5 mg", "tabletti", "tabl", "C09AA05", "Verenpaineen hoitoon");
pub const APIKSABAANI: Medicine =
    medicine("Apiksabaani", "5 mg", "tabletti", "tabl", "B01AF02", "Veritulppien estoon (eteisvärinä)");
pub const IBUPROFEENI: Medicine = medicine("Ibuprofeeni", "400 mg", "tabletti", "tabl", "M01AE01", "Kipuun");
pub const PARASETAMOLI: Medicine = medicine("Parasetamoli", "500 mg", "tabletti", "tabl", "N02BE01", "Kipuun");
pub const OKSIKODONI: Medicine = Medicine {
    class: MedicineClass::Narcotic,
    ..medicine("Oksikodoni", "5 mg", "kapseli, kova", "kaps", "N02AA05", "Kovaan kipuun leikkauksen jälkeen")
};
pub const SERTRALIINI: Medicine =
    medicine("Sertraliini", "50 mg", "tabletti", "tabl", "N06AB06", "Masennuksen hoitoon");
pub const HYDROKORTISONI: Medicine =
    medicine("Hydrokortisoni", "1 %", "emulsiovoide", "tuubi", "D07AA02", "Ihottumaan");
pub const SIMVASTATIINI: Medicine =
    medicine("Simvastatiini", "20 mg", "tabletti", "tabl", "C10AA01", "Kolesterolin alentamiseen");
pub const ATORVASTATIINI: Medicine =
    medicine("Atorvastatiini", "20 mg", "tabletti", "tabl", "C10AA05", "Kolesterolin alentamiseen");
pub const BISOPROLOLI: Medicine =
    medicine("Bisoprololi", "5 mg", "tabletti", "tabl", "C07AB07", "Verenpaineen hoitoon");
pub const LEVOTYROKSIINI: Medicine =
    medicine("Levotyroksiini", "50 µg", "tabletti", "tabl", "H03AA01", "Kilpirauhasen vajaatoimintaan");
pub const KALSIUM_D3: Medicine =
    medicine("Kalsium + D3", "500 mg/20 µg", "purutabletti", "tabl", "A12AX", "Luuston vahvistamiseen");
pub const AMLODIPIINI: Medicine =
    medicine("Amlodipiini", "5 mg", "tabletti", "tabl", "C08CA01", "Verenpaineen hoitoon");
pub const LOSARTAANI: Medicine = medicine("Losartaani", "50 mg", "tabletti", "tabl", "C09CA01", "Verenpaineen hoitoon");
pub const OMEPRATSOLI: Medicine =
    medicine("Omepratsoli", "20 mg", "kapseli, enterokapseli", "kaps", "A02BC01", "Närästykseen");

/// A vaccine by the name used in Finland.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Vaccine {
    pub name: &'static str,
    /// The first day it was given in Finland (for the national programme's
    /// vaccines, the day it joined the programme).
    pub since: (i32, u32, u32),
    /// The ages, in months, it is given at: [from, to].
    pub ages: (u32, u32),
}

impl Vaccine {
    pub fn since(&self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.since.0, self.since.1, self.since.2).expect("a valid date")
    }
}

const YEARS: u32 = 12;
/// The national programme for children (THL), and adults' vaccines.
pub const ROTAVIRUS: Vaccine = Vaccine { name: "Rotavirusrokote (RotaTeq)", since: (2009, 9, 1), ages: (1, 8) };
pub const DTAP_IPV_HIB: Vaccine =
    Vaccine { name: "DTaP-IPV-Hib-rokote (Pentavac)", since: (2005, 9, 1), ages: (2, 24) };
pub const PNEUMOCOCCAL_CHILD: Vaccine =
    Vaccine { name: "Pneumokokkikonjugaattirokote (Synflorix)", since: (2010, 9, 1), ages: (2, 24) };
pub const MMR: Vaccine = Vaccine { name: "MPR-rokote (Priorix)", since: (1982, 1, 1), ages: (12, 16 * YEARS) };
pub const VARICELLA: Vaccine =
    Vaccine { name: "Vesirokkorokote (Varivax)", since: (2017, 9, 1), ages: (18, 16 * YEARS) };
pub const MMRV: Vaccine =
    Vaccine { name: "MPRV-rokote (Priorix-Tetra)", since: (2017, 9, 1), ages: (5 * YEARS, 8 * YEARS) };
pub const DTAP_IPV: Vaccine =
    Vaccine { name: "DTaP-IPV-rokote (Tetraxim)", since: (2005, 9, 1), ages: (4 * YEARS - 6, 6 * YEARS) };
pub const INFLUENZA_CHILD_NASAL: Vaccine =
    Vaccine { name: "Influenssarokote, nenäsumute (Fluenz Tetra)", since: (2015, 10, 1), ages: (24, 7 * YEARS) };
pub const INFLUENZA_CHILD: Vaccine =
    Vaccine { name: "Influenssarokote (Vaxigrip)", since: (2007, 10, 1), ages: (6, 36) };
pub const HPV: Vaccine =
    Vaccine { name: "HPV-rokote (Cervarix)", since: (2013, 11, 1), ages: (10 * YEARS, 16 * YEARS) };
pub const DTAP_TEEN: Vaccine =
    Vaccine { name: "dtap-rokote (Boostrix)", since: (2005, 9, 1), ages: (14 * YEARS, 16 * YEARS) };
pub const DT_ADULT: Vaccine =
    Vaccine { name: "dT-rokote (diTeBooster)", since: (2005, 1, 1), ages: (18 * YEARS, 110 * YEARS) };
pub const INFLUENZA: Vaccine =
    Vaccine { name: "Influenssarokote (Vaxigrip)", since: (2005, 10, 1), ages: (6, 110 * YEARS) };
pub const INFLUENZA_TETRA: Vaccine =
    Vaccine { name: "Influenssarokote (Vaxigrip Tetra)", since: (2017, 10, 1), ages: (6, 110 * YEARS) };
pub const COVID_19: Vaccine =
    Vaccine { name: "Covid-19-rokote (Comirnaty)", since: (2020, 12, 27), ages: (5 * YEARS, 110 * YEARS) };
pub const PNEUMOCOCCAL_ADULT: Vaccine =
    Vaccine { name: "Pneumokokkirokote (Prevenar 20)", since: (2022, 3, 1), ages: (18 * YEARS, 110 * YEARS) };

pub const VACCINES: &[Vaccine] = &[
    ROTAVIRUS,
    DTAP_IPV_HIB,
    PNEUMOCOCCAL_CHILD,
    MMR,
    VARICELLA,
    MMRV,
    DTAP_IPV,
    INFLUENZA_CHILD_NASAL,
    INFLUENZA_CHILD,
    HPV,
    DTAP_TEEN,
    DT_ADULT,
    INFLUENZA,
    INFLUENZA_TETRA,
    COVID_19,
    PNEUMOCOCCAL_ADULT,
];

/// A laboratory test as the laboratory prints it, with its reference range
/// for women and for men (the same where they do not differ).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LabTest {
    pub code: &'static str,
    pub unit: &'static str,
    pub women: (Option<f64>, Option<f64>),
    pub men: (Option<f64>, Option<f64>),
    pub decimals: i32,
}

impl LabTest {
    pub fn range(&self, female: bool) -> (Option<f64>, Option<f64>) {
        if female {
            self.women
        } else {
            self.men
        }
    }
}

/// A reference range: (low, high), either end open.
type Range = (Option<f64>, Option<f64>);

const fn both(low: Option<f64>, high: Option<f64>) -> (Range, Range) {
    ((low, high), (low, high))
}

pub const KREA: LabTest = LabTest {
    code: "P -Krea",
    unit: "µmol/l",
    women: (Some(50.0), Some(90.0)),
    men: (Some(60.0), Some(100.0)),
    decimals: 0,
};
pub const HBA1C: LabTest = {
    let (women, men) = both(Some(20.0), Some(42.0));
    LabTest { code: "B -HbA1c", unit: "mmol/mol", women, men, decimals: 0 }
};
pub const LDL: LabTest = {
    let (women, men) = both(None, Some(3.0));
    LabTest { code: "fP -Kol-LDL", unit: "mmol/l", women, men, decimals: 1 }
};
pub const HB: LabTest = LabTest {
    code: "B -Hb",
    unit: "g/l",
    women: (Some(117.0), Some(155.0)),
    men: (Some(134.0), Some(167.0)),
    decimals: 0,
};
pub const GLUCOSE: LabTest = {
    let (women, men) = both(Some(4.0), Some(6.0));
    LabTest { code: "fP -Gluk", unit: "mmol/l", women, men, decimals: 1 }
};
pub const TSH: LabTest = {
    let (women, men) = both(Some(0.27), Some(4.2));
    LabTest { code: "P -TSH", unit: "mU/l", women, men, decimals: 2 }
};
pub const CRP: LabTest = {
    let (women, men) = both(None, Some(10.0));
    LabTest { code: "P -CRP", unit: "mg/l", women, men, decimals: 0 }
};

pub const LAB_TESTS: &[LabTest] = &[KREA, HBA1C, LDL, HB, GLUCOSE, TSH, CRP];
