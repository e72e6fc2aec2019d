//! The demo's stories, written as data: each is a kind of visit with the
//! entries such a visit records, in the words a Finnish clinician writes.
//! Measured values and laboratory results are computed for the person and
//! the day (`entries.rs`); everything else is here.

use super::catalogue::*;
use super::entries::Line::{self, BloodPressure, Height, Lab, Text, Vaccine as Vax, Weight};
use super::entries::Story;

const fn s(title: &'static str, lines: &'static [Line]) -> Story {
    Story { title, lines }
}

// ---- Common visits ----
pub const COMMON_COLD: Story = s(
    "Flunssa",
    &[
        Text(
            "visit_summary",
            "Kuumetta kaksi päivää, nuhaa ja kurkkukipua. Keuhkoista ei poikkeavaa. Oireenmukainen hoito.",
        ),
        Text("diagnosis", "J06.9 Äkillinen ylähengitystieinfektio"),
    ],
);
pub const COMMON_COLD_SHORT: Story = s(
    "Flunssa",
    &[Text(
        "visit_summary",
        "Nuhaa ja yskää viisi päivää, ei kuumetta. Oireenmukainen hoito, sairauslomaa kolme päivää.",
    )],
);
pub const LOW_BACK_PAIN: Story = s(
    "Selkäkipu",
    &[
        Text(
            "visit_summary",
            "Alaselkäkipu kolme viikkoa nostamisen jälkeen, ei säteilyä alaraajoihin. Neurologinen status normaali.",
        ),
        Text("diagnosis", "M54.5 Alaselkäkipu"),
        Text("referral", "Lähete fysioterapiaan: selän omahoidon ohjaus."),
    ],
);

// ---- Aino ----
pub const AINO_BLOOD_PRESSURE: Story = s(
    "Verenpaineen seuranta",
    &[
        Text("visit_summary", "Työpaikalla todettu koholla oleva verenpaine. Kotimittausten keskiarvo 144/92 mmHg."),
        BloodPressure(144, 92),
        Text("referral", "Lähete HUS:n sisätautien poliklinikalle: nuoren potilaan verenpainetaudin syyn selvittely."),
    ],
);
pub const AINO_INTERNAL_MEDICINE: Story = s(
    "Sisätautien poliklinikka",
    &[
        Text(
            "visit_summary",
            "Verenpainetaudin syyn selvittely: munuaisten toiminta normaali, ei viitteitä hormonaaliseen syyhyn.",
        ),
        Lab(KREA),
        Lab(GLUCOSE),
        Text("care_plan", "Elintapaohjaus ja kotiverenpaineen seuranta. Jatkohoito terveysasemalla."),
    ],
);

// ---- Matti ----
pub const MATTI_PHYSIATRY: Story = s(
    "Fysiatrian poliklinikka",
    &[
        Text("visit_summary", "Pitkittynyt alaselkäkipu, fysioterapiasta vain vähän apua. Magneettitutkimus tehty."),
        Text("imaging_study", "Lannerangan magneettitutkimus: L4–L5-välilevyn pullistuma, ei hermojuuren puristusta."),
    ],
);
pub const MATTI_SOCIAL_WORK: Story = s(
    "Aikuissosiaalityö",
    &[
        Text("client_document", "Asiakaskertomus: sosiaaliohjaus työttömyyden ja taloudellisten vaikeuksien vuoksi."),
        Text("client_document", "Päätös: täydentävä toimeentulotuki myönnetty."),
    ],
);
pub const MATTI_KNEE_SPRAIN: Story = s(
    "Polven vamma",
    &[
        Text(
            "visit_summary",
            "Kaatui liukkaalla, vasen polvi turvoksissa. Polvi stabiili, liikelaajuus hieman rajoittunut.",
        ),
        Text("imaging_study", "Vasemman polven röntgen: ei murtumaa."),
        Text("diagnosis", "S83.6 Polven nyrjähdys"),
    ],
);
pub const MATTI_DIABETES_CHECK: Story = s(
    "Diabeteksen vuosikontrolli",
    &[
        Text("visit_summary", "Tyypin 2 diabetes, hoitotasapaino tyydyttävä. Jalkojen tunto normaali."),
        Text("diagnosis", "E11.9 Tyypin 2 diabetes ilman komplikaatioita"),
        Lab(HBA1C),
        Weight,
        Text("care_plan", "Metformiini jatkuu. Laboratoriokontrolli ja vastaanotto vuoden kuluttua."),
    ],
);
pub const MATTI_INTERNAL_MEDICINE: Story = s(
    "Sisätautien poliklinikka",
    &[
        Text(
            "visit_summary",
            "Diabeetikon verenpaine toistuvasti koholla, EKG:ssä eteisvärinä (CHA2DS2-VASc 2). Aloitetaan ramipriili ja apiksabaani.",
        ),
        Text("diagnosis", "I48.0 Kohtauksittainen eteisvärinä"),
        Lab(KREA),
        BloodPressure(148, 88),
        Text("critical_risk", "Antikoagulanttihoito: apiksabaani (eteisvärinä). Vuotoriski, huomioitava toimenpiteissä."),
    ],
);
pub const MATTI_KNEE_SURGERY: Story = s(
    "Polven tähystysleikkaus",
    &[
        Text("visit_summary", "Oikean polven kierukkavaurio, tähystysleikkaus päiväkirurgisesti. Apiksabaani tauotettu kaksi vuorokautta ennen toimenpidettä, aloitetaan uudelleen seuraavana päivänä."),
        Text("diagnosis", "M23.2 Kierukan vaurio"),
        Text("procedure", "Oikean polven artroskopia ja kierukan osapoisto."),
    ],
);

// ---- Liisa ----
pub const LIISA_DEPRESSION: Story = s(
    "Mielenterveyskäynti",
    &[
        Text("visit_summary", "Mieliala ollut matala kolme kuukautta, uni katkonaista. PHQ-9-pisteet 15."),
        Text("diagnosis", "F32.1 Keskivaikea masennustila"),
        Text("care_plan", "Sertraliini aloitetaan. Psykiatrisen sairaanhoitajan käynnit kahden viikon välein."),
    ],
);
pub const FLU_VACCINATION: Story = s("Influenssarokotus", &[Vax(INFLUENZA_TETRA)]);
pub const LIISA_ECZEMA: Story = s(
    "Ihottuma",
    &[
        Text("visit_summary", "Kutiseva ihottuma kyynärtaipeissa, atooppinen tausta."),
        Text("diagnosis", "L20.8 Muu atooppinen ihottuma"),
    ],
);

// ---- Juhani ----
pub const JUHANI_EMERGENCY: Story = s(
    "Päivystyskäynti",
    &[
        Text("visit_summary", "Hengenahdistus ja yskä kolme päivää, uloshengitys vinkuu. Happisaturaatio 95 %."),
        Text("diagnosis", "J20.9 Äkillinen keuhkoputkitulehdus"),
        Text("imaging_study", "Keuhkojen röntgen: ei infiltraatteja."),
    ],
);
pub const JUHANI_ASTHMA: Story = s(
    "Astma",
    &[
        Text("visit_summary", "Toistuvia hengenahdistuskohtauksia. Spirometriassa merkitsevä bronkodilataatiovaste."),
        Text("diagnosis", "J45.0 Pääasiassa allerginen astma"),
        Text("measurement", "PEF 480 l/min"),
        Text(
            "care_plan",
            "Inhaloitava kortikosteroidi ja tarvittaessa salbutamoli. PEF-seuranta kotona kaksi viikkoa.",
        ),
    ],
);
pub const JUHANI_INCOME_SUPPORT: Story =
    s("Toimeentulotuki", &[Text("client_document", "Päätös: täydentävä toimeentulotuki myönnetty vuokraan.")]);
pub const JUHANI_ASTHMA_CHECK: Story = s(
    "Astman kontrolli",
    &[Text("visit_summary", "Astma hyvässä hoitotasapainossa, ei yöoireita."), Text("measurement", "PEF 520 l/min")],
);

// ---- Elina ----
pub const ELINA_MIGRAINE: Story = s(
    "Migreeni",
    &[
        Text(
            "visit_summary",
            "Toistuvia toispuoleisia päänsärkykohtauksia, joihin liittyy valonarkuus ja pahoinvointi.",
        ),
        Text("diagnosis", "G43.0 Migreeni ilman auraa"),
    ],
);
pub const ELINA_NEUROLOGY: Story = s(
    "Neurologian poliklinikka",
    &[
        Text("visit_summary", "Migreeni ilman auraa. Neurologinen status normaali."),
        Text("imaging_study", "Aivojen magneettitutkimus: ei poikkeavaa."),
        Text("care_plan", "Triptaani kohtauslääkkeeksi, päänsärkypäiväkirja. Kontrolli tarvittaessa."),
    ],
);
pub const ELINA_OCCUPATIONAL: Story = s(
    "Työterveystarkastus",
    &[
        Text("visit_summary", "Määräaikainen työterveystarkastus, työkyky hyvä."),
        BloodPressure(126, 80),
        Text("certificate", "Työkykyarvio: työkykyinen nykyiseen työhön."),
    ],
);

// ---- Oskari and his children ----
pub const TOOTHACHE: Story = s(
    "Hammassärky",
    &[
        Text("visit_summary", "Särky alaleuan oikeassa poskihampaassa kolme päivää. Hampaassa 46 syvä reikä."),
        Text("procedure", "Hampaan 46 juurihoito aloitettu."),
    ],
);
pub const CHILD_EAR_INFECTION: Story = s(
    "Korvatulehdus",
    &[
        Text("visit_summary", "Oikea korva kipeä yöstä, kuumetta 38,5. Oikea tärykalvo punoittava ja pullottava."),
        Text("diagnosis", "H66.9 Välikorvatulehdus"),
        Weight,
    ],
);
pub const SPORTS_INJURY: Story = s(
    "Urheiluvamma",
    &[
        Text("visit_summary", "Nilkka vääntyi jalkapalloharjoituksissa, turvotusta ulkokehräksen alueella."),
        Text("imaging_study", "Nilkan röntgen: ei murtumaa."),
    ],
);
pub const SCHOOL_HEALTH_CHECK: Story = s(
    "Kouluterveydenhuollon laaja terveystarkastus",
    &[
        Text("visit_summary", "Kasvu ja kehitys ikätasoista, koulunkäynti sujuu."),
        Weight,
        Height,
        BloodPressure(104, 64),
    ],
);
pub const SCHOOL_HPV: Story = s("Kouluterveydenhuolto, rokotus", &[Vax(HPV)]);
pub const SCHOOL_DTAP: Story = s("Kouluterveydenhuolto, rokotus", &[Vax(DTAP_TEEN)]);

/// Child health clinic visits at the programme's ages (months), with the
/// vaccines of that age.
pub const CLINIC_2_MONTHS: Story =
    s("Neuvolakäynti", &[Text("visit_summary", "Kasvu ja kehitys ikätasoista."), Weight, Height, Vax(ROTAVIRUS)]);
pub const CLINIC_3_MONTHS: Story =
    s("Neuvolakäynti", &[Weight, Height, Vax(ROTAVIRUS), Vax(DTAP_IPV_HIB), Vax(PNEUMOCOCCAL_CHILD)]);
pub const CLINIC_5_MONTHS: Story = CLINIC_3_MONTHS;
pub const CLINIC_12_MONTHS: Story = s(
    "Neuvolakäynti",
    &[
        Text("visit_summary", "Kävelee tuettuna, sanoja muutama."),
        Weight,
        Height,
        Vax(DTAP_IPV_HIB),
        Vax(PNEUMOCOCCAL_CHILD),
        Vax(MMR),
    ],
);
pub const CLINIC_18_MONTHS_VARICELLA: Story = s("Neuvolakäynti", &[Weight, Height, Vax(VARICELLA)]);
pub const CLINIC_18_MONTHS: Story =
    s("Neuvolakäynti", &[Text("visit_summary", "Kasvu ja kehitys ikätasoista."), Weight, Height]);
pub const CLINIC_FLU_NASAL: Story = s("Neuvolakäynti, rokotus", &[Vax(INFLUENZA_CHILD_NASAL)]);
pub const CLINIC_FLU_INFANT: Story = s("Neuvolakäynti, rokotus", &[Vax(INFLUENZA_CHILD)]);
pub const CLINIC_4_YEARS: Story = s(
    "Neuvolan laaja terveystarkastus",
    &[Text("visit_summary", "Puhe ja motoriikka ikätasoisia."), Weight, Height, Vax(DTAP_IPV)],
);
pub const CLINIC_6_YEARS_MMRV: Story = s("Neuvolakäynti", &[Weight, Height, Vax(MMRV)]);
pub const CLINIC_6_YEARS_MMR: Story = s("Neuvolakäynti", &[Weight, Height, Vax(MMR)]);
